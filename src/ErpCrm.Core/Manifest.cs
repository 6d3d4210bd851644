using ErpCrm.Modules;

[assembly: Module(Name = "Kernel", Description = "Modules, features, tenants, data and identity.", Author = "ErpCrm", Category = "Core")]
[assembly: Feature(Id = ErpCrm.Core.KernelFeatures.Kernel, Name = "Kernel",
    Description = "Feature management, tenants, data, users and API tokens.", Category = "Core", IsAlwaysEnabled = true)]

namespace ErpCrm.Core;

/// <summary>The ids of the features the kernel itself declares.</summary>
public static class KernelFeatures
{
    /// <summary>The kernel: always on.</summary>
    public const string Kernel = "ErpCrm.Kernel";
}
