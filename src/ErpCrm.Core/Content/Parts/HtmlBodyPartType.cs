using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;

namespace ErpCrm.Core.Content.Parts;

/// <summary>
/// <c>HtmlBodyPart</c>: <c>{"Html": "…"}</c>, sanitised on save like HtmlField. Orchard Core's <c>SanitizeHtml</c> setting is
/// not honoured: HTML is always sanitised.
/// </summary>
internal sealed class HtmlBodyPartType(ContentHtmlSanitizer sanitizer) : IContentPartType
{
    public string Name => "HtmlBodyPart";

    public string DisplayName => "HTML body";

    public ValueTask ValidateAsync(ContentPartContext context)
    {
        if (PartValues.TryGetText(context, "Html", out var html) && html is not null)
        {
            context.Value["Html"] = sanitizer.Sanitize(html);
        }
        return ValueTask.CompletedTask;
    }
}
