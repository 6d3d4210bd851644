using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ErpCrm.Modules;
using McMaster.NETCore.Plugins;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Modules;

/// <summary>
/// Finds modules: the assemblies beside the host that reference <c>ErpCrm.Abstractions</c>, and the plugins in
/// the plugins folder (one sub-folder per plugin holding <c>&lt;folder name&gt;.dll</c>), each loaded in its
/// own load context that shares the kernel's contracts with the host.
/// </summary>
public static class ModuleDiscovery
{
    private static readonly string AbstractionsName = typeof(StartupBase).Assembly.GetName().Name!;

    /// <summary>Types whose identity must be the host's in every plugin, so that attributes and base classes match.</summary>
    private static readonly Type[] SharedTypes =
    [
        typeof(StartupBase), typeof(IServiceCollection), typeof(IEndpointRouteBuilder), typeof(FluentMigrator.Migration),
        typeof(Microsoft.AspNetCore.Http.HttpContext), typeof(Microsoft.Extensions.Logging.ILogger),
    ];

    public static (List<ModuleDescriptor> Modules, List<CatalogProblem> Problems) Discover(string hostDirectory, string? pluginsDirectory)
    {
        var modules = new List<ModuleDescriptor>();
        var problems = new List<CatalogProblem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var path in Directory.EnumerateFiles(hostDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!ReferencesAbstractions(path))
            {
                continue;
            }
            try
            {
                if (ManifestReader.Read(Assembly.Load(new AssemblyName(name)), "host") is { } module && seen.Add(module.Id))
                {
                    modules.Add(module);
                }
            }
            catch (Exception e) when (e is FileLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException)
            {
                problems.Add(new CatalogProblem(name, null, $"its assembly could not be loaded: {e.Message}"));
            }
        }

        if (pluginsDirectory is not null && Directory.Exists(pluginsDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(pluginsDirectory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                var main = Path.Combine(folder, name + ".dll");
                if (!File.Exists(main))
                {
                    problems.Add(new CatalogProblem(name, null, $"plugin folder '{folder}' has no '{name}.dll'."));
                    continue;
                }
                try
                {
                    var loader = PluginLoader.CreateFromAssemblyFile(main, SharedTypes, config => config.PreferSharedTypes = true);
                    var module = ManifestReader.Read(loader.LoadDefaultAssembly(), "plugin: " + folder);
                    if (module is null)
                    {
                        problems.Add(new CatalogProblem(name, null, $"plugin '{main}' has no [assembly: Module] manifest."));
                    }
                    else if (!seen.Add(module.Id))
                    {
                        problems.Add(new CatalogProblem(module.Id, null, $"plugin '{main}' is a module the host already has."));
                    }
                    else
                    {
                        modules.Add(module);
                    }
                }
                catch (Exception e) when (e is FileLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException or InvalidOperationException)
                {
                    problems.Add(new CatalogProblem(name, null, $"plugin '{main}' could not be loaded: {e.Message}"));
                }
            }
        }
        return (modules, problems);
    }

    /// <summary>Builds the catalog of everything discovered, with the problems of discovery and validation together.</summary>
    public static ModuleCatalog BuildCatalog(string hostDirectory, string? pluginsDirectory)
    {
        var (modules, problems) = Discover(hostDirectory, pluginsDirectory);
        var catalog = ModuleCatalogBuilder.Build(modules);
        return catalog.WithProblems(problems);
    }

    private static bool ReferencesAbstractions(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return false;
            }
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return false;
            }
            if (metadata.GetString(metadata.GetAssemblyDefinition().Name) == AbstractionsName)
            {
                return false;
            }
            return metadata.AssemblyReferences.Any(h => metadata.GetString(metadata.GetAssemblyReference(h).Name) == AbstractionsName);
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
