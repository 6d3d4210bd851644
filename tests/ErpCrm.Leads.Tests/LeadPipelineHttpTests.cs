using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>The pipeline's configuration: stages and rules over HTTP, their recipe steps and their export.</summary>
public abstract class LeadPipelineHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
    }

    private Task<HttpResponseMessage> PutAsync(string path, string json) => Admin.PutJsonAsync($"api/leads/{path}", JsonNode.Parse(json)!);

    private async Task<IReadOnlyList<string>> StageNamesAsync() =>
        JsonNode.Parse((await (await Admin.GetAsync("api/leads/stages")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["stages"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Stages_are_replaced_reordered_and_renamed_in_one_put()
    {
        using var put = await PutAsync("stages", """
            {"stages": [{"name": "Inbox", "probability": 5}, {"name": "Demo", "probability": 40}, {"name": "Signed", "isWon": true}, {"name": "Dropped", "isLost": true}]}
            """);

        var answer = JsonNode.Parse((await put.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(100, answer["stages"]![2]!["probability"]!.GetValue<int>());
        Assert.Equal(["Inbox", "Demo", "Signed", "Dropped"], await StageNamesAsync());
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        Assert.Equal("Inbox", lead.Text("Stage"));
        Assert.Equal(5, lead.Field("Probability", "Value")!.GetValue<int>());
    }

    [Fact]
    public async Task Stages_that_break_the_invariants_are_refused_naming_each_problem_and_nothing_changes()
    {
        using var duplicates = await PutAsync("stages", """
            {"stages": [{"name": "New"}, {"name": " new "}, {"name": "", "probability": 101}, {"name": "Won", "isWon": true, "isLost": true}]}
            """);
        using var noWonNoOpen = await PutAsync("stages", """{"stages": [{"name": "Lost", "isLost": true}, {"name": "Lost again", "isLost": true}]}""");
        using var empty = await PutAsync("stages", """{"stages": []}""");
        using var wrongShape = await PutAsync("stages", """{"stages": [{"name": "A", "probability": "high"}]}""");

        var problem = await duplicates.AssertFieldsAsync(HttpStatusCode.BadRequest, "stages[1].name", "stages[2].name", "stages[2].probability", "stages[3].isLost");
        Assert.Contains("given twice", problem.Error("stages[1].name"));
        var invariants = (await noWonNoOpen.AssertFieldsAsync(HttpStatusCode.BadRequest, "stages")).Error("stages");
        Assert.Contains("exactly one won stage", invariants);
        Assert.Contains("exactly one lost stage", invariants);
        Assert.Contains("at least one open stage", invariants);
        await empty.AssertFieldsAsync(HttpStatusCode.BadRequest, "stages");
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.Equal(["New", "Qualified", "Proposition", "Negotiation", "Won", "Lost"], await StageNamesAsync());
    }

    [Fact]
    public async Task Removing_a_stage_that_has_leads_needs_a_stage_to_move_them_to()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", stage: "Qualified"));
        const string WithoutQualified = """{"name": "New"}, {"name": "Demo", "probability": 50}, {"name": "Won", "isWon": true}, {"name": "Lost", "isLost": true}""";

        using var refused = await PutAsync("stages", $$$"""{"stages": [{{{WithoutQualified}}}]}""");
        using var toLost = await PutAsync("stages", $$$"""{"stages": [{{{WithoutQualified}}}], "moveLeads": {"Qualified": "Lost"}}""");
        using var moved = await PutAsync("stages", $$$"""{"stages": [{{{WithoutQualified}}}], "moveLeads": {"qualified": "demo"}}""");

        var problem = await refused.AssertFieldsAsync(HttpStatusCode.BadRequest, "moveLeads.Qualified");
        Assert.Contains("Stage 'Qualified' has 1 lead(s)", problem.Error("moveLeads.Qualified"));
        await toLost.AssertFieldsAsync(HttpStatusCode.BadRequest, "moveLeads.Qualified");
        await moved.ReadJsonAsync(HttpStatusCode.OK);
        var (read, _) = await Admin.GetLeadAsync(lead.Id());
        Assert.Equal("Demo", read.Text("Stage"));
        Assert.Equal(50, read.Field("Probability", "Value")!.GetValue<int>());
        Assert.Equal(["LeadCreated", "LeadStageChanged"], await Admin.HistoryAsync(lead.Id()));
    }

    [Fact]
    public async Task A_stage_with_leads_cannot_become_the_won_stage()
    {
        await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", stage: "Negotiation"));

        using var refused = await PutAsync("stages", """{"stages": [{"name": "New"}, {"name": "Negotiation", "isWon": true}, {"name": "Lost", "isLost": true}]}""");

        Assert.Contains("cannot become or stop being the won or lost stage", (await refused.AssertFieldsAsync(HttpStatusCode.BadRequest, "stages[1]")).Error("stages[1]"));
    }

    [Fact]
    public async Task Bad_rules_are_refused_naming_every_bad_field()
    {
        using var scoring = await PutAsync("scoring-rules", """
            {"rules": [
              {"when": {"field": "Source", "operator": "sounds like", "value": "x"}, "points": 5},
              {"when": {"field": "Lead.Budget.Extra", "operator": "isSet"}, "points": 5000},
              {"when": {"field": "Score", "operator": "greaterThan", "value": "lots"}, "points": 1},
              {"points": 1}
            ]}
            """);
        using var assignment = await PutAsync("assignment-rules", """
            {"rules": [{"name": "both", "user": "ann", "roundRobinRole": "Sellers"}, {"name": "neither"}, {"when": {"field": "Source", "operator": "equals"}, "user": "ann"}]}
            """);

        await scoring.AssertFieldsAsync(HttpStatusCode.BadRequest,
            "rules[0].when.operator", "rules[1].when.field", "rules[1].points", "rules[2].when.value", "rules[3].when");
        await assignment.AssertFieldsAsync(HttpStatusCode.BadRequest, "rules[0]", "rules[1]", "rules[2].when.value");
        var rules = JsonNode.Parse((await (await Admin.GetAsync("api/leads/scoring-rules")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["rules"]!.AsArray();
        Assert.Empty(rules);
    }

    [Fact]
    public async Task The_pipeline_steps_run_from_a_recipe_twice_to_the_same_state_and_export_back_the_same()
    {
        const string Recipe = """
            {"name": "pipeline", "steps": [
              {"name": "PipelineStages", "Stages": [{"name": "Inbox"}, {"name": "Won", "isWon": true}, {"name": "Lost", "isLost": true, "probability": 0}]},
              {"name": "LeadScoringRules", "rules": [{"name": "Company", "when": {"field": "CompanyName", "operator": "isset"}, "points": 10}]},
              {"name": "LeadAssignmentRules", "rules": [{"name": "Turns", "roundRobinRole": "Sellers"}]}
            ]}
            """;

        await Admin.RunRecipeOrFailAsync(Recipe);
        var first = await Admin.ExportAsync("sources=PipelineStages,LeadScoringRules,LeadAssignmentRules");
        await Admin.RunRecipeOrFailAsync(Recipe);
        var second = await Admin.ExportAsync("sources=PipelineStages,LeadScoringRules,LeadAssignmentRules");

        Assert.Equal(RecipeClient.Canonical(first), RecipeClient.Canonical(second));
        Assert.Equal(["Inbox", "Won", "Lost"], await StageNamesAsync());
        Assert.Equal("isSet", first.Step("LeadScoringRules")["rules"]![0]!["when"]!["operator"]!.GetValue<string>());
        Assert.Equal("Sellers", first.Step("LeadAssignmentRules")["rules"]![0]!["roundRobinRole"]!.GetValue<string>());
        var exported = new JsonObject { ["name"] = "again", ["steps"] = new JsonArray(first.Step("PipelineStages").DeepClone(), first.Step("LeadScoringRules").DeepClone()) };
        await Admin.RunRecipeOrFailAsync(exported.ToJsonString());
    }

    [Fact]
    public async Task A_recipe_with_a_bad_pipeline_step_is_refused_before_any_step_runs()
    {
        var recipe = JsonNode.Parse("""
            {"name": "bad", "steps": [
              {"name": "LeadScoringRules", "rules": [{"when": {"field": "Source", "operator": "isSet"}, "points": 1}]},
              {"name": "PipelineStages", "stages": [{"name": "Only open"}]},
              {"name": "LeadAssignmentRules", "rules": "everyone"}
            ]}
            """)!;

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[1].stages", "steps[2].rules");

        Assert.Contains("exactly one won stage", problem.Error("steps[1].stages"));
        var rules = JsonNode.Parse((await (await Admin.GetAsync("api/leads/scoring-rules")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["rules"]!.AsArray();
        Assert.Empty(rules);
    }

    [Fact]
    public async Task Changing_the_pipeline_needs_manage_pipeline()
    {
        var manager = await Host.ClientOfNewUserAsync("manager", "Editor");

        Assert.Equal(HttpStatusCode.Forbidden, await manager.StatusOfAsync("api/leads/stages"));
        Assert.Equal(HttpStatusCode.Forbidden, await manager.StatusOfAsync("api/leads/scoring-rules"));
        using var put = await manager.PutJsonAsync("api/leads/assignment-rules", JsonNode.Parse("""{"rules": []}""")!);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await manager.StatusOfAsync("api/leads"));
    }
}

public sealed class SqliteLeadPipelineHttpTests() : LeadPipelineHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadPipelineHttpTests() : LeadPipelineHttpTests(DatabaseProvider.Postgres);
