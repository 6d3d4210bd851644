using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Testing;

/// <summary>Recipes over the HTTP API, for tests.</summary>
public static class RecipeClient
{
    /// <summary>POST /api/recipes/run with <c>{"recipe": …}</c>, as sent: the answer is the caller's to check.</summary>
    public static Task<HttpResponseMessage> RunRecipeAsync(this HttpClient client, JsonNode recipe) =>
        client.PostAsync("api/recipes/run", ContentClient.Json(new JsonObject { ["recipe"] = recipe.DeepClone() }));

    /// <summary>Runs a recipe given as JSON text and insists that every step ran.</summary>
    public static async Task RunRecipeOrFailAsync(this HttpClient client, string recipe)
    {
        var answer = await (await client.RunRecipeAsync(JsonNode.Parse(recipe)!)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(answer.GetProperty("steps").EnumerateArray(), s => Assert.Equal("done", s.GetProperty("status").GetString()));
    }

    /// <summary>GET /api/recipes/export with the query (without '?'), insisting on 200; the recipe.</summary>
    public static async Task<JsonObject> ExportAsync(this HttpClient client, string query = "") =>
        JsonNode.Parse((await (await client.GetAsync("api/recipes/export?" + query)).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();

    /// <summary>A recipe as one canonical string (the same serialiser for every side), for exact comparisons.</summary>
    public static string Canonical(JsonNode recipe) => recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The step of an exported recipe with this name.</summary>
    public static JsonObject Step(this JsonObject recipe, string name) =>
        recipe["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!.AsObject();
}
