using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// A field whose value is one text property (<c>{"Text": "…"}</c>, <c>{"Email": "…"}</c>…). Whitespace-only text counts
/// as empty for Required; empty text is kept as it came and not checked further.
/// </summary>
internal abstract class TextValueFieldType : ContentFieldTypeBase
{
    /// <summary>The JSON property holding the text.</summary>
    protected abstract string Property { get; }

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) => IndexText(StringOf(value, Property));

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) => StringOf(value, Property);

    protected override void Validate(FieldInput input)
    {
        if (!input.TryGetText(Property, out var text))
        {
            return;
        }
        if (!input.Present && DefaultValue(input) is { } defaultValue)
        {
            text = defaultValue;
            input.Value[Property] = text;
        }
        if (!input.HasValue(string.IsNullOrWhiteSpace(text)))
        {
            return;
        }
        if (Check(input, text!) is { } stored && stored != text)
        {
            input.Value[Property] = stored;
        }
    }

    /// <summary>The text to use when the item does not carry the field; null for none.</summary>
    protected virtual string? DefaultValue(FieldInput input) => null;

    /// <summary>Reports text longer than the MaxLength setting; true when it fits.</summary>
    protected static bool WithinMaxLength(FieldInput input, string text)
    {
        if (input.Settings.Integer("MaxLength", minimum: 1) is { } maxLength && text.Length > maxLength)
        {
            input.Error($"is {text.Length} characters long; at most {maxLength} are allowed");
            return false;
        }
        return true;
    }

    /// <summary>Checks non-empty text (reporting through <paramref name="input"/>) and gives its stored form; null leaves it as it is.</summary>
    protected abstract string? Check(FieldInput input, string text);
}
