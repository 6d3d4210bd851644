using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>
/// <c>recipes</c> (Orchard Core's <c>{"Values": [{"executionid": "…", "name": "RecipeName"}]}</c>): runs other recipes by name,
/// in order, each with the same parameters. The named recipes must exist when the recipe is validated. Names only, never
/// file paths: a recipe sent over the API must not make the server read files of its choosing.
/// </summary>
internal sealed class RecipesStep(RecipeLocator locator, IServiceProvider services, RecipeRunContext run) : IRecipeStep
{
    public string Name => "recipes";

    /// <summary>Running other recipes is what the runner may do already; their steps are authorized one by one.</summary>
    public IReadOnlyList<string> RequiredPermissions => [];

    public void Validate(RecipeStepContext context)
    {
        foreach (var (index, value) in StepShapes.Objects(context, "Values", "recipes to run"))
        {
            var path = $"{context.PropertyName("Values")}[{index}].name";
            if (value["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
            {
                context.AddError(path, "every entry needs the name of a recipe.");
            }
            else if (Find(name.GetValue<string>()).Error is { } error)
            {
                context.AddError(path, error);
            }
        }
    }

    public async Task AuthorizeAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var executor = (RecipeExecutor)services.GetService(typeof(RecipeExecutor))!;
        foreach (var (index, value) in StepShapes.Objects(context, "Values", "recipes to run"))
        {
            if (Find(value["name"]!.GetValue<string>()).Recipe is not { } recipe)
            {
                continue;
            }
            foreach (var error in await executor.CheckNestedAsync(recipe, run, cancellationToken))
            {
                context.AddError($"{context.PropertyName("Values")}[{index}]", $"recipe '{recipe.Name}': {error}");
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var executor = (RecipeExecutor)services.GetService(typeof(RecipeExecutor))!;
        foreach (var (index, value) in StepShapes.Objects(context, "Values", "recipes to run"))
        {
            var (recipe, error) = Find(value["name"]!.GetValue<string>());
            if (recipe is null)
            {
                context.AddError($"{context.PropertyName("Values")}[{index}].name", error!);
                return;
            }
            var result = await executor.RunAsync(run.Tenant!, recipe, run.Parameters, null, run.Runner, cancellationToken, run.Depth + 1);
            if (!result.Succeeded)
            {
                context.AddError($"{context.PropertyName("Values")}[{index}]", $"recipe '{recipe.Name}' failed: {string.Join("; ", result.Errors)}");
                return;
            }
        }
    }

    private (Recipe? Recipe, string? Error) Find(string name) =>
        locator.FindByName(name) is { } recipe
            ? (recipe, null)
            : (null, $"there is no recipe named '{name}' (known: {string.Join(", ", locator.List().Select(r => r.Name))}).");
}
