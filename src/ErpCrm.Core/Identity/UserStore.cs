using System.Net.Mail;
using System.Security.Cryptography;
using ErpCrm.Data;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Identity;

namespace ErpCrm.Core.Identity;

/// <summary>A user of a tenant.</summary>
public sealed record UserRecord
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public bool Enabled { get; init; }
    public string? LockedOutUntilUtc { get; init; }
    public int FailedSignIns { get; init; }
    public string? LinkedContactId { get; init; }
    public string SecurityStamp { get; init; } = "";
    public string CreatedUtc { get; init; } = "";
}

/// <summary>Users of the current tenant, and their roles.</summary>
public sealed class UserStore(IUnitOfWork unitOfWork, IPasswordHasher<UserRecord> hasher, TimeProvider clock, ITenantConfigurationCache configuration, ApiAccess access)
{
    private const string Columns =
        "id AS Id, user_name AS UserName, email AS Email, display_name AS DisplayName, enabled AS Enabled, locked_out_until_utc AS LockedOutUntilUtc, " +
        "failed_sign_ins AS FailedSignIns, linked_contact_id AS LinkedContactId, security_stamp AS SecurityStamp, created_utc AS CreatedUtc";

    public Task<UserRecord?> FindByNameAsync(string userName, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM erp_users WHERE normalized_user_name = @name",
            new { name = userName.Trim().ToUpperInvariant() }, cancellationToken);

