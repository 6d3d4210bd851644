using ErpCrm.Core.Modules;

namespace ErpCrm.Core.Tests;

/// <summary>Finding modules beside the host and in the plugins folder; a broken plugin is reported, not fatal.</summary>
public sealed class ModuleDiscoveryTests : IDisposable
{
    private readonly string _plugins = Directory.CreateTempSubdirectory("erpcrm-plugins-").FullName;

    public void Dispose() => Directory.Delete(_plugins, recursive: true);

    [Fact]
    public void The_host_directory_scan_finds_the_kernel_module()
    {
        var catalog = ModuleDiscovery.BuildCatalog(AppContext.BaseDirectory, _plugins);

        Assert.Empty(catalog.Problems);
        Assert.Contains(catalog.Modules, m => m.Id == "ErpCrm.Core" && m.Source == "host");
        Assert.True(catalog.Find(KernelFeatures.Kernel)!.IsAlwaysEnabled);
    }

    [Fact]
    public void A_plugin_folder_without_its_dll_is_reported_by_name_and_the_host_modules_are_still_found()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_plugins, "Acme.Crm")).FullName;
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "the build forgot the dll");

        var catalog = ModuleDiscovery.BuildCatalog(AppContext.BaseDirectory, _plugins);

        Assert.Equal([$"Module 'Acme.Crm' skipped: plugin folder '{folder}' has no 'Acme.Crm.dll'."], catalog.Problems.Select(p => p.ToString()));
        Assert.NotNull(catalog.Find(KernelFeatures.Kernel));
    }

    [Fact]
    public void A_plugin_whose_dll_is_not_an_assembly_is_reported_and_the_host_modules_are_still_found()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_plugins, "Acme.Broken")).FullName;
        File.WriteAllText(Path.Combine(folder, "Acme.Broken.dll"), "not a portable executable");

        var catalog = ModuleDiscovery.BuildCatalog(AppContext.BaseDirectory, _plugins);

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal("Acme.Broken", problem.ModuleId);
        Assert.StartsWith($"Module 'Acme.Broken' skipped: plugin '{Path.Combine(folder, "Acme.Broken.dll")}' could not be loaded", problem.ToString());
        Assert.NotNull(catalog.Find(KernelFeatures.Kernel));
    }

    [Fact]
    public void A_plugins_folder_that_does_not_exist_is_not_a_problem()
    {
        var catalog = ModuleDiscovery.BuildCatalog(AppContext.BaseDirectory, Path.Combine(_plugins, "missing"));

        Assert.Empty(catalog.Problems);
        Assert.NotNull(catalog.Find(KernelFeatures.Kernel));
    }
}
