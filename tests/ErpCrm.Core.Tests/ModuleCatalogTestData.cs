using ErpCrm.Core.Modules;

namespace ErpCrm.Core.Tests;

/// <summary>Builds module descriptors in code, so that catalog and resolver rules can be specified without assemblies.</summary>
internal static class ModuleCatalogTestData
{
    public static FeatureDescriptor Feature(string id, string module, params string[] dependencies) =>
        new(id, id, "", "Test", module, dependencies, false, false, false, false);

    public static ModuleDescriptor Module(string id, params FeatureDescriptor[] features) =>
        new(id, id, "", "", "1.0.0", "test", null, features, [], []);
}