    public Task<UserRecord?> FindByIdAsync(long id, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM erp_users WHERE id = @id", new { id }, cancellationToken);

    public Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<UserRecord>($"SELECT {Columns} FROM erp_users ORDER BY normalized_user_name", null, cancellationToken);

    /// <summary>Checks a user's fields; returns every problem keyed by field. A null password means "not changing it".</summary>
    public static Dictionary<string, string> Validate(string? userName, string? email, string? password, bool passwordRequired = true)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 100 || !userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            errors["userName"] = "A user name of 1 to 100 letters, digits, '.', '_', '-' or '@' is required.";
        }
        if (string.IsNullOrWhiteSpace(email) || email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim())
        {
            errors["email"] = "A valid e-mail address is required.";
        }
        if ((passwordRequired || password is not null) && PasswordPolicy.Check(password) is { } problem)
        {
            errors["password"] = problem;
        }
        return errors;
    }

    /// <summary>Creates a user with the given roles; null when the user name is taken.</summary>
    public async Task<UserRecord?> CreateAsync(string userName, string email, string password, IEnumerable<string> roles, CancellationToken cancellationToken,
        string? displayName = null)
    {
        if (await FindByNameAsync(userName, cancellationToken) is not null)
        {
            return null;
        }
        var user = new UserRecord
        {
            UserName = userName.Trim(),
            Email = email.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(),
            Enabled = true,
            SecurityStamp = NewStamp(),
            CreatedUtc = clock.GetUtcNow().ToString("O"),
        };
        await UsersChangeAsync(cancellationToken);
        var id = await unitOfWork.ExecuteScalarAsync<long>(
            """
            INSERT INTO erp_users (user_name, normalized_user_name, email, normalized_email, display_name, password_hash, enabled, created_utc, security_stamp)
            VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @DisplayName, @PasswordHash, @Enabled, @CreatedUtc, @SecurityStamp)
            RETURNING id
            """,
            new
            {
                user.UserName,
                NormalizedUserName = user.UserName.ToUpperInvariant(),
                user.Email,
                NormalizedEmail = user.Email.ToUpperInvariant(),
                user.DisplayName,
                PasswordHash = hasher.HashPassword(user, password),
                user.Enabled,
                user.CreatedUtc,
                user.SecurityStamp,
            }, cancellationToken);
        await SetRolesAsync(id, roles, cancellationToken);
        return user with { Id = id };
    }

    /// <summary>Changes a user's e-mail, display name, enabled flag and linked contact. Disabling signs the user out everywhere.</summary>
    public async Task<int> UpdateAsync(long id, string email, string displayName, bool enabled, string? linkedContactId, CancellationToken cancellationToken)
    {
        await UsersChangeAsync(cancellationToken);
        return await unitOfWork.ExecuteAsync(
            """
            UPDATE erp_users SET email = @email, normalized_email = @normalizedEmail, display_name = @displayName, linked_contact_id = @linkedContactId,
                security_stamp = CASE WHEN enabled = @enabled THEN security_stamp ELSE @stamp END, enabled = @enabled
            WHERE id = @id
            """,
            new { id, email = email.Trim(), normalizedEmail = email.Trim().ToUpperInvariant(), displayName = displayName.Trim(), enabled, linkedContactId, stamp = NewStamp() },
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await UsersChangeAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_user_roles WHERE user_id = @id", new { id }, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_api_tokens WHERE user_id = @id", new { id }, cancellationToken);
        return await unitOfWork.ExecuteAsync("DELETE FROM erp_users WHERE id = @id", new { id }, cancellationToken) == 1;
    }

    /// <summary>Sets a new password (already checked against the policy) and signs the user out of other sessions.</summary>
    public async Task SetPasswordAsync(UserRecord user, string password, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync("UPDATE erp_users SET password_hash = @hash, security_stamp = @stamp WHERE id = @id",
            new { id = user.Id, hash = hasher.HashPassword(user, password), stamp = NewStamp() }, cancellationToken);

    /// <summary>Checks a password against the stored hash, upgrading the hash when the hasher asks for it.</summary>
    public async Task<bool> CheckPasswordAsync(UserRecord user, string password, CancellationToken cancellationToken)
    {
        var hash = await unitOfWork.QuerySingleOrDefaultAsync<string>("SELECT password_hash FROM erp_users WHERE id = @id", new { id = user.Id }, cancellationToken);
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }
        var result = hasher.VerifyHashedPassword(user, hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await unitOfWork.ExecuteAsync("UPDATE erp_users SET password_hash = @hash WHERE id = @id", new { id = user.Id, hash = hasher.HashPassword(user, password) }, cancellationToken);
        }
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Records the outcome of a sign-in attempt: resets the counter, or counts a failure and locks out at the limit.</summary>
    public Task RecordSignInAsync(long id, int failedSignIns, DateTimeOffset? lockedOutUntil, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("UPDATE erp_users SET failed_sign_ins = @failedSignIns, locked_out_until_utc = @until WHERE id = @id",
            new { id, failedSignIns, until = lockedOutUntil?.ToUniversalTime().ToString("O") }, cancellationToken);

    /// <summary>Replaces the user's roles (creating unknown ones).</summary>
    public async Task SetRolesAsync(long userId, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        await UsersChangeAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_user_roles WHERE user_id = @userId", new { userId }, cancellationToken);
        foreach (var role in roles.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await EnsureRoleAsync(role, "", cancellationToken);
            await unitOfWork.ExecuteAsync("INSERT INTO erp_user_roles (user_id, role_name) VALUES (@userId, @role) ON CONFLICT DO NOTHING", new { userId, role }, cancellationToken);
        }
    }

    public Task EnsureRoleAsync(string name, string description, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("INSERT INTO erp_roles (name, description) VALUES (@name, @description) ON CONFLICT (name) DO NOTHING",
            new { name, description }, cancellationToken);

    public async Task<IReadOnlyList<string>> RolesOfAsync(long userId, CancellationToken cancellationToken) =>
        await unitOfWork.QueryAsync<string>("SELECT role_name FROM erp_user_roles WHERE user_id = @userId ORDER BY role_name", new { userId }, cancellationToken);

    /// <summary>Every user's roles, by user id.</summary>
    public async Task<ILookup<long, string>> RolesByUserAsync(CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<UserRole>("SELECT user_id AS UserId, role_name AS RoleName FROM erp_user_roles ORDER BY role_name", null, cancellationToken))
            .ToLookup(r => r.UserId, r => r.RoleName);

    /// <summary>
    /// The ids of the enabled Administrators, read in the write transaction with their rows locked, so that two
    /// concurrent changes cannot each believe the other leaves an Administrator behind.
    /// </summary>
    public async Task<IReadOnlyList<long>> LockEnabledAdministratorsAsync(CancellationToken cancellationToken)
    {
        await unitOfWork.BeginWriteAsync(cancellationToken);
        return await unitOfWork.QueryAsync<long>(
            $"SELECT u.id FROM erp_users u JOIN erp_user_roles ur ON ur.user_id = u.id WHERE ur.role_name = @admin AND u.enabled = @enabled{unitOfWork.Dialect.ForUpdate}",
            new { admin = KernelPermissions.AdministratorRole, enabled = true }, cancellationToken);
    }

    private sealed record UserRole
    {
        public long UserId { get; init; }
        public string RoleName { get; init; } = "";
    }

    /// <summary>True when the user holds the permission through a role; Administrator holds all.</summary>
    /// <remarks>
    /// From the tenant's configuration cache (<see cref="ApiAccess"/>); a user it does not know (one without roles, or one given roles on
    /// another node since this node last read the serials) is asked of the database, so that a grant made elsewhere holds at once.
    /// </remarks>
    public async Task<bool> HasPermissionAsync(long userId, string permission, CancellationToken cancellationToken)
    {
        if ((await access.GetAsync(cancellationToken)).GrantsByUser.TryGetValue(userId, out var grants))
        {
            return grants.Holds(permission);
        }
        var granted = await unitOfWork.QuerySingleOrDefaultAsync<long?>(
            """
            SELECT 1 FROM erp_user_roles ur
            JOIN erp_users u ON u.id = ur.user_id AND u.enabled = @enabled
            WHERE ur.user_id = @userId
              AND (ur.role_name = @admin OR EXISTS (SELECT 1 FROM erp_role_permissions rp WHERE rp.role_name = ur.role_name AND rp.permission = @permission))
            LIMIT 1
            """,
            new { userId, permission, admin = KernelPermissions.AdministratorRole, enabled = true }, cancellationToken);
        return granted is not null;
    }

    /// <summary>Every permission the user holds (all declared ones for an Administrator).</summary>
    public async Task<IReadOnlySet<string>> PermissionsOfAsync(long userId, IEnumerable<string> declared, CancellationToken cancellationToken)
    {
        var roles = await RolesOfAsync(userId, cancellationToken);
        if (roles.Contains(KernelPermissions.AdministratorRole, StringComparer.OrdinalIgnoreCase))
        {
            return declared.ToHashSet(StringComparer.Ordinal);
        }
        var granted = await unitOfWork.QueryAsync<string>(
            "SELECT DISTINCT rp.permission FROM erp_role_permissions rp JOIN erp_user_roles ur ON ur.role_name = rp.role_name WHERE ur.user_id = @userId",
            new { userId }, cancellationToken);
        return granted.ToHashSet(StringComparer.Ordinal);
    }

    internal static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Who is enabled, by name or role, changes with this unit of work: <see cref="UserDirectory"/>'s cache is invalidated with it, and
    /// <see cref="ApiAccess"/>'s (whose tokens and grants are those of enabled users).
    /// </summary>
    private async Task UsersChangeAsync(CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(UserDirectory.EnabledUsersKind, cancellationToken);
        await access.ChangingAsync(cancellationToken);
    }
}
