using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LeadPagesClient;

namespace ErpCrm.Leads.Tests;

/// <summary>The pipeline settings page (/admin/leads/stages): stages, scoring rules and assignment rules, their errors on their rows.</summary>
public abstract class LeadPipelineSettingsPagesHttpTests(DatabaseProvider provider) : LeadPagesTests(provider)
{
    private const string Page = "admin/leads/stages";

    private async Task<IReadOnlyList<string>> StageNamesAsync() =>
        JsonNode.Parse((await (await Admin.GetAsync("api/leads/stages")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["stages"]!.AsArray()
            .Select(s => $"{s!["name"]} {s["probability"]}{(s["isWon"]!.GetValue<bool>() ? " won" : "")}{(s["isLost"]!.GetValue<bool>() ? " lost" : "")}").ToList();

    /// <summary>The stages form as the page shows it for the default pipeline: rows 0..5, Won (4) and Lost (5) flagged.</summary>
    private static List<KeyValuePair<string, string>> DefaultStages()
    {
        var fields = new List<KeyValuePair<string, string>>();
        string[] names = ["New", "Qualified", "Proposition", "Negotiation", "Won", "Lost"];
        int[] probabilities = [10, 30, 60, 80, 100, 0];
        for (var i = 0; i < names.Length; i++)
        {
            fields.Add(new($"stages[{i}].original", names[i]));
            fields.Add(new($"stages[{i}].name", names[i]));
            fields.Add(new($"stages[{i}].position", (i + 1).ToString()));
            fields.Add(new($"stages[{i}].probability", probabilities[i].ToString()));
            fields.Add(new($"stages[{i}].moveTo", ""));
        }
        fields.Add(new("won", "4"));
        fields.Add(new("lost", "5"));
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return fields;
    }

    private Task<HttpResponseMessage> PostAsync(string handler, IEnumerable<KeyValuePair<string, string>> fields) =>
        Browser.PostFormAsync($"{Page}?handler={handler}", fields, Page);

    [Fact]
    public async Task Stages_are_renamed_reordered_given_probabilities_added_and_removed_in_one_save_and_their_leads_follow()
    {
        var (ada, _) = await Admin.NewLeadAsync("Ada", "Qualified");
        var (bob, _) = await Admin.NewLeadAsync("Bob", "Negotiation");
        var fields = DefaultStages();
        With(fields, "stages[1].name", "Discovery");
        With(fields, "stages[2].position", "9");
        With(fields, "stages[0].probability", "5");
        With(fields, "stages[3].remove", "true");
        With(fields, "stages[3].moveTo", "Proposition");
        fields.AddRange([new("stages[6].original", ""), new("stages[6].name", "Demo"), new("stages[6].position", "3"), new("stages[6].probability", "40")]);

        using var saved = await PostAsync("stages", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("The stages are saved.", await Browser.FollowAsync(saved));
        Assert.Equal(["New 5", "Discovery 30", "Demo 40", "Won 100 won", "Lost 0 lost", "Proposition 60"], await StageNamesAsync());
        Assert.Equal("Discovery", (await Admin.GetLeadAsync(ada)).Lead.Text("Stage"));
        Assert.Equal("Proposition", (await Admin.GetLeadAsync(bob)).Lead.Text("Stage"));
    }

    [Fact]
    public async Task Adding_a_stage_row_saves_nothing_and_keeps_what_was_typed()
    {
        var fields = With(DefaultStages(), "stages[0].name", "Inbox");

        using var added = await PostAsync("stages", [.. fields, new("add", "1")]);

        var html = await added.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("name=\"stages[0].name\" value=\"Inbox\"", html);
        Assert.Contains("name=\"stages[6].name\" value=\"\"", html);
        Assert.Equal("New 10", (await StageNamesAsync())[0]);
    }

    [Fact]
    public async Task Stage_errors_show_on_their_rows_and_the_form_keeps_every_value()
    {
        await Admin.NewLeadAsync("Ada", "Qualified");
        var fields = DefaultStages();
        With(fields, "stages[2].name", "new");
        With(fields, "stages[0].probability", "lots");
        With(fields, "stages[1].remove", "true");

        using var typo = await PostAsync("stages", fields);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"stages-0-probability-error\">The probability is a whole number from 0 to 100.</p>", await typo.Content.ReadAsStringAsync());

        With(fields, "stages[0].probability", "10");
        using var twice = await PostAsync("stages", fields);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var html = await twice.Content.ReadAsStringAsync();
        Assert.Matches("<p class=\"error\" id=\"stages-2-name-error\">The stage name &#x27;new&#x27; is given twice[^<]*</p>", html);
        Assert.Contains("name=\"stages[2].name\" value=\"new\"", html);
        Assert.Contains("name=\"stages[1].remove\" value=\"true\" checked=\"checked\"", html);

        With(fields, "stages[2].name", "Proposition");
        using var leadsLeft = await PostAsync("stages", fields);
        Assert.Equal(HttpStatusCode.BadRequest, leadsLeft.StatusCode);
        Assert.Matches("<p class=\"error\" id=\"stages-1-moveTo-error\">Stage &#x27;Qualified&#x27; has 1 lead\\(s\\)[^<]*</p>", await leadsLeft.Content.ReadAsStringAsync());
        Assert.Equal("Qualified 30", (await StageNamesAsync())[1]);
    }

    [Fact]
    public async Task A_pipeline_without_a_won_stage_is_refused_above_the_table()
    {
        var fields = DefaultStages();
        fields.RemoveAll(f => f.Key == "won");

        using var refused = await PostAsync("stages", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("A pipeline has exactly one won stage", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scoring_rules_are_added_edited_and_removed_and_their_errors_show_on_their_rows()
    {
        using var bad = await PostAsync("scoring", [
            new("scoring[0].name", "Web"), new("scoring[0].field", "Source"), new("scoring[0].operator", "equals"), new("scoring[0].value", "Website"), new("scoring[0].points", "ten"),
            new("scoring[1].name", "Big"), new("scoring[1].field", "Lead.Budget"), new("scoring[1].operator", "greaterThan"), new("scoring[1].value", "lots"), new("scoring[1].points", "20"),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"scoring-0-points-error\">Points are a whole number", await bad.Content.ReadAsStringAsync());

        using var refused = await PostAsync("scoring", [
            new("scoring[0].name", "Web"), new("scoring[0].field", "Source"), new("scoring[0].operator", "equals"), new("scoring[0].value", "Website"), new("scoring[0].points", "10"),
            new("scoring[1].name", "Big"), new("scoring[1].field", "Lead.Budget"), new("scoring[1].operator", "greaterThan"), new("scoring[1].value", "lots"), new("scoring[1].points", "20"),
        ]);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"scoring-1-value-error\">greaterThan compares numbers: &#x27;lots&#x27; is not a number.</p>", html);
        Assert.Contains("name=\"scoring[1].value\" value=\"lots\"", html);

        using var saved = await PostAsync("scoring", [
            new("scoring[0].name", "Web"), new("scoring[0].field", "Source"), new("scoring[0].operator", "equals"), new("scoring[0].value", "Website"), new("scoring[0].points", "10"),
            new("scoring[1].name", "Big"), new("scoring[1].remove", "true"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await Browser.FollowAsync(saved);
        Assert.Contains("The scoring rules are saved.", page);
        Assert.Contains("name=\"scoring[0].points\" value=\"10\"", page);
        Assert.DoesNotContain("name=\"scoring[1].name\"", page);
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", extra: Extra(source: "website")));
        Assert.Equal(10, lead.Field("Score", "Value")!.GetValue<int>());
    }

    [Fact]
    public async Task An_assignment_rule_names_a_user_or_a_role_and_one_naming_both_is_refused_on_its_row()
    {
        using var both = await PostAsync("assignment", [new("assignment[0].name", "Everyone"), new("assignment[0].user", "admin"), new("assignment[0].role", "Sales")]);

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var html = await both.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"error\" id=\"assignment-0-error\">An assignment rule names exactly one of user", html);
        Assert.Contains("name=\"assignment[0].role\" value=\"Sales\"", html);

        using var saved = await PostAsync("assignment", [new("assignment[0].name", "Everyone"), new("assignment[0].user", "admin")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        Assert.Equal(await Admin.MyIdAsync(), lead.FirstId("Owner", "UserIds"));
    }

    [Fact]
    public async Task Only_users_who_may_manage_the_pipeline_open_its_settings()
    {
        var sam = await SignInWithAsync("sam", "ViewLeads", "ManageLeads");

        Assert.Equal(HttpStatusCode.Forbidden, await sam.Client.StatusOfAsync(Page));
        Assert.DoesNotContain("Pipeline settings", await sam.GetPageAsync("admin/leads"));
        Assert.Contains("Pipeline settings", await Browser.GetPageAsync("admin/leads"));
    }
}

public sealed class SqliteLeadPipelineSettingsPagesHttpTests() : LeadPipelineSettingsPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadPipelineSettingsPagesHttpTests() : LeadPipelineSettingsPagesHttpTests(DatabaseProvider.Postgres);
