using System.Reflection;
using ErpCrm.Core.Modules;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ErpCrm.Web.Admin;

/// <summary>
/// Gates every Razor Page that a module (a Razor Class Library or a plugin) ships on that module's feature, like the
/// endpoints its startup maps: the page answers 404 for a tenant where the feature is off. The feature is the one the
/// page model names with <c>[Feature("Id")]</c>, else the module's main feature (whose id is the module's id, else its
/// first); <c>[RequireFeatures]</c> on the page model adds more. The host's own pages are not gated.
/// </summary>
internal sealed class ModulePageConvention(ModuleCatalog catalog) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var modelType = model.ModelType?.AsType() ?? model.HandlerType.AsType();
        var module = catalog.Modules.FirstOrDefault(m => m.Assembly is { } assembly && (assembly == model.PageType.Assembly || assembly == modelType.Assembly));
        if (module is null || module.Features.Count == 0)
        {
            return;
        }
        var feature = modelType.GetCustomAttribute<FeatureAttribute>()?.Id
            ?? module.Features.FirstOrDefault(f => f.Id == module.Id)?.Id
            ?? module.Features[0].Id;
        var required = modelType.GetCustomAttribute<RequireFeaturesAttribute>()?.FeatureIds ?? [];
        model.EndpointMetadata.Add(new RequiresFeaturesMetadata([feature, .. required]));
    }
}
