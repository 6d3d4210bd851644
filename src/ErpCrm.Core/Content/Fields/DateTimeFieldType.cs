using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>DateTimeField</c>: <c>{"Value": "2026-01-31T10:00:00Z"}</c>, ISO 8601, stored in UTC (a value without an offset is
/// taken as UTC, as Orchard Core stores them; see <see cref="IsoDates"/>). Settings <c>DateTimeFieldSettings</c>: Required, Hint.
/// </summary>
internal sealed class DateTimeFieldType : ContentFieldTypeBase
{
    public override string Name => "DateTimeField";

    public override string DisplayName => "Date and time";

    public override ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Date;

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        IsoDates.TryParseDateTime(value?["Value"], out var utc) ? new ContentFieldIndexValue(Date: IsoDates.IndexDateTime(utc)) : null;

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        IsoDates.TryParseDateTime(value?["Value"], out var utc) ? IsoDates.DisplayDateTime(utc) : null;

    protected override void Validate(FieldInput input)
    {
        var node = input.Value["Value"];
        if (!input.HasValue(JsonScalars.IsBlank(node)))
        {
            return;
        }
        if (!IsoDates.TryParseDateTime(node, out var utc))
        {
            input.Error("must be a date and time in ISO 8601, such as 2026-01-31T10:00:00Z");
            return;
        }
        input.Value["Value"] = IsoDates.StoredDateTime(utc);
    }
}
