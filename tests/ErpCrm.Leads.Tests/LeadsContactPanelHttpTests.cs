using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>The Leads panel on a contact's page (Customer 360): the leads converted to, matched to or sharing the email of the contact.</summary>
public abstract partial class LeadsContactPanelHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        _browser = await SignInAdminAsync();
    }

    /// <summary>Ada's lead converted to Acme and Ada; another lead with Ada's email, won; a lost one with it; and Bob's, unrelated.</summary>
    private async Task<(string Company, string Person, string Converted, string Won, string Lost, string Other)> ArrangeAsync()
    {
        var converted = (await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@acme.example", "Acme", extra: new JsonObject
        {
            ["ExpectedRevenue"] = new JsonObject { ["Amount"] = "1000", ["Currency"] = "EUR" },
        }))).Lead.Id();
        var conversion = await (await Admin.PostAsync($"api/leads/{converted}/convert", null)).ReadJsonAsync(HttpStatusCode.OK);
        var won = (await Admin.CreateLeadAsync(LeadsClient.Lead("Ada again", "ADA@acme.example", stage: "Won"))).Lead.Id();
        var lost = (await Admin.CreateLeadAsync(LeadsClient.Lead("Ada once more", "ada@acme.example"))).Lead.Id();
        await (await Admin.PostJsonAsync($"api/leads/{lost}/lost", new { reason = "No budget" })).ReadJsonAsync(HttpStatusCode.OK);
        var other = (await Admin.CreateLeadAsync(LeadsClient.Lead("Bob", "bob@example.com"))).Lead.Id();
        return (conversion.Text("companyId"), conversion.Text("personId"), converted, won, lost, other);
    }

    [Fact]
    public async Task A_converted_companys_page_lists_its_lead_with_stage_and_expected_revenue()
    {
        var (company, _, converted, won, _, other) = await ArrangeAsync();

        var panel = Panel(await _browser.GetPageAsync($"admin/contacts/{company}"));

        Assert.Contains($"<a href=\"/admin/leads/{converted}\">Ada Lovelace</a>", panel);
        Assert.Contains("1,000.00 EUR", panel);
        Assert.Contains("erp-badge-off\">New</span>", panel);
        Assert.DoesNotContain(won, panel);
        Assert.DoesNotContain(other, panel);
        Assert.Contains("href=\"/admin/leads/list?q=Acme\">All leads</a>", panel);
        Assert.Contains("href=\"/admin/leads/new\">New lead</a>", panel);
    }

    [Fact]
    public async Task A_persons_page_lists_the_leads_with_their_email_won_good_and_lost_danger()
    {
        var (_, person, converted, won, lost, other) = await ArrangeAsync();

        var panel = Panel(await _browser.GetPageAsync($"admin/contacts/{person}"));

        Assert.Equal([lost, won, converted], Regex.Matches(panel, "href=\"/admin/leads/([^\"/]+)\"").Select(m => m.Groups[1].Value).Where(id => id is not ("list?q=ada%40acme.example" or "new")));
        Assert.Contains("erp-badge-on\">Won</span>", panel);
        Assert.Contains("erp-badge-danger\">Lost</span>", panel);
        Assert.DoesNotContain(other, panel);
        Assert.Contains("href=\"/admin/leads/list?q=ada%40acme.example\">All leads</a>", panel);
    }

    [Fact]
    public async Task New_lead_is_offered_only_to_those_who_manage_leads_and_the_panel_goes_with_the_feature()
    {
        var (company, _, converted, _, _, _) = await ArrangeAsync();
        await Host.CreateUserWithTokenAsync(Tenant, "viewer", "Staff");
        var viewer = BrowserSession.Open(Host);
        await viewer.SignInOrFailAsync("viewer", TestHost.AdminPassword);

        var viewed = Panel(await viewer.GetPageAsync($"admin/contacts/{company}"));
        await Admin.DisableFeaturesAsync(LeadsClient.Feature);
        var without = await _browser.GetPageAsync($"admin/contacts/{company}");

        Assert.Contains(converted, viewed);
        Assert.DoesNotContain("New lead", viewed);
        Assert.DoesNotContain("data-panel=\"Leads\"", without);
        Assert.Contains("data-panel=\"People\"", without);
    }

    private static string Panel(string page)
    {
        var match = Regex.Match(page, "data-panel=\"Leads\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, "The page has no Leads panel.");
        return match.Groups[1].Value;
    }
}

public sealed class SqliteLeadsContactPanelHttpTests() : LeadsContactPanelHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadsContactPanelHttpTests() : LeadsContactPanelHttpTests(DatabaseProvider.Postgres);
