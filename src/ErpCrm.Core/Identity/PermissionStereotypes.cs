using ErpCrm.Core.Modules;
using ErpCrm.Modules;
using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>
/// When a feature is enabled, gives the roles its permission providers name (their stereotypes) the
/// permissions they ask for, creating the roles if needed. Roles an admin changed keep their changes: grants
/// are only added.
/// </summary>
internal sealed class PermissionStereotypes(IEnumerable<IPermissionProvider> providers, ServiceFeatureMap features, UserStore users, RoleStore roles) : IFeatureEventHandler
{
    public async Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken)
    {
        foreach (var provider in providers.Where(p => FeatureOf(p) == feature.Id))
        {
            foreach (var stereotype in provider.GetDefaultStereotypes())
            {
                await users.EnsureRoleAsync(stereotype.RoleName, "", cancellationToken);
                foreach (var permission in stereotype.Permissions)
                {
                    await roles.GrantAsync(stereotype.RoleName, permission.Name, cancellationToken);
                }
            }
        }
    }

    private string FeatureOf(IPermissionProvider provider) =>
        features.RequirementsOf(provider.GetType()) is { Count: > 0 } required ? required[0] : KernelFeatures.Kernel;
}
