using ErpCrm.Core.Modules;

namespace ErpCrm.Core.Features;

/// <summary>
/// Works out which features change when some are enabled or disabled. Pure: it reads the catalog and the
/// tenant's enabled set and decides; <see cref="FeatureManager"/> applies the result.
/// </summary>
/// <remarks>
/// Rules: enabling pulls in dependencies transitively; disabling pulls in enabled dependents transitively;
/// an AutoEnable bridge is on exactly when all its dependencies are; an always-enabled feature is always on;
/// a feature enabled by dependency only goes off when nothing enabled needs it any more.
/// </remarks>
public static class FeatureResolver
{
    /// <summary>Plans enabling <paramref name="ids"/> on top of <paramref name="enabled"/>.</summary>
    public static FeaturePlan PlanEnable(ModuleCatalog catalog, IReadOnlySet<string> enabled, IReadOnlyList<string> ids, bool isDefaultTenant)
    {
        var errors = new List<string>();
        var target = new HashSet<string>(enabled, StringComparer.Ordinal);

        foreach (var id in ids)
        {
            var feature = catalog.Find(id);
            if (feature is null)
            {
                errors.Add($"Unknown feature '{id}'.");
            }
            else if (feature.EnabledByDependencyOnly)
            {
                errors.Add($"Feature '{id}' is enabled only as a dependency of another feature.");
            }
            else if (feature.AutoEnable)
            {
                errors.Add($"Feature '{id}' turns on by itself when {Join(feature.Dependencies)} are on.");
            }
            else
            {
                AddWithDependencies(catalog, feature, target, isDefaultTenant, errors);
            }
        }

        if (errors.Count > 0)
        {
            return FeaturePlan.Invalid(ids, errors);
        }
        Complete(catalog, target, isDefaultTenant);
        return Diff(catalog, ids, enabled, target);
    }

    /// <summary>Plans disabling <paramref name="ids"/> from <paramref name="enabled"/>.</summary>
    public static FeaturePlan PlanDisable(ModuleCatalog catalog, IReadOnlySet<string> enabled, IReadOnlyList<string> ids, bool isDefaultTenant)
    {
        var errors = new List<string>();
        var removed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var id in ids)
        {
            var feature = catalog.Find(id);
            if (feature is null)
            {
                errors.Add($"Unknown feature '{id}'.");
            }
            else if (feature.IsAlwaysEnabled)
            {
                errors.Add($"Feature '{id}' is always enabled and cannot be disabled.");
            }
            else if (feature.EnabledByDependencyOnly)
            {
                errors.Add($"Feature '{id}' is enabled only as a dependency; disable the features that need it instead.");
            }
            else if (feature.AutoEnable)
            {
                errors.Add($"Feature '{id}' turns off by itself when one of {Join(feature.Dependencies)} is off.");
            }
            else if (enabled.Contains(id))
            {
                AddWithDependents(catalog, id, enabled, removed);
            }
        }

        foreach (var id in removed)
        {
            if (catalog.Find(id) is { IsAlwaysEnabled: true })
            {
                errors.Add($"Feature '{id}' is always enabled and depends on {Join(ids)}, so they cannot be disabled.");
            }
        }
        if (errors.Count > 0)
        {
            return FeaturePlan.Invalid(ids, errors);
        }

        var target = new HashSet<string>(enabled, StringComparer.Ordinal);
        target.ExceptWith(removed);
        Complete(catalog, target, isDefaultTenant);
        return Diff(catalog, ids, enabled, target);
    }

    /// <summary>
    /// The set every tenant must at least have: always-enabled features and their dependencies, with the
    /// bridges that follow. Used at setup and to repair a state written by an older catalog.
    /// </summary>
    public static FeaturePlan PlanBaseline(ModuleCatalog catalog, IReadOnlySet<string> enabled, bool isDefaultTenant)
    {
        var target = new HashSet<string>(enabled.Where(id => catalog.Find(id) is not null), StringComparer.Ordinal);
        Complete(catalog, target, isDefaultTenant);
        return Diff(catalog, [], enabled.Where(id => catalog.Find(id) is not null).ToHashSet(StringComparer.Ordinal), target);
    }

    private static void AddWithDependencies(ModuleCatalog catalog, FeatureDescriptor feature, HashSet<string> target, bool isDefaultTenant, List<string> errors)
    {
        if (feature.DefaultTenantOnly && !isDefaultTenant)
        {
            errors.Add($"Feature '{feature.Id}' can only be enabled on the Default tenant.");
            return;
        }
        if (!target.Add(feature.Id))
        {
            return;
        }
        foreach (var dependency in feature.Dependencies)
        {
            AddWithDependencies(catalog, catalog.Find(dependency)!, target, isDefaultTenant, errors);
        }
    }

    private static void AddWithDependents(ModuleCatalog catalog, string id, IReadOnlySet<string> enabled, HashSet<string> removed)
    {
        if (!removed.Add(id))
        {
            return;
        }
        foreach (var dependent in catalog.DirectDependents(id).Where(enabled.Contains))
        {
            AddWithDependents(catalog, dependent, enabled, removed);
        }
    }

    /// <summary>Brings a target set to a fixed point of the rules that are not about the request.</summary>
    private static void Complete(ModuleCatalog catalog, HashSet<string> target, bool isDefaultTenant)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var feature in catalog.FeaturesInDependencyOrder)
            {
                var allowedHere = !feature.DefaultTenantOnly || isDefaultTenant;
                var dependenciesOn = feature.Dependencies.All(target.Contains);
                var mustBeOn = allowedHere && (feature.IsAlwaysEnabled || (feature.AutoEnable && dependenciesOn));
                var mustBeOff = target.Contains(feature.Id) && (!dependenciesOn
                    || (feature.EnabledByDependencyOnly && !catalog.DirectDependents(feature.Id).Any(target.Contains)));

                // Its dependencies too, all the way down: a dependency left without its own would be switched off again.
                if (mustBeOn && (!target.Contains(feature.Id) || !dependenciesOn))
                {
                    target.Add(feature.Id);
                    AddDependenciesOf(catalog, feature, target);
                    changed = true;
                }
                else if (mustBeOff && !feature.IsAlwaysEnabled)
                {
                    target.Remove(feature.Id);
                    changed = true;
                }
            }
        }
    }

    private static void AddDependenciesOf(ModuleCatalog catalog, FeatureDescriptor feature, HashSet<string> target)
    {
        foreach (var dependency in feature.Dependencies)
        {
            target.Add(dependency);
            AddDependenciesOf(catalog, catalog.Find(dependency)!, target);
        }
    }

    private static FeaturePlan Diff(ModuleCatalog catalog, IReadOnlyList<string> requested, IReadOnlySet<string> enabled, HashSet<string> target)
    {
        var toEnable = catalog.InDependencyOrder(target.Where(id => !enabled.Contains(id)));
        var toDisable = catalog.InDependencyOrder(enabled.Where(id => !target.Contains(id) && catalog.Find(id) is not null)).Reverse().ToList();
        return new FeaturePlan(requested, toEnable, toDisable, []);
    }

    private static string Join(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));
}
