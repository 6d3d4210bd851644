namespace ErpCrm.Core.Modules;

/// <summary>
/// Every valid module and feature the host knows, with the dependency graph between features.
/// Built once at start-up; immutable after that.
/// </summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, FeatureDescriptor> _features;
    private readonly Dictionary<string, List<string>> _dependents;
    private readonly Dictionary<string, int> _topologicalIndex;

    internal ModuleCatalog(IReadOnlyList<ModuleDescriptor> modules, IReadOnlyList<CatalogProblem> problems, IReadOnlyList<FeatureDescriptor> topologicalOrder)
    {
        Modules = modules;
        Problems = problems;
        FeaturesInDependencyOrder = topologicalOrder;
        _features = topologicalOrder.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _topologicalIndex = topologicalOrder.Select((f, i) => (f.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _dependents = topologicalOrder.ToDictionary(f => f.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var feature in topologicalOrder)
        {
            foreach (var dependency in feature.Dependencies)
            {
                _dependents[dependency].Add(feature.Id);
            }
        }
    }

    /// <summary>The same catalog with problems found before validation (plugins that did not load) listed first.</summary>
    internal ModuleCatalog WithProblems(IEnumerable<CatalogProblem> earlier) =>
        new(Modules, earlier.Concat(Problems).ToList(), FeaturesInDependencyOrder);

    /// <summary>The modules that passed validation.</summary>
    public IReadOnlyList<ModuleDescriptor> Modules { get; }

    /// <summary>What was wrong with the modules that were left out.</summary>
    public IReadOnlyList<CatalogProblem> Problems { get; }

    /// <summary>All features, every one after all of its dependencies.</summary>
    public IReadOnlyList<FeatureDescriptor> FeaturesInDependencyOrder { get; }

    /// <summary>The feature with this id, or null.</summary>
    public FeatureDescriptor? Find(string id) => _features.GetValueOrDefault(id);

    /// <summary>Features that list <paramref name="id"/> directly among their dependencies.</summary>
    public IReadOnlyList<string> DirectDependents(string id) => _dependents.TryGetValue(id, out var list) ? list : [];

    /// <summary>Sorts feature ids so that dependencies come first.</summary>
    public IReadOnlyList<FeatureDescriptor> InDependencyOrder(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Select(id => _features[id]).OrderBy(f => _topologicalIndex[f.Id]).ToList();

    /// <summary>All migrations of a feature, by version.</summary>
    public IReadOnlyList<MigrationDescriptor> MigrationsOf(string featureId) =>
        Modules.SelectMany(m => m.Migrations).Where(m => m.FeatureId == featureId).OrderBy(m => m.Version).ToList();

    /// <summary>All startups of valid modules, in a stable order.</summary>
    public IEnumerable<StartupDescriptor> Startups => Modules.SelectMany(m => m.Startups);
}
