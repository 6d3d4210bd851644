using System.Globalization;

namespace ErpCrm.Web.Pages.Shared;

/// <summary>Shows stored UTC times (ISO 8601 text) the same way on every page.</summary>
public static class Time
{
    public static string Show(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : iso ?? "";
}
