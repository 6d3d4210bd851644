using ErpCrm.Core.Modules;

namespace ErpCrm.Core.Tests;

/// <summary>Builds module descriptors in code, so that catalog and resolver rules can be specified without assemblies.</summary>
internal static class ModuleCatalogTestData
{
    public static FeatureDescriptor Feature(string id, string module, params string[] dependencies) =>
        new(id, id, "", "Test", module, dependencies, false, false, false, false);

    public static FeatureDescriptor AlwaysEnabled(string id, string module, params string[] dependencies) =>
        Feature(id, module, dependencies) with { IsAlwaysEnabled = true };

    public static FeatureDescriptor EnabledByDependencyOnly(string id, string module, params string[] dependencies) =>
        Feature(id, module, dependencies) with { EnabledByDependencyOnly = true };

    public static FeatureDescriptor DefaultTenantOnly(string id, string module, params string[] dependencies) =>
        Feature(id, module, dependencies) with { DefaultTenantOnly = true };

    public static FeatureDescriptor Bridge(string id, string module, params string[] dependencies) =>
        Feature(id, module, dependencies) with { AutoEnable = true };

    public static ModuleDescriptor Module(string id, params FeatureDescriptor[] features) =>
        new(id, id, "", "", "1.0.0", "test", null, features, [], []);

    /// <summary>A module with one startup class that belongs to <paramref name="startupFeature"/>.</summary>
    public static ModuleDescriptor ModuleWithStartup(string id, Type startup, string startupFeature, params FeatureDescriptor[] features) =>
        Module(id, features) with { Startups = [new StartupDescriptor(startup, startupFeature, [])] };

    /// <summary>A module with one migration (version 1) that belongs to <paramref name="migrationFeature"/>.</summary>
    public static ModuleDescriptor ModuleWithMigration(string id, Type migration, string migrationFeature, params FeatureDescriptor[] features) =>
        Module(id, features) with { Migrations = [new MigrationDescriptor(migration, migrationFeature, 1, migration.Name)] };

    /// <summary>The kernel module as the host declares it: one always-enabled feature.</summary>
    public static ModuleDescriptor Kernel() => Module("ErpCrm.Core", AlwaysEnabled(KernelFeatures.Kernel, "ErpCrm.Core"));

    /// <summary>
    /// The same features as the ErpCrm.Tests.Modules manifest, declared in code, plus a second dependent of
    /// Test.Hidden and a dependent of the default-tenant-only feature, which the rules also need.
    /// </summary>
    public static ModuleCatalog TestModules()
    {
        const string m = "ErpCrm.Tests.Modules";
        return BuildValid(
            Kernel(),
            Module(m,
                Feature("Test.Alpha", m),
                Feature("Test.Beta", m, "Test.Alpha"),
                Feature("Test.Gamma", m, "Test.Beta"),
                Feature("Test.Delta", m),
                Bridge("Test.Bridge", m, "Test.Alpha", "Test.Delta"),
                AlwaysEnabled("Test.Always", m),
                EnabledByDependencyOnly("Test.Hidden", m),
                Feature("Test.NeedsHidden", m, "Test.Hidden"),
                Feature("Test.AlsoNeedsHidden", m, "Test.Hidden"),
                DefaultTenantOnly("Test.HostOnly", m),
                Feature("Test.NeedsHostOnly", m, "Test.HostOnly")));
    }

    /// <summary>Builds a catalog that the test expects to be free of problems.</summary>
    public static ModuleCatalog BuildValid(params ModuleDescriptor[] modules)
    {
        var catalog = ModuleCatalogBuilder.Build(modules);
        Assert.Empty(catalog.Problems.Select(p => p.ToString()));
        return catalog;
    }

    public static string[] Ids(IEnumerable<FeatureDescriptor> features) => features.Select(f => f.Id).ToArray();

    public static string[] Problems(ModuleCatalog catalog) => catalog.Problems.Select(p => p.ToString()).ToArray();
}
