using Microsoft.AspNetCore.Authorization;

namespace ErpCrm.Security;

/// <summary>
/// Requires the signed-in user to hold a permission, on a Razor Page's model (or a controller). Pages under
/// <c>/Admin</c> need <c>AccessAdmin</c> as well, which the host adds to the whole folder.
/// </summary>
/// <example><code>[RequirePermission(TicketPermissions.ManageTicketsName)] public sealed class EditModel : PageModel { … }</code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    /// <param name="permission">The permission's <see cref="Permission.Name"/>.</param>
    public RequirePermissionAttribute(string permission) : base(PermissionPolicy.Prefix + permission) => Permission = permission;

    /// <summary>The name of the permission required.</summary>
    public string Permission { get; }
}
