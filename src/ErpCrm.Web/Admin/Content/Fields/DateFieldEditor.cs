using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Web.Admin.Content.Fields;

/// <summary>
/// <c>DateField {"Value": "2026-01-31"}</c> and <c>DateTimeField {"Value": "…Z"}</c>: a date input, or a date-time one read and
/// written in UTC, as the editor says; a range filter of days.
/// </summary>
public sealed class DateFieldEditor(string fieldType, ContentWidget widget) : WidgetFieldEditor(fieldType)
{
    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        field with { Widget = widget, FilterKind = ContentFilterKind.DateRange };

    public override void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs)
    {
        var stored = Scalar(value?["Value"]);
        inputs[field.Path] = [widget == ContentWidget.DateTime ? LocalInput(stored) : stored];
    }

    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors)
    {
        var text = First(form, field.Path);
        value["Value"] = widget == ContentWidget.DateTime ? UtcValue(text) : NullIfEmpty(text);
    }

    /// <summary>A datetime-local input's value (no zone) taken as UTC, as the editor says; text that does not read is passed on.</summary>
    private static string? UtcValue(string text) =>
        NullIfEmpty(text) is not { } trimmed ? null
        : DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : trimmed;

    /// <summary>A stored UTC date-time as a datetime-local input shows it (in UTC).</summary>
    private static string LocalInput(string stored) =>
        DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString(time.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : stored;
}
