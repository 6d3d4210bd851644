using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary><c>{"name": "feature", "enable": [ids], "disable": [ids]}</c>: turns features on (with their dependencies) and off.</summary>
internal sealed class FeatureStep(ModuleCatalog catalog, FeatureManager features) : IRecipeStep
{
    public string Name => "feature";

    /// <summary>What <c>POST /api/features/{id}/enable</c> and the Features page require.</summary>
    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageFeatures.Name];

    public void Validate(RecipeStepContext context)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (property, enable) in new[] { ("enable", true), ("disable", false) })
        {
            var ids = reader.Strings(property, "feature ids");
            for (var i = 0; i < ids.Count; i++)
            {
                if (catalog.Find(ids[i]) is null)
                {
                    reader.Error($"{context.PropertyName(property)}[{i}]", $"unknown feature '{ids[i]}': no module of this host has it.");
                    continue;
                }
                // What the feature manager refuses by the catalog alone (a feature always on, one that follows its
                // dependencies), found now rather than once the steps before have run. Which tenant it is is checked then.
                var plan = enable
                    ? FeatureResolver.PlanEnable(catalog, context.Features, [ids[i]], isDefaultTenant: true)
                    : FeatureResolver.PlanDisable(catalog, context.Features, [ids[i]], isDefaultTenant: true);
                foreach (var error in plan.Errors)
                {
                    reader.Error($"{context.PropertyName(property)}[{i}]", error);
                }
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (property, enable) in new[] { ("enable", true), ("disable", false) })
        {
            var ids = reader.Strings(property, "feature ids");
            if (ids.Count == 0)
            {
                continue;
            }
            var result = enable
                ? await features.EnableAsync(ids, force: true, expectedSerial: null, cancellationToken)
                : await features.DisableAsync(ids, force: true, expectedSerial: null, cancellationToken);
            if (result.Status != FeatureChangeStatus.Applied)
            {
                reader.Error(context.PropertyName(property), string.Join(" ", result.Errors.DefaultIfEmpty(result.Status.ToString())));
                return;
            }
        }
    }
}
