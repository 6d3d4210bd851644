using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Text;

namespace ErpCrm.Core.Identity;

/// <summary>A user with their roles.</summary>
public sealed record UserDetails(UserRecord User, IReadOnlyList<string> Roles);

/// <summary>What creating a user takes. Roles are named as the roles list shows them.</summary>
public sealed record UserCreateRequest(string? UserName, string? Email, string? DisplayName, string? Password, IReadOnlyList<string?>? Roles)
{
    /// <summary>Nothing filled in: what a request without a body asks for.</summary>
    public static readonly UserCreateRequest Empty = new(null, null, null, null, null);
}

/// <summary>
/// A user's new state: every field as it should be, except <see cref="Password"/>, which is reset only when given.
/// An empty display name means the user name.
/// </summary>
public sealed record UserUpdateRequest(string? Email, string? DisplayName, bool? Enabled, string? LinkedContactId, IReadOnlyList<string?>? Roles, string? Password)
{
    /// <summary>Nothing filled in: what a request without a body asks for.</summary>
    public static readonly UserUpdateRequest Empty = new(null, null, null, null, null, null);
}

/// <summary>
/// Creates, changes and deletes users, for the API and the admin pages alike. Invariants:
/// <list type="bullet">
/// <item>a user name is unique, case-insensitively; every role named exists;</item>
/// <item>nobody disables or deletes their own account, and the last enabled Administrator stays one;</item>
/// <item>nobody gives or takes over more than they hold: a role is given only by someone who holds all its
///   permissions, the Administrator role only by an Administrator, and a user is changed only by someone who
///   holds everything that user holds.</item>
/// </list>
/// Each change is audited in its transaction, so the entry exists exactly when the change committed.
/// </summary>
public sealed class UserService(UserStore users, RoleStore roles, AuditLog audit, IUnitOfWork unitOfWork, CurrentActor caller, IFeatureServices<IContactDirectory> contacts)
{
    public const int MaxDisplayNameLength = 200;
    public const int MaxLinkedContactIdLength = 100;

