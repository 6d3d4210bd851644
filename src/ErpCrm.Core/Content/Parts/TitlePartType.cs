using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;
using ErpCrm.Text;

namespace ErpCrm.Core.Content.Parts;

/// <summary>How a title is given (Orchard Core's TitlePartOptions, same order).</summary>
internal enum TitlePartOptions
{
    Editable,
    GeneratedDisabled,
    GeneratedHidden,
    EditableRequired,
}

/// <summary>
/// <c>TitlePart</c>: <c>{"Title": "…"}</c>, one line of at most 400 characters, stored trimmed; a non-empty title becomes
/// the item's DisplayText. Settings <c>TitlePartSettings</c>: Options as in Orchard Core, where only EditableRequired makes
/// a title required (so items imported from Orchard without titles still load). Titles generated from a Pattern are not
/// produced here: a generated title is taken as given.
/// </summary>
internal sealed class TitlePartType : IContentPartType
{
    public const int MaxLength = 400;

    public string Name => "TitlePart";

    public string DisplayName => "Title";

    public void ValidateSettings(ContentTypePartDefinition part, string path, IDictionary<string, string> errors)
    {
        var settings = new SettingsReader(part.Settings, "TitlePartSettings", path, errors);
        settings.Enumeration<TitlePartOptions>("Options");
        settings.Text("Pattern");
    }

    public ValueTask ValidateAsync(ContentPartContext context)
    {
        if (!PartValues.TryGetText(context, "Title", out var title))
        {
            return ValueTask.CompletedTask;
        }
        title = title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            var options = new SettingsReader(context.Part.Settings, "TitlePartSettings").Enumeration<TitlePartOptions>("Options");
            if (options == TitlePartOptions.EditableRequired)
            {
                context.AddError("Title is required.", "Title");
            }
            return ValueTask.CompletedTask;
        }
        context.Value["Title"] = title;
        if (title.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            context.AddError("Title must be a single line.", "Title");
        }
        else if (ControlCharacters.Error(title, "Title") is { } control)
        {
            context.AddError(control, "Title");
        }
        else if (title.Length > MaxLength)
        {
            context.AddError($"Title is {title.Length} characters long; at most {MaxLength} are allowed.", "Title");
        }
        else
        {
            context.Item.DisplayText = title;
        }
        return ValueTask.CompletedTask;
    }
}
