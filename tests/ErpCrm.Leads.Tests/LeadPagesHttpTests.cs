using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LeadPagesClient;

namespace ErpCrm.Leads.Tests;

/// <summary>A lead's page (/admin/leads/{id}) and its actions, and the new lead form (/admin/leads/new).</summary>
public abstract class LeadPagesHttpTests(DatabaseProvider provider) : LeadPagesTests(provider)
{
    private Task<HttpResponseMessage> ActAsync(string id, string handler, params KeyValuePair<string, string>[] fields) =>
        Browser.PostFormAsync($"admin/leads/{id}?handler={handler}", fields, $"admin/leads/{id}");

    private static KeyValuePair<string, string> Revision(long revision) => new("revision", revision.ToString());

    [Fact]
    public async Task A_leads_page_shows_its_details_a_stage_bar_its_history_and_the_activities_section()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada Lovelace", "Qualified", Extra("1200.00", source: "Website"), company: "Acme", email: "ada@acme.example");

        var page = await Browser.GetPageAsync($"admin/leads/{ada}");

        Assert.Contains("<h1>Ada Lovelace</h1>", page);
        Assert.Contains("<a href=\"mailto:ada@acme.example\">ada@acme.example</a>", page);
        Assert.Contains("1,200.00 EUR", page);
        Assert.Contains("<dd class=\"col-sm-8\" data-stage>Qualified</dd>", page);
        Assert.Contains("aria-current=\"step\">Qualified</button>", page);
        Assert.Matches($"<form method=\"post\" action=\"/admin/leads/{ada}\\?handler=stage\">\\s*<input type=\"hidden\" name=\"revision\" value=\"{revision}\">\\s*<input type=\"hidden\" name=\"stage\" value=\"Proposition\">", page);
        Assert.Contains($"href=\"/admin/leads/{ada}/edit\">Edit", page);
        Assert.Contains("<strong>LeadCreated</strong> in &#x27;Qualified&#x27;", page);
        Assert.Contains($"<div id=\"lead-activities\" hx-get=\"/admin/leads/{ada}/activities\" hx-trigger=\"load\" hx-swap=\"innerHTML\"><a href=\"/admin/leads/{ada}/activities\">Activities</a></div>", page);
    }

    [Fact]
    public async Task An_unknown_lead_is_a_not_found_page()
    {
        using var missing = await Browser.Client.GetAsync("admin/leads/nope");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no lead <code>nope</code>", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Converting_a_lead_links_its_page_to_the_company_it_reused_and_the_person_it_created()
    {
        var acme = await Admin.CreateContactIdAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["ContentType"] = "Company", ["TitlePart"] = new System.Text.Json.Nodes.JsonObject { ["Title"] = "Acme" },
            ["ContactPart"] = new System.Text.Json.Nodes.JsonObject { ["City"] = new System.Text.Json.Nodes.JsonObject { ["Text"] = "Springfield" } },
        });
        var (ada, _) = await Admin.NewLeadAsync("Ada Lovelace", company: "Acme", email: "ada@acme.example");

        using var converted = await ActAsync(ada, "convert");

        var page = await Browser.FollowAsync(converted);
        var (lead, _) = await Admin.GetLeadAsync(ada);
        var person = lead.FirstId("ConvertedPerson")!;
        Assert.Equal(acme, lead.FirstId("ConvertedCompany"));
        Assert.Contains($"Company <a href=\"/admin/contacts/{acme}\">Acme</a>", page);
        Assert.Contains($"Person <a href=\"/admin/contacts/{person}\">Ada Lovelace</a>", page);
        Assert.DoesNotContain("Convert to contacts", page);
        Assert.Contains("LeadConverted", page);
    }

    [Fact]
    public async Task Marking_lost_needs_a_reason_and_a_refused_reason_stays_in_the_form_with_its_error()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");
        var tooLong = "Too expensive <b>" + new string('x', 500);

        using var empty = await ActAsync(ada, "lost", Revision(revision), new("reason", "  "));
        using var longOne = await ActAsync(ada, "lost", Revision(revision), new("reason", tooLong));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"reason-error\">A reason is required to mark a lead lost.</p>", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, longOne.StatusCode);
        var form = await longOne.Content.ReadAsStringAsync();
        Assert.Contains("The reason has at most 500 characters.", form);
        Assert.Contains($">{WebUtility.HtmlEncode(tooLong)}</textarea>", form);
        Assert.Contains("aria-describedby=\"reason-error\"", form);
        Assert.Equal("New", (await Admin.GetLeadAsync(ada)).Lead.Text("Stage"));

        using var lost = await ActAsync(ada, "lost", Revision(revision), new("reason", "Went with a competitor"));

        var page = await Browser.FollowAsync(lost);
        Assert.Contains("data-status>Lost</span>", page);
        Assert.Contains("data-lost-reason>Went with a competitor</dd>", page);
        Assert.DoesNotContain("Mark lost", page);
        Assert.DoesNotContain("Convert to contacts", page);
    }

    [Fact]
    public async Task Marking_won_and_the_stage_bar_move_the_lead_and_a_stale_page_changes_nothing()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");

        using var moved = await ActAsync(ada, "stage", Revision(revision), new("stage", "Negotiation"));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("Negotiation", (await Admin.GetLeadAsync(ada)).Lead.Text("Stage"));

        using var stale = await ActAsync(ada, "won", Revision(revision));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else since you opened it", await stale.Content.ReadAsStringAsync());
        Assert.Equal("Negotiation", (await Admin.GetLeadAsync(ada)).Lead.Text("Stage"));

        var current = BrowserSession.InputValue(await Browser.GetPageAsync($"admin/leads/{ada}"), "revision");
        using var won = await ActAsync(ada, "won", new KeyValuePair<string, string>("revision", current));
        var page = await Browser.FollowAsync(won);
        Assert.Contains("data-status>Won</span>", page);
        Assert.Contains("aria-current=\"step\">Won</button>", page);
        Assert.Equal(["LeadCreated", "LeadStageChanged", "LeadStageChanged"], await Admin.HistoryAsync(ada));
    }

    [Fact]
    public async Task A_viewer_sees_a_lead_without_its_actions_and_may_not_post_them()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");
        var viewer = await SignInWithAsync("viewer", "ViewLeads", "ViewContent");

        var page = await viewer.GetPageAsync($"admin/leads/{ada}");
        Assert.DoesNotContain("Mark won", page);
        Assert.DoesNotContain("handler=stage", page);
        using var won = await viewer.PostFormAsync($"admin/leads/{ada}?handler=won", [Revision(revision)], "admin/leads");
        Assert.Equal(HttpStatusCode.Forbidden, won.StatusCode);
        Assert.Equal("New", (await Admin.GetLeadAsync(ada)).Lead.Text("Stage"));
    }

    [Fact]
    public async Task The_new_lead_form_lists_the_pipelines_stages_shows_each_error_next_to_its_field_keeps_every_value_and_then_saves()
    {
        var form = await Browser.GetPageAsync("admin/leads/new");
        Assert.Equal(["", "New", "Qualified", "Proposition", "Negotiation", "Won"],
            Regex.Match(form, "<select[^>]*name=\"LeadPart.Stage\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value
                .Split("<option").Skip(1).Select(o => Regex.Match(o, "value=\"([^\"]*)\"").Groups[1].Value));

        KeyValuePair<string, string>[] Fields(string email, string probability, string amount) =>
        [
            new("TitlePart.Title", "Big <deal>"), new("LeadPart.ContactName", "Ada"), new("LeadPart.CompanyName", "Acme"), new("LeadPart.Email", email),
            new("LeadPart.Source", "Fair"), new("LeadPart.Stage", "Proposition"), new("LeadPart.ExpectedRevenue.Amount", amount),
            new("LeadPart.ExpectedRevenue.Currency", "eur"), new("LeadPart.Probability", probability), new("LeadPart.Notes", "Met at the fair"),
        ];
        using var bad = await Browser.PostFormAsync("admin/leads/new", Fields("not-an-email", "150", "12.345"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Matches("<input[^>]*id=\"LeadPart-Email\"[^>]*value=\"not-an-email\"[^>]*aria-invalid=\"true\"[^>]*>\\s*<p class=\"error\" id=\"LeadPart-Email-error\">[^<]+</p>", html);
        Assert.Matches("<p class=\"error\" id=\"LeadPart-Probability-error\">[^<]*100[^<]*</p>", html);
        Assert.Matches("<p class=\"error\" id=\"LeadPart-ExpectedRevenue-error\">[^<]*decimals[^<]*</p>", html);
        Assert.Contains("value=\"Big &lt;deal&gt;\"", html);
        Assert.Contains("value=\"12.345\"", html);
        Assert.Contains("value=\"150\"", html);
        Assert.Contains("<option value=\"Proposition\" selected=\"selected\">", html);
        Assert.Contains(">Met at the fair</textarea>", html);
        Assert.Equal(0, await Admin.LeadCountAsync());

        using var good = await Browser.PostFormAsync("admin/leads/new", Fields("ada@acme.example", "65", "12.30"));

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var id = good.Headers.Location!.ToString().Split('/').Last();
        var (lead, _) = await Admin.GetLeadAsync(id);
        Assert.Equal("Big <deal>", lead["DisplayText"]!.GetValue<string>());
        Assert.Equal("Proposition", lead.Text("Stage"));
        Assert.Equal("12.30", lead.Field("ExpectedRevenue", "Amount")!.GetValue<string>());
        Assert.Equal("EUR", lead.Field("ExpectedRevenue", "Currency")!.GetValue<string>());
        Assert.Equal(65, lead.Field("Probability", "Value")!.GetValue<int>());
        Assert.Equal("ada@acme.example", lead.Field("Email", "Email")!.GetValue<string>());
    }
}

public sealed class SqliteLeadPagesHttpTests() : LeadPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadPagesHttpTests() : LeadPagesHttpTests(DatabaseProvider.Postgres);
