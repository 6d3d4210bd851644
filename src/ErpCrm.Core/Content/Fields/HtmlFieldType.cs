using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>HtmlField</c>: <c>{"Html": "…"}</c>, sanitised on save (see <see cref="ContentHtmlSanitizer"/>). Settings
/// <c>HtmlFieldSettings</c>: Required, Hint. HTML that sanitises to nothing counts as empty. Not indexed (bodies are
/// long; full-text search indexes them); displayed as its plain text.
/// </summary>
internal sealed class HtmlFieldType(ContentHtmlSanitizer sanitizer) : ContentFieldTypeBase
{
    public override string Name => "HtmlField";

    public override string DisplayName => "HTML";

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) => null;

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        StringOf(value, "Html") is { } html && ContentHtmlSanitizer.PlainText(html) is { Length: > 0 } text ? text : null;

    protected override void Validate(FieldInput input)
    {
        if (!input.TryGetText("Html", out var html))
        {
            return;
        }
        var clean = html is null ? null : sanitizer.Sanitize(html);
        if (clean != html)
        {
            input.Value["Html"] = clean;
        }
        input.HasValue(string.IsNullOrWhiteSpace(clean));
    }
}
