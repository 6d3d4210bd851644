using ErpCrm.Core.Modules;
using ErpCrm.Modules;
using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>A permission with the module (or kernel) that declares it.</summary>
public sealed record DeclaredPermission(Permission Permission, string Group);

/// <summary>
/// The permissions declared by the enabled features of the current tenant, grouped by the module that declares
/// them (the rows of the permission grid), and the default roles their stereotypes ask for.
/// </summary>
public sealed class PermissionCatalog(IFeatureServices<IPermissionProvider> providers, ServiceFeatureMap features, ModuleCatalog catalog)
{
    public IReadOnlyList<DeclaredPermission> List() =>
        providers
            .SelectMany(p => p.GetPermissions().Select(permission => new DeclaredPermission(permission, permission.Category ?? GroupOf(p))))
            .DistinctBy(p => p.Permission.Name, StringComparer.Ordinal)
            .OrderBy(p => p.Group, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Permission.Name, StringComparer.Ordinal)
            .ToList();

    public bool Exists(string name) => List().Any(p => p.Permission.Name == name);

    private string GroupOf(IPermissionProvider provider)
    {
        var feature = features.RequirementsOf(provider.GetType()).FirstOrDefault();
        return feature is null ? "Kernel" : catalog.Find(feature)?.Name ?? feature;
    }
}
