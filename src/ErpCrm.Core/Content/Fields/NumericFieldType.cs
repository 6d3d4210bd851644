using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>NumericField</c>: <c>{"Value": 12.5}</c>, a JSON number (a numeric string is accepted and stored as a number, its
/// trailing zeros dropped). Exact: read as decimal, never double, and never rounded. Settings <c>NumericFieldSettings</c>:
/// Required, Hint, Minimum, Maximum, Scale (decimals allowed, 0..10; unset allows any), Placeholder, DefaultValue.
/// </summary>
internal sealed class NumericFieldType : ContentFieldTypeBase
{
    public const int MaxScale = 10;

    public override string Name => "NumericField";

    public override string DisplayName => "Number";

    public override ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Number;

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        JsonScalars.TryGetDecimal(value?["Value"], out var number) ? new ContentFieldIndexValue(Number: number) : null;

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field)
    {
        if (!JsonScalars.TryGetDecimal(value?["Value"], out var number))
        {
            return null;
        }
        var scale = Settings(field).Integer("Scale", 0, MaxScale);
        return scale is { } decimals && JsonScalars.Decimals(number) <= decimals
            ? number.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : JsonScalars.Normalize(number).ToString(CultureInfo.InvariantCulture);
    }

    protected override void CheckSettings(SettingsReader settings)
    {
        settings.Integer("Scale", 0, MaxScale);
        settings.Text("Placeholder");
        settings.Number("DefaultValue");
        settings.CheckNumberRange();
    }

    protected override void Validate(FieldInput input)
    {
        var node = input.Value["Value"];
        if (!input.Present && input.Settings.Number("DefaultValue") is { } defaultValue)
        {
            node = JsonValue.Create(defaultValue);
        }
        if (!input.HasValue(JsonScalars.IsBlank(node)))
        {
            return;
        }
        if (!JsonScalars.TryGetDecimal(node, out var number))
        {
            input.Error("must be a number");
            return;
        }
        input.Value["Value"] = JsonScalars.Normalize(number);
        if (input.Settings.Integer("Scale", 0, MaxScale) is { } scale && JsonScalars.Decimals(number) > scale)
        {
            input.Error(scale == 0 ? "must be a whole number" : $"has {JsonScalars.Decimals(number)} decimals; at most {scale} {(scale == 1 ? "is" : "are")} allowed");
        }
        else
        {
            input.WithinRange(number);
        }
    }
}
