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

    /// <summary>Requires a signed-in user (cookie or bearer token) who holds <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(permission.PolicyName);
}
