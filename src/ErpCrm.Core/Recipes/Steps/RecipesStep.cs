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
        var reader = new RecipeStepReader(context);
        foreach (var (path, value) in Entries(reader))
        {
            if (reader.Text(value, path, "name", required: true) is { } name && Find(name).Error is { } error)
            {
                reader.Error(RecipeStepReader.PathOf(value, path, "name"), error);
            }
        }
    }

    public async Task AuthorizeAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var executor = (RecipeExecutor)services.GetService(typeof(RecipeExecutor))!;
        var reader = new RecipeStepReader(context);
        foreach (var (path, value) in Entries(reader))
        {
            if (Find(NameOf(value)).Recipe is not { } recipe)
            {
                continue;
            }
            foreach (var error in await executor.CheckNestedAsync(recipe, run, cancellationToken))
            {
                reader.Error(path.TrimEnd('.'), $"recipe '{recipe.Name}': {error}");
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var executor = (RecipeExecutor)services.GetService(typeof(RecipeExecutor))!;
        var reader = new RecipeStepReader(context);
        foreach (var (path, value) in Entries(reader))
        {
            var (recipe, error) = Find(NameOf(value));
            if (recipe is null)
            {
                reader.Error(RecipeStepReader.PathOf(value, path, "name"), error!);
                return;
            }
            var result = await executor.RunAsync(run.Tenant!, recipe, run.Parameters, null, run.Runner, cancellationToken, run.Depth + 1);
            if (!result.Succeeded)
            {
                reader.Error(path.TrimEnd('.'), $"recipe '{recipe.Name}' failed: {string.Join(" ", result.Errors)}");
                return;
            }
        }
    }

    private static IReadOnlyList<(string Path, JsonObject Item)> Entries(RecipeStepReader reader) => reader.Objects("Values", what: "recipes to run");

    /// <summary>An entry's recipe name (<see cref="Validate"/> made sure it is a string).</summary>
    private static string NameOf(JsonObject entry) => RecipeStepReader.Field(entry, "name").Node!.GetValue<string>();

    private (Recipe? Recipe, string? Error) Find(string name) =>
        locator.FindByName(name) is { } recipe
            ? (recipe, null)
            : (null, $"there is no recipe named '{name}' (known: {string.Join(", ", locator.List().Select(r => r.Name))}).");
}
