namespace ErpCrm.Core.Identity;

/// <summary>
/// A role's new state. <see cref="Name"/> renames it when it differs (on update; null keeps it),
/// <see cref="Description"/> null keeps the description, and <see cref="Permissions"/> is the full list granted.
/// </summary>
public sealed record RoleRequest(string? Name, string? Description, IReadOnlyList<string?>? Permissions)
{
    /// <summary>Nothing filled in: what a request without a body asks for.</summary>
    public static readonly RoleRequest Empty = new(null, null, null);
}

/// <summary>
/// Creates, changes and deletes roles, for the API and the admin pages alike. Invariants:
/// <list type="bullet">
/// <item>a role name is 1 to <see cref="MaxNameLength"/> letters, digits, spaces, '-' or '_', unique case-insensitively;</item>
/// <item>the Administrator role always exists under that name (it holds every permission, whatever it grants);</item>
/// <item>a permission newly granted is one an enabled feature declares, and one the actor holds. Grants of a feature
///   since disabled are kept, since disabling keeps data;</item>
/// <item>nobody changes or deletes a role that grants more than they hold (only an Administrator touches the Administrator
///   role): renaming, emptying or deleting such a role would take power from people above the actor.</item>
/// </list>
/// The actor is <see cref="ICurrentActor"/>: the user of the request, the user who runs a recipe, or the system.
/// Each change is audited in its transaction: creation, deletion, renaming and new descriptions, and grants.
/// </summary>
public sealed class RoleService(RoleStore roles, PermissionCatalog catalog, AuditLog audit, CurrentActor actor)
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 400;

    /// <summary>Null when <paramref name="name"/> is an acceptable role name, else what is wrong with it.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || !name.Trim().All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
            ? $"A role name of 1 to {MaxNameLength} letters, digits, spaces, '-' or '_' is required."
            : null;

    public async Task<Result<RoleRecord>> CreateAsync(RoleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (CheckName(request.Name) is { } nameError)
        {
            errors["name"] = nameError;
        }
        CheckDescription(request.Description, errors);
        var permissions = Distinct(request.Permissions ?? []);
        await CheckGrantsAsync(permissions, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        var name = request.Name!.Trim();
        var description = request.Description?.Trim() ?? "";
        if (await roles.FindAsync(name, cancellationToken) is { } existing)
        {
            return Result.Conflict($"A role named '{existing.Name}' exists.", "name");
        }
        if (!await roles.CreateAsync(name, description, cancellationToken))
        {
            return Result.Conflict($"A role named '{name}' exists.", "name"); // created by someone else meanwhile
        }
        await roles.UpdateAsync(name, description, permissions, cancellationToken);
        await audit.RecordAsync(AuditKinds.RoleCreated, name, $"Created, granting: {Names(permissions)}.", cancellationToken);
        return (await roles.FindAsync(name, cancellationToken))!;
    }

    public async Task<Result<RoleRecord>> UpdateAsync(string name, RoleRequest request, CancellationToken cancellationToken)
    {
        var role = await roles.FindAsync(name, cancellationToken);
        if (role is null)
        {
            return UnknownRole(name);
        }
        if (await CheckCanChangeAsync(role, cancellationToken) is { } refused)
        {
            return refused;
        }
        var errors = new Dictionary<string, string>();
        var newName = string.IsNullOrWhiteSpace(request.Name) ? role.Name : request.Name.Trim();
        var renamed = newName != role.Name;
        if (renamed && IsAdministrator(role))
        {
            errors["name"] = $"The {KernelPermissions.AdministratorRole} role cannot be renamed.";
        }
        else if (renamed && CheckName(newName) is { } nameError)
        {
            errors["name"] = nameError;
        }
        CheckDescription(request.Description, errors);
        if (request.Permissions is null)
        {
            errors["permissions"] = "List the permissions the role grants (an empty list for none).";
        }
        var permissions = Distinct(request.Permissions ?? []);
        var granted = permissions.Except(role.Permissions, StringComparer.Ordinal).ToList();
        var revoked = role.Permissions.Except(permissions, StringComparer.Ordinal).ToList();
        await CheckGrantsAsync(granted, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        if (renamed && await roles.FindAsync(newName, cancellationToken) is { } other && other.Name != role.Name)
        {
            return Result.Conflict($"A role named '{other.Name}' exists.", "name");
        }

        var description = request.Description?.Trim() ?? role.Description;
        if (renamed)
        {
            await roles.RenameAsync(role.Name, newName, cancellationToken);
        }
        await roles.UpdateAsync(newName, description, permissions, cancellationToken);

        var changes = new List<string>();
        if (renamed) changes.Add($"renamed '{role.Name}' → '{newName}'");
        if (description != role.Description) changes.Add($"description '{role.Description}' → '{description}'");
        if (changes.Count > 0)
        {
            await audit.RecordAsync(AuditKinds.RoleChanged, newName, string.Join("; ", changes) + ".", cancellationToken);
        }
        if (granted.Count > 0 || revoked.Count > 0)
        {
            await audit.RecordAsync(AuditKinds.PermissionsChanged, newName, $"Granted: {Names(granted)}. Revoked: {Names(revoked)}.", cancellationToken);
        }
        return (await roles.FindAsync(newName, cancellationToken))!;
    }

    public async Task<Result<RoleRecord>> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var role = await roles.FindAsync(name, cancellationToken);
        if (role is null)
        {
            return UnknownRole(name);
        }
        if (IsAdministrator(role))
        {
            return Result.Conflict($"The {KernelPermissions.AdministratorRole} role cannot be deleted.");
        }
        if (await CheckCanChangeAsync(role, cancellationToken) is { } refused)
        {
            return refused;
        }
        await roles.DeleteAsync(role.Name, cancellationToken);
        await audit.RecordAsync(AuditKinds.RoleDeleted, role.Name,
            $"Deleted; it was held by {role.UserCount} user(s) and granted: {Names(role.Permissions)}.", cancellationToken);
        return role;
    }

    /// <summary>
    /// Null when the actor may change or delete <paramref name="role"/>: they hold every permission it grants (and only an
    /// Administrator touches the Administrator role). Else why not, naming what they lack.
    /// </summary>
    public async Task<Failure?> CheckCanChangeAsync(RoleRecord role, CancellationToken cancellationToken)
    {
        var held = await actor.AuthorityAsync(cancellationToken);
        var target = new Authority(IsAdministrator(role), role.Permissions.ToHashSet(StringComparer.Ordinal));
        if (held.Covers(target))
        {
            return null;
        }
        return IsAdministrator(role)
            ? Result.Forbidden($"Only an {KernelPermissions.AdministratorRole} may change the {KernelPermissions.AdministratorRole} role.")
            : Result.Forbidden($"You cannot change or delete the role '{role.Name}': it grants permissions you do not hold: {Names(role.Permissions.Where(p => !held.Holds(p)).ToList())}.");
    }

    /// <summary>Permissions newly granted must be declared by an enabled feature, and held by the actor.</summary>
    public async Task CheckGrantsAsync(IReadOnlyList<string> granted, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var declared = (await catalog.NamesAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unknown = granted.Where(p => !declared.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            errors["permissions"] = $"Unknown permissions (no enabled feature declares them): {string.Join(", ", unknown.Select(p => $"'{p}'"))}.";
            return;
        }
        var held = await actor.AuthorityAsync(cancellationToken);
        var notHeld = granted.Where(p => !held.Holds(p)).ToList();
        if (notHeld.Count > 0)
        {
            errors["permissions"] = $"You can only grant permissions you hold yourself: {Names(notHeld)}.";
        }
    }

    private static void CheckDescription(string? description, Dictionary<string, string> errors)
    {
        if (description?.Trim().Length > MaxDescriptionLength)
        {
            errors["description"] = $"A description has at most {MaxDescriptionLength} characters.";
        }
    }

    private static bool IsAdministrator(RoleRecord role) => string.Equals(role.Name, KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase);

    private static List<string> Distinct(IEnumerable<string?> permissions) =>
        permissions.Select(p => p?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();

    private static Failure UnknownRole(string name) => Result.NotFound($"There is no role '{name}'.");

    private static string Names(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
