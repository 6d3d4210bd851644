using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Data;

namespace ErpCrm.Core.Recipes;

/// <summary>
/// The parameters a recipe run after setup gets (Orchard Core's names): the site's name and its first administrator, so
/// that <c>parameters('AdminUserId')</c> means the same as it did at setup.
/// </summary>
public sealed class RecipeParameters(IUnitOfWork unitOfWork)
{
    private sealed record Admin
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string Email { get; init; } = "";
    }

    public async Task<IReadOnlyDictionary<string, string>> ForTenantAsync(CancellationToken cancellationToken)
    {
        var admin = await unitOfWork.QuerySingleOrDefaultAsync<Admin>(
            """
            SELECT u.id AS Id, u.user_name AS UserName, u.email AS Email FROM erp_users u
            JOIN erp_user_roles ur ON ur.user_id = u.id AND ur.role_name = @role
            ORDER BY u.id LIMIT 1
            """, new { role = KernelPermissions.AdministratorRole }, cancellationToken);
        var siteName = await unitOfWork.QuerySingleOrDefaultAsync<string>("SELECT value FROM erp_settings WHERE name = 'SiteName'", null, cancellationToken);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SiteName"] = siteName ?? "",
            ["AdminUsername"] = admin?.UserName ?? "",
            ["AdminEmail"] = admin?.Email ?? "",
            ["AdminUserId"] = admin?.Id.ToString(CultureInfo.InvariantCulture) ?? "",
        };
    }
}
