using System.Text.Json.Nodes;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Recipes;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin.Recipes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>The recipes this host offers, running one on the tenant (by name or as a body), and exporting the tenant as a recipe.</summary>
internal static class RecipesApi
{
    public sealed record RecipeDto(
        string Name, string DisplayName, string Description, string Author, string Version,
        IReadOnlyList<string> Categories, IReadOnlyList<string> Tags, bool IsSetupRecipe, int StepCount);

    public sealed record RecipeRunDto(string Recipe, IReadOnlyList<RecipeStepOutcome> Steps);

    /// <summary>What a run takes: either <c>name</c>, a recipe the host offers, or <c>recipe</c>, a whole recipe (read by hand, to name every problem by its path).</summary>
    public sealed record RecipeRunRequest(string? Name, JsonObject? Recipe);

    public static void MapRecipesApi(this IEndpointRouteBuilder endpoints)
    {
        // No unit-of-work filter: a run commits each step in a transaction of its own, and nothing else here writes.
        var api = endpoints.MapGroup("/api/recipes").RequirePermission(KernelPermissions.ManageRecipes).WithKernelTag("Recipes");
        api.MapGet("", (TenantRecipes recipes) => TypedResults.Ok(recipes.List().Select(ToDto).ToList()))
            .WithName("ListRecipes").WithSummary("The recipes the host offers");
        api.MapPost("/run", RunAsync).WithName("RunRecipe").WithSummary("Runs a recipe, by name or as a body, on the tenant as the caller")
            .WithRequestBody(typeof(RecipeRunRequest), "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/export", ExportAsync).WithName("ExportRecipe").WithSummary("The tenant's configuration as a recipe");
    }

    private static async Task<Results<Ok<RecipeRunDto>, ValidationProblem, ProblemHttpResult>> RunAsync(HttpRequest request, TenantRecipes recipes, CancellationToken ct)
    {
        var (recipe, problem) = await ReadAsync(request, recipes);
        if (recipe is null)
        {
            return problem!;
        }
        var result = await recipes.RunAsync(recipe, null, ct);
        if (result.Succeeded)
        {
            return TypedResults.Ok(new RecipeRunDto(recipe.Name, result.Steps));
        }
        var failed = result.Steps.FirstOrDefault(s => s.Status == "failed");
        var applied = result.Steps.Count(s => s.Status == "done");
        var detail = failed is null
            ? $"Recipe '{recipe.Name}' is invalid; nothing was changed."
            : $"Recipe '{recipe.Name}' stopped at step {failed.Index} ('{failed.Name}'); the {applied} step(s) before it stay applied and the steps after it did not run. Fix the recipe and run it again.";
        return TypedResults.ValidationProblem(TenantRecipes.ErrorsByPath(result.Errors), detail: detail,
            title: failed is null ? "Invalid recipe" : "Recipe step failed",
            extensions: new Dictionary<string, object?> { ["recipe"] = recipe.Name, ["steps"] = result.Steps });
    }

    /// <summary>The recipe the body names (<c>{"name": "blank"}</c>) or holds (<c>{"recipe": {…}}</c>), or the problem with the body.</summary>
    private static async Task<(Recipe?, Results<Ok<RecipeRunDto>, ValidationProblem, ProblemHttpResult>?)> ReadAsync(HttpRequest request, TenantRecipes recipes)
    {
        var errors = new Dictionary<string, string>();
        var body = await JsonBodies.ParseAsync(request.Body, Recipe.ReadOptions, errors, request.HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            return (null, ApiResults.Invalid(errors));
        }
        var name = (body as JsonObject)?["name"];
        var document = (body as JsonObject)?["recipe"];
        if (name is not null == (document is not null))
        {
            return (null, Invalid("body", "Send either {\"name\": \"a recipe's name\"} or {\"recipe\": {…a whole recipe…}}."));
        }
        if (name is not null)
        {
            if (name is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            {
                return (null, Invalid("name", "The name of a recipe is required (GET /api/recipes lists them)."));
            }
            return recipes.Find(text) is { } found
                ? (found, null)
                : (null, ApiResults.NotFound($"There is no recipe '{text}' (known: {string.Join(", ", recipes.List().Select(r => r.Name))})."));
        }
        var (recipe, error) = Recipe.Parse(document!.ToJsonString(), "", "recipe");
        return recipe is null ? (null, Invalid("recipe", error!)) : (recipe, null);
    }

    private static ValidationProblem Invalid(string field, string message) => ApiResults.Invalid(new Dictionary<string, string> { [field] = message });

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> ExportAsync(
        bool? features, bool? contentDefinitions, bool? roles, bool? settings, string? contentTypes, string? sources,
        RecipeExporter exporter, CancellationToken ct) =>
        ApiResults.Answer(await exporter.ExportAsync(new RecipeExportRequest(
            features ?? true, contentDefinitions ?? true, List(contentTypes), roles ?? true, settings ?? true, List(sources)), ct), TypedResults.Ok);

    private static IReadOnlyList<string> List(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static RecipeDto ToDto(Recipe r) =>
        new(r.Name, r.DisplayName, r.Description, r.Author, r.Version, r.Categories, r.Tags, r.IsSetupRecipe, r.Steps.Count);
}
