using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Core.Recipes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Tests that measure the process's memory run alone: other tests' allocations would blur what they measure.
/// </summary>
[CollectionDefinition(nameof(MemoryMeasuringTests), DisableParallelization = true)]
public sealed class MemoryMeasuringTests;

/// <summary>
/// A recipe's scripts cannot take the host's memory or time: values that would build huge strings are refused before they are
/// built, a catastrophic regular expression stops at its timeout, and a recipe's scripts together have a budget. Each is a
/// validation error naming the step and the value's path (400), never a 500 or an OutOfMemoryException.
/// </summary>
[Collection(nameof(MemoryMeasuringTests))]
public abstract class RecipeScriptLimitsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    /// <summary>How much the host may allocate while it refuses three such recipes (before the limits: 512 MB each, 1.9 GB held at once).</summary>
    private const long MemoryBound = 200 * 1024 * 1024;

    private const string Catastrophic = "/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab')";

    [Fact]
    public async Task Three_recipes_that_would_build_huge_strings_at_once_are_refused_naming_the_value_and_the_host_stays_within_its_memory()
    {
        string[] attacks = ["'x'.repeat(2**28)", "'x'.padEnd(2**28, 'ab')", "[1, 2, 3].join('x'.repeat(999999))"];
        await Admin.RunRecipeOrFailAsync(NoteType); // warms the recipe path up, so that what follows measures only the attack
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heldBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(sampling.Token);
        var watch = Stopwatch.StartNew();

        var answers = await Task.WhenAll(attacks.Select(attack => Admin.RunRecipeAsync(NoteRecipe($"[js: {attack}]"))));

        watch.Stop();
        await sampling.CancelAsync();
        var heldAtPeak = await peak;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        foreach (var (answer, attack) in answers.Zip(attacks))
        {
            var problem = await answer.AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[2].data[0].TitlePart.Title");
            Assert.StartsWith("Step 3 ('content'): the script", problem.Error("steps[2].data[0].TitlePart.Title"));
            Assert.Contains("scripts may build at most 1,000,000", problem.Error("steps[2].data[0].TitlePart.Title"));
            Assert.All(problem.GetProperty("steps").EnumerateArray(), s => Assert.Equal("not run", s.Text("status")));
        }
        Assert.True(allocated < MemoryBound, $"The host allocated {allocated / (1024 * 1024)} MB refusing the recipes.");
        Assert.True(heldAtPeak - heldBefore < MemoryBound, $"The host held {(heldAtPeak - heldBefore) / (1024 * 1024)} MB more at its peak.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Refusing took {watch.Elapsed}.");
        Assert.Equal(0, await NoteCountAsync());
    }

    [Fact]
    public async Task A_catastrophic_regular_expression_is_refused_at_its_timeout_naming_the_value()
    {
        await Admin.RunRecipeOrFailAsync(NoteType); // warms the recipe path up, so that what follows times only the script
        var watch = Stopwatch.StartNew();

        var problem = await (await Admin.RunRecipeAsync(NoteRecipe($"[js: {Catastrophic}]")))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[2].data[0].TitlePart.Title");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Refusing took {watch.Elapsed} (the regular expression alone ran 10 s before its timeout).");
        Assert.Contains("a regular expression ran longer than 200 ms", problem.Error("steps[2].data[0].TitlePart.Title"));
    }

    [Fact]
    public async Task A_recipe_of_many_slow_scripts_is_stopped_by_the_recipes_time_budget()
    {
        var slowValues = new JsonObject();
        for (var i = 0; i < 60; i++)
        {
            slowValues[$"Slow{i}"] = $"[js: {Catastrophic}]";
        }
        var recipe = new JsonObject { ["name"] = "slow", ["steps"] = new JsonArray(new JsonObject { ["name"] = "settings", ["Values"] = slowValues }) };
        var watch = Stopwatch.StartNew();

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(watch.Elapsed < RecipeScriptBudget.MaxTime + TimeSpan.FromSeconds(5), $"Refusing took {watch.Elapsed}.");
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        var spent = Assert.Single(errors, e => e.Value.EnumerateArray().Any(m => m.GetString()!.Contains("the recipe's scripts used more than 5 s in all")));
        Assert.StartsWith("steps[0].Values.Slow", spent.Name);
        Assert.True(errors.Count < 60, "Values past the budget were still evaluated.");
    }

    /// <summary>A recipe defining the Note type, a harmless step, and a Note whose title is <paramref name="title"/>.</summary>
    private static JsonNode NoteRecipe(string title) => JsonNode.Parse($$$"""
        {"name": "notes", "steps": [
          {{{NoteTypeStep}}},
          {"name": "settings", "Greeting": "Hello"},
          {"name": "content", "data": [{"ContentItemId": "note0000000000000000000001", "ContentType": "Note", "Latest": true, "Published": true,
            "TitlePart": {"Title": {{{JsonValue.Create(title).ToJsonString()}}}}}]}
        ]}
        """)!;

    private const string NoteTypeStep = """
        {"name": "ContentDefinition", "ContentTypes": [{"Name": "Note", "DisplayName": "Note", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
          "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}]}
        """;

    private static readonly string NoteType = $$"""{"name": "note-type", "steps": [{{NoteTypeStep}}]}""";

    private async Task<int> NoteCountAsync() =>
        (await (await Admin.GetAsync("api/content/Note")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();

    /// <summary>The most managed memory the process held while sampling (every few milliseconds, until cancelled).</summary>
    private static Task<long> SamplePeakAsync(CancellationToken stop) => Task.Run(async () =>
    {
        var peak = GC.GetTotalMemory(forceFullCollection: false);
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            await Task.Delay(2, CancellationToken.None);
        }
        return Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
    });
}

public sealed class SqliteRecipeScriptLimitsHttpTests() : RecipeScriptLimitsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRecipeScriptLimitsHttpTests() : RecipeScriptLimitsHttpTests(DatabaseProvider.Postgres);
