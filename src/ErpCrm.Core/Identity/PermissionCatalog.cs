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
public sealed class PermissionCatalog(
    IFeatureServices<IPermissionProvider> providers, IFeatureServices<IDynamicPermissionProvider> dynamicProviders, ServiceFeatureMap features, ModuleCatalog catalog)
{
    private IReadOnlyList<DeclaredPermission>? listed;

    /// <summary>Every permission declared now (read once per unit of work: dynamic ones come from the tenant's data).</summary>
    public async Task<IReadOnlyList<DeclaredPermission>> ListAsync(CancellationToken cancellationToken)
    {
        if (listed is null)
        {
            var declared = providers.SelectMany(p => p.GetPermissions().Select(permission => new DeclaredPermission(permission, permission.Category ?? GroupOf(p)))).ToList();
            foreach (var provider in dynamicProviders)
            {
                declared.AddRange((await provider.GetPermissionsAsync(cancellationToken)).Select(permission => new DeclaredPermission(permission, permission.Category ?? GroupOf(provider))));
            }
            listed = declared
                .DistinctBy(p => p.Permission.Name, StringComparer.Ordinal)
                .OrderBy(p => p.Group, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Permission.Name, StringComparer.Ordinal)
                .ToList();
        }
        return listed;
    }

    /// <summary>The names of every permission declared now.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Select(p => p.Permission.Name).ToList();

    private string GroupOf(object provider)
    {
        var feature = features.RequirementsOf(provider.GetType()).FirstOrDefault();
        return feature is null ? "Kernel" : catalog.Find(feature)?.Name ?? feature;
    }
}
