using ErpCrm.Data;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Identity;

/// <summary>A role with the permissions it grants.</summary>
public sealed record RoleRecord(string Name, string Description, IReadOnlyList<string> Permissions, int UserCount);

/// <summary>
/// The current tenant's roles and their permissions. Every change of what a role grants, or of who holds it, invalidates the
/// configuration kinds that cache it (<see cref="UserDirectory"/>'s, <see cref="ApiAccess"/>'s) in its own transaction.
/// </summary>
public sealed class RoleStore(IUnitOfWork unitOfWork, ITenantConfigurationCache configuration, ApiAccess access)
{
    private sealed record Row
    {
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public int UserCount { get; init; }
    }

    private sealed record Grant
    {
        public string RoleName { get; init; } = "";
        public string Permission { get; init; } = "";
    }

    public async Task<IReadOnlyList<RoleRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await unitOfWork.QueryAsync<Row>(
            "SELECT r.name AS Name, r.description AS Description, (SELECT COUNT(*) FROM erp_user_roles ur WHERE ur.role_name = r.name) AS UserCount FROM erp_roles r ORDER BY r.name",
            null, cancellationToken);
        var grants = await unitOfWork.QueryAsync<Grant>("SELECT role_name AS RoleName, permission AS Permission FROM erp_role_permissions ORDER BY permission", null, cancellationToken);
        var byRole = grants.ToLookup(g => g.RoleName, g => g.Permission, StringComparer.OrdinalIgnoreCase);
        return rows.Select(r => new RoleRecord(r.Name, r.Description, byRole[r.Name].ToList(), r.UserCount)).ToList();
    }

    public async Task<RoleRecord?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Creates a role; false when one of that name exists.</summary>
    public async Task<bool> CreateAsync(string name, string description, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync("INSERT INTO erp_roles (name, description) VALUES (@name, @description) ON CONFLICT (name) DO NOTHING",
            new { name = name.Trim(), description = description.Trim() }, cancellationToken) == 1;

    /// <summary>Replaces the role's description and permissions.</summary>
    public async Task UpdateAsync(string name, string description, IEnumerable<string> permissions, CancellationToken cancellationToken)
    {
        await access.ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE erp_roles SET description = @description WHERE name = @name", new { name, description = description.Trim() }, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_role_permissions WHERE role_name = @name", new { name }, cancellationToken);
        foreach (var permission in permissions.Distinct(StringComparer.Ordinal))
        {
            await GrantAsync(name, permission, cancellationToken);
        }
    }

    /// <summary>Renames a role, keeping its permissions and users.</summary>
    public async Task RenameAsync(string name, string newName, CancellationToken cancellationToken)
    {
        var names = new { name, newName = newName.Trim() };
        await configuration.InvalidateAsync(UserDirectory.EnabledUsersKind, cancellationToken);
        await access.ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE erp_roles SET name = @newName WHERE name = @name", names, cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE erp_role_permissions SET role_name = @newName WHERE role_name = @name", names, cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE erp_user_roles SET role_name = @newName WHERE role_name = @name", names, cancellationToken);
    }

    public async Task GrantAsync(string role, string permission, CancellationToken cancellationToken)
    {
        await access.ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("INSERT INTO erp_role_permissions (role_name, permission) VALUES (@role, @permission) ON CONFLICT DO NOTHING",
            new { role, permission }, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(UserDirectory.EnabledUsersKind, cancellationToken);
        await access.ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_user_roles WHERE role_name = @name", new { name }, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_role_permissions WHERE role_name = @name", new { name }, cancellationToken);
        return await unitOfWork.ExecuteAsync("DELETE FROM erp_roles WHERE name = @name", new { name }, cancellationToken) == 1;
    }
}
