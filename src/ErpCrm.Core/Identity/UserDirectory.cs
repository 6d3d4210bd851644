using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Security;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Identity;

/// <summary>
/// <see cref="IUserDirectory"/> over the tenant's user tables. Who is enabled, by name and by role, comes from the tenant's
/// configuration cache (kind <see cref="EnabledUsersKind"/>): hot paths (a lead capture's round robin) read no user table. Every
/// change to users or their roles (<see cref="UserStore"/>, <see cref="RoleStore"/>) invalidates it in its own transaction.
/// </summary>
internal sealed class UserDirectory(IUnitOfWork unitOfWork, ITenantConfigurationCache configuration) : IUserDirectory
{
    /// <summary>The enabled users, by normalized user name and by role (upper case), ids in id order.</summary>
    public static readonly ConfigurationKind<EnabledUsers> EnabledUsersKind = new("Identity.EnabledUsers");

    internal sealed record EnabledUsers(IReadOnlyDictionary<string, string> IdsByName, IReadOnlyDictionary<string, IReadOnlyList<string>> IdsByRole);

    private sealed class UserRow
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public bool Enabled { get; init; }
    }

    private sealed class MemberRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? Role { get; init; }
    }

    public async Task<IReadOnlyList<string>> EnabledUserIdsInRoleAsync(string role, CancellationToken cancellationToken) =>
        (await EnabledAsync(cancellationToken)).IdsByRole.GetValueOrDefault(role.Trim().ToUpperInvariant()) ?? [];

    public async Task<string?> FindEnabledUserIdAsync(string userName, CancellationToken cancellationToken) =>
        (await EnabledAsync(cancellationToken)).IdsByName.GetValueOrDefault(userName.Trim().ToUpperInvariant());

    private async Task<EnabledUsers> EnabledAsync(CancellationToken cancellationToken) =>
        await configuration.GetAsync(EnabledUsersKind, async ct =>
        {
            var rows = await unitOfWork.QueryAsync<MemberRow>(
                """
                SELECT u.id AS Id, u.normalized_user_name AS Name, r.role_name AS Role
                FROM erp_users u LEFT JOIN erp_user_roles r ON r.user_id = u.id
                WHERE u.enabled = @yes ORDER BY u.id
                """, new { yes = true }, ct);
            var byName = new Dictionary<string, string>(StringComparer.Ordinal);
            var byRole = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var id = row.Id.ToString(CultureInfo.InvariantCulture);
                byName[row.Name] = id;
                if (row.Role is { } role)
                {
                    var members = byRole.TryGetValue(role.ToUpperInvariant(), out var list) ? list : byRole[role.ToUpperInvariant()] = [];
                    if (members.Count == 0 || members[^1] != id)
                    {
                        members.Add(id);
                    }
                }
            }
            return new EnabledUsers(byName, byRole.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value.AsReadOnly(), StringComparer.Ordinal));
        }, cancellationToken);

    public async Task<IReadOnlyList<DirectoryUser>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var numbers = ids.Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .OfType<long>().Distinct().ToList();
        if (numbers.Count == 0)
        {
            return [];
        }
        var parameters = new Dapper.DynamicParameters();
        for (var i = 0; i < numbers.Count; i++)
        {
            parameters.Add("p" + i.ToString(CultureInfo.InvariantCulture), numbers[i]);
        }
        var rows = await unitOfWork.QueryAsync<UserRow>(
            $"SELECT id AS Id, user_name AS UserName, display_name AS DisplayName, enabled AS Enabled FROM erp_users WHERE id IN ({string.Join(", ", numbers.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})",
            parameters, cancellationToken);
        return rows.Select(r => new DirectoryUser(r.Id.ToString(CultureInfo.InvariantCulture), r.UserName, r.DisplayName, r.Enabled)).ToList();
    }

    public async Task<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<UserRow>(
            "SELECT id AS Id, user_name AS UserName, display_name AS DisplayName, enabled AS Enabled FROM erp_users ORDER BY display_name, id", null, cancellationToken))
        .Select(u => new DirectoryUser(u.Id.ToString(CultureInfo.InvariantCulture), u.UserName, u.DisplayName, u.Enabled)).ToList();
}
