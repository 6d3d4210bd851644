namespace ErpCrm.Tenants;

/// <summary>
/// The current tenant's calendar: what day it is for the company, in the time zone of its <c>TimeZoneId</c> site setting
/// (an IANA or Windows id, set by the <c>settings</c> recipe step), UTC when it has none or an unknown one. Read the time
/// through this, not <see cref="DateTime.Now"/>: it follows the host's <see cref="TimeProvider"/>, which tests control.
/// </summary>
public interface ITenantClock
{
    /// <summary>The tenant's time zone.</summary>
    Task<TimeZoneInfo> GetTimeZoneAsync(CancellationToken cancellationToken);

    /// <summary>The tenant's current date.</summary>
    Task<DateOnly> GetTodayAsync(CancellationToken cancellationToken);

    /// <summary>When the day <paramref name="date"/> begins in the tenant's time zone, as a UTC instant.</summary>
    Task<DateTimeOffset> GetStartOfDayUtcAsync(DateOnly date, CancellationToken cancellationToken);
}
