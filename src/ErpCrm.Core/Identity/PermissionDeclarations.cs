using ErpCrm.Core.Modules;
using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>
/// Which permission names a set of features declares, whether those features are on yet or not: a recipe's <c>Roles</c> step
/// is checked with it before anything runs, against the features the recipe makes available (a permission of a feature the
/// recipe enables in an earlier step is known). Per-type permissions count when a dynamic provider says it declares names of
/// that form (<see cref="IDynamicPermissionProvider.Declares"/>), since the type may be defined by an earlier step too.
/// </summary>
public sealed class PermissionDeclarations(IEnumerable<IPermissionProvider> providers, IEnumerable<IDynamicPermissionProvider> dynamicProviders, ServiceFeatureMap map)
{
    /// <summary>The names of <paramref name="names"/> that no provider of <paramref name="features"/> declares, in their order.</summary>
    public IReadOnlyList<string> Undeclared(IEnumerable<string> names, IReadOnlySet<string> features)
    {
        var declared = providers.Where(p => map.IsEnabled(p.GetType(), features))
            .SelectMany(p => p.GetPermissions())
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        var dynamic = dynamicProviders.Where(p => map.IsEnabled(p.GetType(), features)).ToList();
        return names.Where(n => !declared.Contains(n) && !dynamic.Any(p => p.Declares(n))).Distinct(StringComparer.Ordinal).ToList();
    }
}
