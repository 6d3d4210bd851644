namespace ErpCrm.Core.Modules;

/// <summary>
/// Validates discovered modules into a <see cref="ModuleCatalog"/>. A module with a bad manifest (an empty
/// or duplicate feature id, a dependency no module declares, a dependency cycle, a startup or migration tied
/// to a feature it does not declare) is left out with a problem naming the module and the feature, and so
/// is every module that depended on it. The rest of the host goes on.
/// </summary>
public static class ModuleCatalogBuilder
{
    public static ModuleCatalog Build(IEnumerable<ModuleDescriptor> candidates)
    {
        var problems = new List<CatalogProblem>();
        var modules = new List<ModuleDescriptor>();
        var declaredBy = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var module in candidates)
        {
            var problem = CheckOwnManifest(module, declaredBy);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }
            foreach (var feature in module.Features)
            {
                declaredBy[feature.Id] = module.Id;
            }
            modules.Add(module);
        }

        // Removing a module can leave another with an unknown dependency: repeat until nothing changes.
        while (true)
        {
            var features = modules.SelectMany(m => m.Features).ToDictionary(f => f.Id, StringComparer.Ordinal);
            var broken = FindUnknownDependencies(modules, features).Concat(FindCycles(features))
                .DistinctBy(p => p.ModuleId, StringComparer.Ordinal) // one reason per module is enough to skip it
                .ToList();
            if (broken.Count == 0)
            {
                return new ModuleCatalog(modules, problems, TopologicalOrder(modules));
            }
            problems.AddRange(broken);
            var skipped = broken.Select(p => p.ModuleId).ToHashSet(StringComparer.Ordinal);
            modules.RemoveAll(m => skipped.Contains(m.Id));
        }
    }

    private static CatalogProblem? CheckOwnManifest(ModuleDescriptor module, Dictionary<string, string> declaredBy)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in module.Features)
        {
            if (string.IsNullOrWhiteSpace(feature.Id))
            {
                return new CatalogProblem(module.Id, null, "a feature has no id.");
            }
            if (!seen.Add(feature.Id))
            {
                return new CatalogProblem(module.Id, feature.Id, $"feature '{feature.Id}' is declared twice.");
            }
            if (declaredBy.TryGetValue(feature.Id, out var other))
            {
                return new CatalogProblem(module.Id, feature.Id, $"feature '{feature.Id}' is already declared by module '{other}'.");
            }
            if (feature.Dependencies.Contains(feature.Id))
            {
                return new CatalogProblem(module.Id, feature.Id, $"feature '{feature.Id}' depends on itself.");
            }
            if (feature.AutoEnable && feature.Dependencies.Count == 0)
            {
                return new CatalogProblem(module.Id, feature.Id, $"feature '{feature.Id}' is AutoEnable but has no dependencies to follow.");
            }
        }
        foreach (var startup in module.Startups)
        {
            if (!seen.Contains(startup.FeatureId))
            {
                return new CatalogProblem(module.Id, startup.FeatureId, $"startup '{startup.Type.Name}' belongs to feature '{startup.FeatureId}', which the module does not declare.");
            }
        }
        foreach (var migration in module.Migrations)
        {
            if (!seen.Contains(migration.FeatureId))
            {
                return new CatalogProblem(module.Id, migration.FeatureId, $"migration '{migration.Type.Name}' belongs to feature '{migration.FeatureId}', which the module does not declare.");
            }
        }
        var duplicateVersion = module.Migrations.GroupBy(m => (m.FeatureId, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicateVersion is not null)
        {
            return new CatalogProblem(module.Id, duplicateVersion.Key.FeatureId, $"feature '{duplicateVersion.Key.FeatureId}' has two migrations with version {duplicateVersion.Key.Version}.");
        }
        return null;
    }

    private static IEnumerable<CatalogProblem> FindUnknownDependencies(List<ModuleDescriptor> modules, Dictionary<string, FeatureDescriptor> features)
    {
        foreach (var module in modules)
        {
            var missing = module.Features
                .SelectMany(f => f.Dependencies.Where(d => !features.ContainsKey(d)).Select(d => (Feature: f.Id, Dependency: d)))
                .Concat(module.Startups.SelectMany(s => s.RequiredFeatures.Where(d => !features.ContainsKey(d)).Select(d => (Feature: s.FeatureId, Dependency: d))))
                .FirstOrDefault();
            if (missing != default)
            {
                yield return new CatalogProblem(module.Id, missing.Feature, $"feature '{missing.Feature}' depends on '{missing.Dependency}', which no loaded module declares.");
            }
        }
    }

    private static IEnumerable<CatalogProblem> FindCycles(Dictionary<string, FeatureDescriptor> features)
    {
        // Depth-first search with colours; every back edge closes a cycle, reported once per module in it.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<CatalogProblem>();

        void Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            // An unknown dependency is reported by FindUnknownDependencies in the same pass; it closes no cycle.
            foreach (var dependency in features[id].Dependencies.Where(features.ContainsKey))
            {
                var colour = state.GetValueOrDefault(dependency);
                if (colour == 1)
                {
                    var cycle = path.Skip(path.IndexOf(dependency)).Append(dependency).ToList();
                    foreach (var member in cycle.Distinct())
                    {
                        var moduleId = features[member].ModuleId;
                        if (reported.Add(moduleId))
                        {
                            problems.Add(new CatalogProblem(moduleId, member, $"feature '{member}' is in a dependency cycle: {string.Join(" -> ", cycle)}."));
                        }
                    }
                }
                else if (colour == 0)
                {
                    Visit(dependency);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[id] = 2;
        }

        foreach (var id in features.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(id) == 0)
            {
                Visit(id);
            }
        }
        return problems;
    }

    private static List<FeatureDescriptor> TopologicalOrder(List<ModuleDescriptor> modules)
    {
        var features = modules.SelectMany(m => m.Features).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var order = new List<FeatureDescriptor>();
        var done = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string id)
        {
            if (!done.Add(id))
            {
                return;
            }
            foreach (var dependency in features[id].Dependencies.Order(StringComparer.Ordinal))
            {
                Visit(dependency);
            }
            order.Add(features[id]);
        }

        foreach (var id in features.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id);
        }
        return order;
    }
}
