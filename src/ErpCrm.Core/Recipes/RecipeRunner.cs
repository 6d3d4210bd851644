using System.Text.Json.Nodes;
using ErpCrm.Core.Features;
using ErpCrm.Core.Modules;

namespace ErpCrm.Core.Recipes;

/// <summary>One step's validation problem or failure: its index (from 1), its name and the reason.</summary>
public sealed record RecipeProblem(int StepIndex, string StepName, string Path, string Reason)
{
    public override string ToString() => $"Step {StepIndex} ('{StepName}') at {Path}: {Reason}";
}

/// <summary>
/// Runs a recipe's steps for the current tenant. The kernel knows the <c>feature</c> step; the full executor
/// (module steps, [js:] values, export) builds on this. The whole recipe is validated before anything changes.
/// </summary>
public sealed class RecipeRunner(ModuleCatalog catalog, FeatureManager features)
{
    private sealed record FeatureStep(int Index, string Name, IReadOnlyList<string> Enable, IReadOnlyList<string> Disable);

    /// <summary>Checks the whole recipe without changing anything.</summary>
    public static IReadOnlyList<RecipeProblem> Validate(ModuleCatalog catalog, Recipe recipe) => Parse(catalog, recipe).Problems;

    public async Task<IReadOnlyList<RecipeProblem>> RunAsync(Recipe recipe, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (steps, problems) = Parse(catalog, recipe);
        if (problems.Count > 0)
        {
            return problems;
        }
        foreach (var step in steps)
        {
            progress?.Report($"Step {step.Index} of {steps.Count}: {step.Name}");
            if (step.Enable.Count > 0)
            {
                var result = await features.EnableAsync(step.Enable, force: true, expectedSerial: null, cancellationToken);
                if (result.Status != FeatureChangeStatus.Applied)
                {
                    return [new RecipeProblem(step.Index, step.Name, $"steps[{step.Index - 1}].enable", string.Join(" ", result.Errors.DefaultIfEmpty(result.Status.ToString())))];
                }
            }
            if (step.Disable.Count > 0)
            {
                var result = await features.DisableAsync(step.Disable, force: true, expectedSerial: null, cancellationToken);
                if (result.Status != FeatureChangeStatus.Applied)
                {
                    return [new RecipeProblem(step.Index, step.Name, $"steps[{step.Index - 1}].disable", string.Join(" ", result.Errors.DefaultIfEmpty(result.Status.ToString())))];
                }
            }
        }
        return [];
    }

    private static (List<FeatureStep> Steps, List<RecipeProblem> Problems) Parse(ModuleCatalog catalog, Recipe recipe)
    {
        var steps = new List<FeatureStep>();
        var problems = new List<RecipeProblem>();
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            var path = $"steps[{i}]";
            if (recipe.Steps[i] is not JsonObject step || step["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
            {
                problems.Add(new RecipeProblem(i + 1, "?", path, "a step must be an object with a \"name\"."));
                continue;
            }
            if (!string.Equals(name, "feature", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new RecipeProblem(i + 1, name, path + ".name", $"unknown step '{name}'."));
                continue;
            }
            var enable = Ids(catalog, step, "enable", i + 1, name, path, problems);
            var disable = Ids(catalog, step, "disable", i + 1, name, path, problems);
            steps.Add(new FeatureStep(i + 1, name, enable, disable));
        }
        return (steps, problems);
    }

    private static List<string> Ids(ModuleCatalog catalog, JsonObject step, string property, int index, string name, string path, List<RecipeProblem> problems)
    {
        var ids = new List<string>();
        if (step[property] is null)
        {
            return ids;
        }
        if (step[property] is not JsonArray array)
        {
            problems.Add(new RecipeProblem(index, name, $"{path}.{property}", "must be an array of feature ids."));
            return ids;
        }
        for (var j = 0; j < array.Count; j++)
        {
            if (array[j] is JsonValue value && value.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id))
            {
                if (catalog.Find(id) is null)
                {
                    problems.Add(new RecipeProblem(index, name, $"{path}.{property}[{j}]", $"unknown feature '{id}'."));
                }
                ids.Add(id);
            }
            else
            {
                problems.Add(new RecipeProblem(index, name, $"{path}.{property}[{j}]", "must be a feature id (a string)."));
            }
        }
        return ids;
    }
}
