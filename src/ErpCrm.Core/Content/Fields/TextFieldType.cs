using System.Text.RegularExpressions;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>TextField</c>: <c>{"Text": "…"}</c>. Settings <c>TextFieldSettings</c>: Hint, Required, DefaultValue, MaxLength,
/// Pattern (a .NET regular expression the whole text must match, as HTML's pattern attribute does), Multiline.
/// Text is one line unless Multiline is set or the field's editor (<c>ContentPartFieldSettings.Editor</c>) is TextArea.
/// </summary>
internal sealed class TextFieldType : TextValueFieldType
{
    /// <summary>How long a pattern may take on one value before the value is refused.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    public override string Name => "TextField";

    public override string DisplayName => "Text";

    protected override string Property => "Text";

    protected override void CheckSettings(SettingsReader settings)
    {
        settings.Text("DefaultValue");
        settings.Integer("MaxLength", minimum: 1);
        settings.Boolean("Multiline");
        if (settings.Text("Pattern") is { Length: > 0 } pattern && !TryCompile(pattern, out var problem))
        {
            settings.Error("Pattern", $"Pattern is not a valid regular expression: {problem}");
        }
    }

    protected override string? DefaultValue(FieldInput input) => input.Settings.Text("DefaultValue");

    protected override string? Check(FieldInput input, string text)
    {
        var multiline = input.Settings.Boolean("Multiline") || string.Equals(
            new SettingsReader(input.Context.Field.Settings, ContentSettingNames.ContentPartFieldSettings).Text("Editor"), "TextArea",
            StringComparison.OrdinalIgnoreCase);
        if (!multiline && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            input.Error("must be a single line");
        }
        else if (WithinMaxLength(input, text) && input.Settings.Text("Pattern") is { Length: > 0 } pattern)
        {
            try
            {
                if (!Regex.IsMatch(text, Anchored(pattern), RegexOptions.CultureInvariant, PatternTimeout))
                {
                    input.Error("does not have the expected format");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                input.Error("could not be checked against its pattern in time");
            }
            catch (ArgumentException)
            {
                // An invalid pattern is the definition's problem, reported when its settings are checked.
            }
        }
        return null;
    }

    private static string Anchored(string pattern) => $"^(?:{pattern})$";

    private static bool TryCompile(string pattern, out string problem)
    {
        try
        {
            // Compiling the anchored form also refuses a pattern that only parses unanchored, e.g. "a)|(b".
            _ = new Regex(Anchored(pattern), RegexOptions.CultureInvariant, PatternTimeout);
            problem = "";
            return true;
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
            return false;
        }
    }
}
