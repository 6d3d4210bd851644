using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>MarkdownField</c>: <c>{"Markdown": "…"}</c>, stored as written (whoever renders it to HTML must not let raw HTML
/// through). Settings <c>MarkdownFieldSettings</c>: Required, Hint, MaxLength. Not indexed (bodies are long; full-text search indexes them).
/// </summary>
internal sealed class MarkdownFieldType : TextValueFieldType
{
    public override string Name => "MarkdownField";

    public override string DisplayName => "Markdown";

    protected override string Property => "Markdown";

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) => null;

    protected override void CheckSettings(SettingsReader settings) => settings.Integer("MaxLength", minimum: 1);

    protected override string? Check(FieldInput input, string text)
    {
        WithinMaxLength(input, text);
        return null;
    }
}
