using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>DateField</c>: <c>{"Value": "2026-01-31T00:00:00"}</c>, Orchard Core's stored form; <c>2026-01-31</c> is accepted
/// too (see <see cref="IsoDates"/>). Settings <c>DateFieldSettings</c>: Required, Hint, Minimum, Maximum (dates).
/// </summary>
internal sealed class DateFieldType : ContentFieldTypeBase
{
    private const string Expected = "a date such as 2026-01-31";

    public override string Name => "DateField";

    public override string DisplayName => "Date";

    public override ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Date;

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        IsoDates.TryParseDate(value?["Value"], out var date) ? new ContentFieldIndexValue(Date: IsoDates.DateText(date)) : null;

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        IsoDates.TryParseDate(value?["Value"], out var date) ? IsoDates.DateText(date) : null;

    protected override void CheckSettings(SettingsReader settings)
    {
        // Both are read first, so that each is reported when wrong.
        var minimum = Bound(settings, "Minimum");
        var maximum = Bound(settings, "Maximum");
        if (minimum is { } min && maximum is { } max && min > max)
        {
            settings.Error("Minimum", $"Minimum ({IsoDates.DateText(min)}) must not be after Maximum ({IsoDates.DateText(max)}).");
        }
    }

    protected override void Validate(FieldInput input)
    {
        var node = input.Value["Value"];
        if (!input.HasValue(JsonScalars.IsBlank(node)))
        {
            return;
        }
        if (!IsoDates.TryParseDate(node, out var date))
        {
            input.Error($"must be {Expected}");
            return;
        }
        input.Value["Value"] = IsoDates.StoredDate(date);
        if (Bound(input.Settings, "Minimum") is { } minimum && date < minimum)
        {
            input.Error($"must be on or after {IsoDates.DateText(minimum)}");
        }
        else if (Bound(input.Settings, "Maximum") is { } maximum && date > maximum)
        {
            input.Error($"must be on or before {IsoDates.DateText(maximum)}");
        }
    }

    private static DateOnly? Bound(SettingsReader settings, string key) =>
        settings.TryRead<DateOnly>(key, IsoDates.TryParseDate, Expected, out var date) ? date : null;
}
