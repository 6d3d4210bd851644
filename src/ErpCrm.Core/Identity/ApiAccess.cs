using System.Collections.Frozen;
using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Identity;

/// <summary>
/// What every authenticated API call needs of the tenant's user tables — which enabled user a token's hash belongs to, and which
/// permissions each enabled user's roles grant — kept in the tenant's configuration cache (kind <see cref="Kind"/>), so that a call
/// reads none of them from the database: before, resolving the bearer token and checking the endpoint's permission were two queries
/// per request. Whatever changes an answer invalidates the kind in its own transaction: issuing or revoking a token
/// (<see cref="ApiTokenService"/>), creating, changing, disabling or deleting a user and setting a user's roles (<see cref="UserStore"/>),
/// changing, renaming or deleting a role or granting a permission (<see cref="RoleStore"/>); enabling or disabling a feature
/// invalidates every kind. So a revoke or a disable is honoured by this node's next request; another node honours it within
/// <c>ErpCrm:StateRecheckInterval</c> (a second), when it reads the serials again — the staleness every configuration kind accepts,
/// and the same as a request that read the token just before the revoke committed.
/// </summary>
public sealed class ApiAccess(IUnitOfWork unitOfWork, ITenantConfigurationCache configuration)
{
    internal static readonly ConfigurationKind<Snapshot> Kind = new("Identity.ApiAccess");

    /// <summary>An unrevoked token of an enabled user, and when its use was last recorded (see <see cref="ApiTokenService"/>).</summary>
    internal sealed class TokenOwner(long tokenId, UserRecord user, DateTimeOffset? lastUsed)
    {
        // The one thing in the shared snapshot that changes: a throttle, swapped atomically, so that of the requests on this node
        // using the token at once, one records its use per minute (a snapshot loaded again starts from the stored time).
        private long _recordedTicks = lastUsed?.UtcTicks ?? 0;

        public long TokenId => tokenId;

        public UserRecord User => user;

        /// <summary>Whether this caller is the one to record a use at <paramref name="now"/>: none was recorded within <paramref name="resolution"/>.</summary>
        public bool ClaimUse(DateTimeOffset now, TimeSpan resolution)
        {
            var recorded = Interlocked.Read(ref _recordedTicks);
            return now.UtcTicks - recorded >= resolution.Ticks && Interlocked.CompareExchange(ref _recordedTicks, now.UtcTicks, recorded) == recorded;
        }
    }

    /// <summary>What an enabled user's roles grant: everything for an Administrator.</summary>
    internal sealed record Grants(bool Administrator, FrozenSet<string> Permissions)
    {
        public bool Holds(string permission) => Administrator || Permissions.Contains(permission);
    }

    /// <summary>Tokens by their SHA-256 hash (hex), grants by user id; users who are disabled or gone are in neither.</summary>
    internal sealed record Snapshot(FrozenDictionary<string, TokenOwner> TokensByHash, FrozenDictionary<long, Grants> GrantsByUser);

    private sealed record TokenRow
    {
        public long TokenId { get; init; }
        public string Hash { get; init; } = "";
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? LastUsedUtc { get; init; }
    }

    private sealed record UserRoleRow
    {
        public long UserId { get; init; }
        public string Role { get; init; } = "";
    }

    private sealed record GrantRow
    {
        public string Role { get; init; } = "";
        public string Permission { get; init; } = "";
    }

    internal ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken) => configuration.GetAsync(Kind, LoadAsync, cancellationToken);

    /// <summary>
    /// The owner of the token with this hash, from the cache; a token the cache does not know is looked up in the database, so that
    /// a token issued on another node (or by the command line) works at once rather than when this node next reads the serials.
    /// Only what may be refused late is cached: a revoke or a disable is honoured by another node within the recheck interval.
    /// </summary>
    internal async Task<TokenOwner?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        if ((await GetAsync(cancellationToken)).TokensByHash.TryGetValue(hash, out var owner))
        {
            return owner;
        }
        var row = await unitOfWork.QuerySingleOrDefaultAsync<TokenRow>(TokensSql + " AND t.token_hash = @hash", new { enabled = true, hash }, cancellationToken);
        return row is null ? null : OwnerOf(row);
    }

    /// <summary>Records that this unit of work changes users, roles, grants or tokens (before its first write of them).</summary>
    internal Task ChangingAsync(CancellationToken cancellationToken) => configuration.InvalidateAsync(Kind, cancellationToken);

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var tokens = await unitOfWork.QueryAsync<TokenRow>(TokensSql, new { enabled = true }, cancellationToken);
        var roles = await unitOfWork.QueryAsync<UserRoleRow>(
            "SELECT ur.user_id AS UserId, ur.role_name AS Role FROM erp_user_roles ur JOIN erp_users u ON u.id = ur.user_id AND u.enabled = @enabled",
            new { enabled = true }, cancellationToken);
        var grants = (await unitOfWork.QueryAsync<GrantRow>("SELECT role_name AS Role, permission AS Permission FROM erp_role_permissions", null, cancellationToken))
            .ToLookup(g => g.Role, g => g.Permission, StringComparer.Ordinal);
        // Role names compare as the database compares them (exactly), as the per-request query did.
        var byUser = roles.GroupBy(r => r.UserId).ToFrozenDictionary(user => user.Key, user => new Grants(
            user.Any(r => r.Role == KernelPermissions.AdministratorRole),
            user.SelectMany(r => grants[r.Role]).ToFrozenSet(StringComparer.Ordinal)));
        var byHash = tokens.ToFrozenDictionary(t => t.Hash, OwnerOf, StringComparer.Ordinal);
        return new Snapshot(byHash, byUser);
    }

    /// <summary>The unrevoked tokens of enabled users.</summary>
    private const string TokensSql = """
        SELECT t.id AS TokenId, t.token_hash AS Hash, t.last_used_utc AS LastUsedUtc, u.id AS Id, u.user_name AS UserName, u.email AS Email, u.display_name AS DisplayName
        FROM erp_api_tokens t JOIN erp_users u ON u.id = t.user_id
        WHERE t.revoked_utc IS NULL AND u.enabled = @enabled
        """;

    private static TokenOwner OwnerOf(TokenRow t) => new(t.TokenId,
        new UserRecord { Id = t.Id, UserName = t.UserName, Email = t.Email, DisplayName = t.DisplayName, Enabled = true },
        DateTimeOffset.TryParse(t.LastUsedUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var used) ? used : null);
}
