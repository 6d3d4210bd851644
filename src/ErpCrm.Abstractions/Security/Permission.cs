using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace ErpCrm.Security;

/// <summary>A permission that roles grant, declared by a module through <see cref="IPermissionProvider"/>.</summary>
/// <param name="Name">Unique name, e.g. <c>ManageFeatures</c>.</param>
/// <param name="Description">What it allows, as admins read it in the permission grid.</param>
/// <param name="Category">Groups it in the grid; defaults to the module.</param>
public sealed record Permission(string Name, string Description, string? Category = null)
{
    /// <summary>The authorization policy name for this permission.</summary>
    public string PolicyName => PermissionPolicy.Prefix + Name;
}

/// <summary>The permissions a role stereotype gets by default (e.g. Administrator, Editor).</summary>
public sealed record PermissionStereotype(string RoleName, IReadOnlyList<Permission> Permissions);

/// <summary>Declares a module's permissions. Register in a startup; used only where its feature is on.</summary>
public interface IPermissionProvider
{
    /// <summary>The permissions the module checks.</summary>
    IEnumerable<Permission> GetPermissions();

    /// <summary>Which roles get which of them by default. Administrator gets every permission anyway.</summary>
    IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [];
}

/// <summary>Ties endpoints to permissions.</summary>
public static class PermissionPolicy
{
    /// <summary>The prefix of permission policy names.</summary>
    public const string Prefix = "Permission:";

    /// <summary>Whether the request's user holds the permission named <paramref name="permission"/> (a page showing a button only to those who may use it).</summary>
    public static async Task<bool> HoldsPermissionAsync(this Microsoft.AspNetCore.Http.HttpContext http, string permission) =>
        (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>(http.RequestServices)
            .AuthorizeAsync(http.User, Prefix + permission)).Succeeded;

    /// <summary>Requires a signed-in user (cookie or bearer token) who holds <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(permission.PolicyName);

    /// <summary>
    /// Lets every signed-in user of the tenant call the endpoints, whatever they hold: for what concerns only the
    /// caller (who am I, sign out, change my password). Say so explicitly: an endpoint with neither a permission,
    /// this, nor <c>AllowAnonymous</c> fails the all-endpoints authorization test.
    /// </summary>
    public static TBuilder RequireAnySignedInUser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new AnySignedInUserAttribute());
}

/// <summary>
/// Marks an endpoint or Razor Page that any signed-in user may use, whatever their permissions (see
/// <see cref="PermissionPolicy.RequireAnySignedInUser{TBuilder}"/>). It requires a signed-in user of the tenant.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AnySignedInUserAttribute : AuthorizeAttribute;

/// <summary>
/// Declares permissions that depend on the tenant's data, e.g. one per Securable content type. Register in a startup;
/// used only where its feature is on. Read whenever the catalog of permissions is listed.
/// </summary>
public interface IDynamicPermissionProvider
{
    /// <summary>The permissions as the tenant's data stands now.</summary>
    Task<IEnumerable<Permission>> GetPermissionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="name"/> has the form of a permission this provider declares for some data (e.g.
    /// <c>Edit_{Type}</c> for any type name), without reading the data. A recipe that defines a type and then grants its
    /// permission is checked with this before anything runs; the grant is checked against the data when the step runs.
    /// </summary>
    bool Declares(string name) => false;
}
