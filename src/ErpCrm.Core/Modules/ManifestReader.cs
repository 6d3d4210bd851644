using System.Reflection;
using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Core.Modules;

/// <summary>Reads a module's manifest attributes, startups and migrations from its assembly.</summary>
public static class ManifestReader
{
    /// <summary>Returns the module the assembly declares, or null when it has no <see cref="ModuleAttribute"/>.</summary>
    public static ModuleDescriptor? Read(Assembly assembly, string source)
    {
        var module = assembly.GetCustomAttribute<ModuleAttribute>();
        if (module is null)
        {
            return null;
        }

        var moduleId = assembly.GetName().Name!;
        var moduleCategory = string.IsNullOrWhiteSpace(module.Category) ? "Other" : module.Category;
        var features = assembly.GetCustomAttributes<FeatureAttribute>()
            .Select(f => new FeatureDescriptor(
                Id: f.Id.Trim(),
                Name: string.IsNullOrWhiteSpace(f.Name) ? f.Id : f.Name,
                Description: f.Description,
                Category: string.IsNullOrWhiteSpace(f.Category) ? moduleCategory : f.Category,
                ModuleId: moduleId,
                Dependencies: f.Dependencies.Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
                IsAlwaysEnabled: f.IsAlwaysEnabled,
                EnabledByDependencyOnly: f.EnabledByDependencyOnly,
                DefaultTenantOnly: f.DefaultTenantOnly,
                AutoEnable: f.AutoEnable))
            .ToList();

        var mainFeature = features.FirstOrDefault(f => f.Id == moduleId)?.Id ?? features.FirstOrDefault()?.Id ?? moduleId;
        var types = LoadableTypes(assembly).Where(t => t is { IsClass: true, IsAbstract: false }).ToList();

        var startups = types
            .Where(t => typeof(StartupBase).IsAssignableFrom(t))
            .Select(t => new StartupDescriptor(
                t,
                t.GetCustomAttribute<FeatureAttribute>()?.Id ?? mainFeature,
                t.GetCustomAttribute<RequireFeaturesAttribute>()?.FeatureIds ?? []))
            .ToList();

        var migrations = types
            .Where(t => typeof(IMigration).IsAssignableFrom(t) && t.GetCustomAttribute<HostMigrationAttribute>() is null)
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<MigrationAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => new MigrationDescriptor(
                m.Type,
                m.Type.GetCustomAttribute<FeatureAttribute>()?.Id ?? mainFeature,
                m.Attribute!.Version,
                m.Attribute.Description ?? m.Type.Name))
            .OrderBy(m => m.Version)
            .ToList();

        return new ModuleDescriptor(
            moduleId,
            string.IsNullOrWhiteSpace(module.Name) ? moduleId : module.Name,
            module.Description,
            module.Author,
            module.Version,
            source,
            assembly,
            features,
            startups,
            migrations);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }
}
