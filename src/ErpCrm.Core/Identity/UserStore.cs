using System.Net.Mail;
using ErpCrm.Data;
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
}

/// <summary>Users and roles of the current tenant.</summary>
public sealed class UserStore(IUnitOfWork unitOfWork, IPasswordHasher<UserRecord> hasher, TimeProvider clock)
{
    private const string Columns = "id AS Id, user_name AS UserName, email AS Email, display_name AS DisplayName, enabled AS Enabled";

    public Task<UserRecord?> FindByNameAsync(string userName, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM erp_users WHERE normalized_user_name = @name",
            new { name = userName.Trim().ToUpperInvariant() }, cancellationToken);

    public Task<UserRecord?> FindByIdAsync(long id, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM erp_users WHERE id = @id", new { id }, cancellationToken);

    /// <summary>Checks a new user's fields; returns every problem keyed by field.</summary>
    public static Dictionary<string, string> Validate(string? userName, string? email, string? password)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 100 || !userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            errors["userName"] = "A user name of 1 to 100 letters, digits, '.', '_', '-' or '@' is required.";
        }
        if (string.IsNullOrWhiteSpace(email) || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim())
        {
            errors["email"] = "A valid e-mail address is required.";
        }
        if (PasswordPolicy.Check(password) is { } problem)
        {
            errors["password"] = problem;
        }
        return errors;
    }

    /// <summary>Creates a user with the given roles; null when the user name is taken.</summary>
    public async Task<UserRecord?> CreateAsync(string userName, string email, string password, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        if (await FindByNameAsync(userName, cancellationToken) is not null)
        {
            return null;
        }
        var user = new UserRecord { UserName = userName.Trim(), Email = email.Trim(), DisplayName = userName.Trim(), Enabled = true };
        var id = await unitOfWork.ExecuteScalarAsync<long>(
            """
            INSERT INTO erp_users (user_name, normalized_user_name, email, normalized_email, display_name, password_hash, enabled, created_utc)
            VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @DisplayName, @PasswordHash, @Enabled, @Created)
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
                Created = clock.GetUtcNow().ToString("O"),
            }, cancellationToken);
        foreach (var role in roles)
        {
            await EnsureRoleAsync(role, "", cancellationToken);
            await unitOfWork.ExecuteAsync("INSERT INTO erp_user_roles (user_id, role_name) VALUES (@id, @role) ON CONFLICT DO NOTHING", new { id, role }, cancellationToken);
        }
        return user with { Id = id };
    }

    public Task EnsureRoleAsync(string name, string description, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("INSERT INTO erp_roles (name, description) VALUES (@name, @description) ON CONFLICT (name) DO NOTHING",
            new { name, description }, cancellationToken);

    public async Task<IReadOnlyList<string>> RolesOfAsync(long userId, CancellationToken cancellationToken) =>
        await unitOfWork.QueryAsync<string>("SELECT role_name FROM erp_user_roles WHERE user_id = @userId ORDER BY role_name", new { userId }, cancellationToken);

    /// <summary>The permissions the user holds through roles; Administrator holds all.</summary>
    public async Task<bool> HasPermissionAsync(long userId, string permission, CancellationToken cancellationToken)
    {
        var granted = await unitOfWork.QuerySingleOrDefaultAsync<long?>(
            """
            SELECT 1 FROM erp_user_roles ur
            WHERE ur.user_id = @userId
              AND (ur.role_name = @admin OR EXISTS (SELECT 1 FROM erp_role_permissions rp WHERE rp.role_name = ur.role_name AND rp.permission = @permission))
            LIMIT 1
            """,
            new { userId, permission, admin = KernelPermissions.AdministratorRole }, cancellationToken);
        return granted is not null;
    }
}
