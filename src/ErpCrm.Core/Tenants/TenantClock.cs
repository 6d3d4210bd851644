using ErpCrm.Tenants;

namespace ErpCrm.Core.Tenants;

/// <summary><see cref="ITenantClock"/> from the tenant's <c>TimeZoneId</c> setting and the host's <see cref="TimeProvider"/>; the zone is read once per unit of work.</summary>
internal sealed class TenantClock(SiteSettings settings, TimeProvider clock) : ITenantClock
{
    public const string Setting = "TimeZoneId";

    private TimeZoneInfo? _zone;

    public async Task<TimeZoneInfo> GetTimeZoneAsync(CancellationToken cancellationToken)
    {
        if (_zone is null)
        {
            var id = (await settings.GetAsync(Setting, cancellationToken))?.Trim();
            _zone = !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }
        return _zone;
    }

    public async Task<DateOnly> GetTodayAsync(CancellationToken cancellationToken) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), await GetTimeZoneAsync(cancellationToken)).DateTime);

    public async Task<DateTimeOffset> GetStartOfDayUtcAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var zone = await GetTimeZoneAsync(cancellationToken);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that begins in a gap (a DST change at midnight) begins at the gap's end.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
