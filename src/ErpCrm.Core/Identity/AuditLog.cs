using ErpCrm.Data;
using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>What an audit entry is about.</summary>
public static class AuditKinds
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password-changed";
    public const string UserCreated = "user-created";
    public const string UserChanged = "user-changed";
    public const string UserDeleted = "user-deleted";
    public const string RoleCreated = "role-created";
    public const string RoleChanged = "role-changed";
    public const string RoleDeleted = "role-deleted";
    public const string PermissionsChanged = "permissions-changed";
    public const string FeaturesChanged = "features-changed";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string TenantChanged = "tenant-changed";
    public const string TenantSetUp = "tenant-set-up";
    public const string RecipeStepRan = "recipe-step";
    public const string SettingsChanged = "settings-changed";

    public static readonly IReadOnlyList<string> All =
        [SignIn, SignInFailed, LockedOut, SignOut, PasswordChanged, UserCreated, UserChanged, UserDeleted, RoleCreated, RoleChanged,
         RoleDeleted, PermissionsChanged, FeaturesChanged, TokenCreated, TokenRevoked, TenantChanged, TenantSetUp, RecipeStepRan,
         SettingsChanged];
}

/// <summary>An audit entry as listed.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public string OccurredUtc { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Actor { get; init; }
    public string? Address { get; init; }
    public string Subject { get; init; } = "";
    public string Detail { get; init; } = "";
}

/// <summary>The number of audit entries of a kind on a UTC day.</summary>
public sealed record AuditDayCount
{
    public string Day { get; init; } = "";
    public string Kind { get; init; } = "";
    public long Count { get; init; }
}

/// <summary>
/// The tenant's audit trail: who did what, when, from which address. Written in the unit of work of the
/// change it records, so an entry exists exactly when the change committed. Sign-in failures and lockouts
/// are committed on their own, since the request that causes them fails.
/// </summary>
public sealed class AuditLog(IUnitOfWork unitOfWork, TimeProvider clock, ICurrentActor current)
{
    public const int MaxPageSize = 500;

    public Task RecordAsync(string kind, string subject, string detail, CancellationToken cancellationToken, string? actor = null)
    {
        var who = current.Actor;
        return unitOfWork.ExecuteAsync(
            "INSERT INTO erp_audit_log (occurred_utc, kind, actor, address, subject, detail) VALUES (@now, @kind, @actor, @address, @subject, @detail)",
            new
            {
                now = clock.GetUtcNow().ToString("O"),
                kind,
                actor = actor ?? who.UserName ?? (who.Kind == ActorKind.System ? "system" : null),
                address = who.Address,
                subject = Truncate(subject, 200),
                detail = Truncate(detail, 2000),
            }, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? kind, int page, int pageSize, CancellationToken cancellationToken) =>
        await unitOfWork.QueryAsync<AuditEntry>(
            """
            SELECT id AS Id, occurred_utc AS OccurredUtc, kind AS Kind, actor AS Actor, address AS Address, subject AS Subject, detail AS Detail
            FROM erp_audit_log
            WHERE (@from IS NULL OR occurred_utc >= @from) AND (@to IS NULL OR occurred_utc < @to) AND (@kind IS NULL OR kind = @kind)
            ORDER BY id DESC
            LIMIT @take OFFSET @skip
            """,
            new
            {
                from = from?.ToUniversalTime().ToString("O"),
                to = to?.ToUniversalTime().ToString("O"),
                kind,
                take = Math.Clamp(pageSize, 1, MaxPageSize),
                skip = Math.Max(0, page - 1) * Math.Clamp(pageSize, 1, MaxPageSize),
            }, cancellationToken);

    /// <summary>How many entries of each kind were recorded per UTC day (<c>yyyy-MM-dd</c>) from <paramref name="from"/> on.</summary>
    public async Task<IReadOnlyList<AuditDayCount>> CountByDayAsync(IReadOnlyList<string> kinds, DateTimeOffset from, CancellationToken cancellationToken)
    {
        // Grouped over every kind and filtered here: a list parameter is spelled differently on each engine
        // (IN (...) on SQLite, = ANY(array) on PostgreSQL), and a day holds only a handful of kinds.
        var counts = await unitOfWork.QueryAsync<AuditDayCount>(
            """
            SELECT substr(occurred_utc, 1, 10) AS Day, kind AS Kind, COUNT(*) AS Count
            FROM erp_audit_log
            WHERE occurred_utc >= @from
            GROUP BY substr(occurred_utc, 1, 10), kind
            """,
            new { from = from.ToUniversalTime().ToString("O") }, cancellationToken);
        return counts.Where(c => kinds.Contains(c.Kind, StringComparer.Ordinal)).ToList();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