    public async Task<IReadOnlyList<UserDetails>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.ListAsync(cancellationToken);
        var rolesByUser = await users.RolesByUserAsync(cancellationToken);
        return all.Select(u => new UserDetails(u, rolesByUser[u.Id].ToList())).ToList();
    }

    public async Task<UserDetails?> FindAsync(long id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) is { } user ? new UserDetails(user, await users.RolesOfAsync(id, cancellationToken)) : null;

    public async Task<Result<UserDetails>> CreateAsync(UserCreateRequest request, CancellationToken cancellationToken)
    {
        var allRoles = await roles.ListAsync(cancellationToken);
        var errors = UserStore.Validate(request.UserName, request.Email, request.Password);
        CheckDisplayName(request.DisplayName, errors);
        var granted = ResolveRoles(request.Roles ?? [], allRoles, errors);
        CheckCanGive(await caller.AuthorityAsync(cancellationToken), granted, allRoles, errors);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        UserRecord? created;
        try
        {
            created = await users.CreateAsync(request.UserName!, request.Email!, request.Password!, granted, cancellationToken, request.DisplayName);
        }
        catch (Exception e) when (unitOfWork.Dialect.IsUniqueViolation(e))
        {
            created = null; // created by someone else meanwhile
        }
        if (created is null)
        {
            return Result.Conflict($"The user name '{request.UserName!.Trim()}' is taken.", "userName");
        }
        await audit.RecordAsync(AuditKinds.UserCreated, created.UserName, $"Created with e-mail {created.Email} and roles: {Names(granted)}.", cancellationToken);
        return new UserDetails(created, granted);
    }

    public async Task<Result<UserDetails>> UpdateAsync(long id, UserUpdateRequest request, CancellationToken cancellationToken)
    {
        var target = await users.FindByIdAsync(id, cancellationToken);
        if (target is null)
        {
            return UnknownUser(id);
        }
        var allRoles = await roles.ListAsync(cancellationToken);
        var actor = await caller.AuthorityAsync(cancellationToken);
        var current = await users.RolesOfAsync(id, cancellationToken);
        if (!actor.Covers(Authority.Of(current, allRoles)))
        {
            return Untouchable(target);
        }

        var errors = UserStore.Validate(target.UserName, request.Email, request.Password, passwordRequired: false);
        CheckDisplayName(request.DisplayName, errors);
        var linkedContactId = string.IsNullOrWhiteSpace(request.LinkedContactId) ? null : request.LinkedContactId.Trim();
        if (linkedContactId?.Length > MaxLinkedContactIdLength)
        {
            errors["linkedContactId"] = $"A linked contact id has at most {MaxLinkedContactIdLength} characters.";
        }
        else if (linkedContactId is not null && linkedContactId != target.LinkedContactId && await LinkedContactErrorAsync(linkedContactId, cancellationToken) is { } unlinkable)
        {
            errors["linkedContactId"] = unlinkable; // a link kept as it was is not checked again: its contact may have gone since
        }
        if (request.Enabled is null)
        {
            errors["enabled"] = "Say whether the user is enabled: true or false.";
        }
        else if (request.Enabled == false && id == caller.Actor.UserId)
        {
            errors["enabled"] = "You cannot disable your own account.";
        }
        if (request.Roles is null)
        {
            errors["roles"] = "List the user's roles (an empty list for none).";
        }
        var wanted = ResolveRoles(request.Roles ?? [], allRoles, errors);
        CheckCanGive(actor, wanted.Except(current, StringComparer.Ordinal), allRoles, errors);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        var enabled = request.Enabled!.Value;
        if (target.Enabled && current.Contains(KernelPermissions.AdministratorRole) && !(enabled && wanted.Contains(KernelPermissions.AdministratorRole))
            && await IsLastEnabledAdministratorAsync(id, cancellationToken))
        {
            return Result.Invalid(enabled ? "roles" : "enabled", $"'{target.UserName}' is the last enabled Administrator: make someone else an Administrator first.");
        }

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? target.UserName : request.DisplayName.Trim();
        var email = request.Email!.Trim();
        await users.UpdateAsync(id, email, displayName, enabled, linkedContactId, cancellationToken);
        var added = wanted.Except(current, StringComparer.Ordinal).ToList();
        var removed = current.Except(wanted, StringComparer.Ordinal).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            await users.SetRolesAsync(id, wanted, cancellationToken);
        }
        if (request.Password is not null)
        {
            await users.SetPasswordAsync(target, request.Password, cancellationToken);
        }

        var changes = new List<string>();
        if (email != target.Email) changes.Add($"e-mail {target.Email} → {email}");
        if (displayName != target.DisplayName) changes.Add($"display name '{target.DisplayName}' → '{displayName}'");
        if (enabled != target.Enabled) changes.Add(enabled ? "enabled" : "disabled");
        if (linkedContactId != target.LinkedContactId) changes.Add($"linked contact {target.LinkedContactId ?? "none"} → {linkedContactId ?? "none"}");
        if (added.Count > 0) changes.Add($"roles added: {Names(added)}");
        if (removed.Count > 0) changes.Add($"roles removed: {Names(removed)}");
        if (request.Password is not null) changes.Add("password reset");
        if (changes.Count > 0)
        {
            await audit.RecordAsync(AuditKinds.UserChanged, target.UserName, string.Join("; ", changes) + ".", cancellationToken);
        }
        return new UserDetails((await users.FindByIdAsync(id, cancellationToken))!, wanted.Order(StringComparer.Ordinal).ToList());
    }

    public async Task<Result<UserDetails>> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var target = await users.FindByIdAsync(id, cancellationToken);
        if (target is null)
        {
            return UnknownUser(id);
        }
        if (id == caller.Actor.UserId)
        {
            return Result.Conflict("You cannot delete your own account.");
        }
        var allRoles = await roles.ListAsync(cancellationToken);
        var current = await users.RolesOfAsync(id, cancellationToken);
        if (!(await caller.AuthorityAsync(cancellationToken)).Covers(Authority.Of(current, allRoles)))
        {
            return Untouchable(target);
        }
        if (target.Enabled && current.Contains(KernelPermissions.AdministratorRole) && await IsLastEnabledAdministratorAsync(id, cancellationToken))
        {
            return Result.Conflict($"'{target.UserName}' is the last enabled Administrator and cannot be deleted: make someone else an Administrator first.");
        }
        await users.DeleteAsync(id, cancellationToken);
        await audit.RecordAsync(AuditKinds.UserDeleted, target.UserName, $"Deleted; had roles: {Names(current)}.", cancellationToken);
        return new UserDetails(target, current);
    }

    private async Task<bool> IsLastEnabledAdministratorAsync(long id, CancellationToken cancellationToken) =>
        await users.LockEnabledAdministratorsAsync(cancellationToken) is [var only] && only == id;

    /// <summary>The roles named, spelled as stored; names of no role are reported under "roles".</summary>
    private static List<string> ResolveRoles(IEnumerable<string?> names, IReadOnlyList<RoleRecord> allRoles, Dictionary<string, string> errors)
    {
        var resolved = new List<string>();
        var unknown = new List<string>();
        foreach (var name in names.Select(n => n?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (allRoles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is { } role)
            {
                resolved.Add(role.Name);
            }
            else
            {
                unknown.Add($"'{name}'");
            }
        }
        if (unknown.Count > 0)
        {
            errors["roles"] = $"Unknown roles: {string.Join(", ", unknown)}.";
        }
        return resolved;
    }

    private static void CheckCanGive(Authority actor, IEnumerable<string> given, IReadOnlyList<RoleRecord> allRoles, Dictionary<string, string> errors)
    {
        var beyond = given.Where(r => !actor.Covers(Authority.Of([r], allRoles))).ToList();
        if (beyond.Count > 0 && !errors.ContainsKey("roles"))
        {
            errors["roles"] = $"You can only give roles whose permissions you hold yourself (the Administrator role only as an Administrator): {Names(beyond)}.";
        }
    }

    private static void CheckDisplayName(string? displayName, Dictionary<string, string> errors)
    {
        if (displayName?.Trim().Length > MaxDisplayNameLength)
        {
            errors["displayName"] = $"A display name has at most {MaxDisplayNameLength} characters.";
        }
        else if (ControlCharacters.Error(displayName?.Trim(), "A display name") is { } control)
        {
            errors["displayName"] = control;
        }
    }

    /// <summary>Why a user cannot be linked to <paramref name="contactId"/>: Contacts is off, or it names no contact; null when it can.</summary>
    private async Task<string?> LinkedContactErrorAsync(string contactId, CancellationToken cancellationToken) =>
        contacts.FirstOrDefault() is not { } directory
            ? "Contacts is off: a user can be linked to a contact only while the Contacts feature is on."
            : await directory.ExistsAsync(contactId, cancellationToken) ? null : $"There is no contact '{contactId}'.";

    private static Failure UnknownUser(long id) => Result.NotFound($"There is no user #{id}.");

    private static Failure Untouchable(UserRecord target) =>
        Result.Forbidden($"'{target.UserName}' holds permissions you do not hold: only someone who holds them all can change this user.");

    private static string Names(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
