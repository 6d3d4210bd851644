using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>
/// Referential integrity across modules: a contact that the books (journal lines), leads or a third-party module refer to is never
/// deleted or merged away from under them — whatever the path — so that the aged report and the contact's page go on naming it.
/// It is archived instead.
/// </summary>
public abstract class ContactReferencesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string PinFeature = "Test.References";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LedgerClient.Feature);
        await Admin.CreateSmallChartAsync();
    }

    private async Task<string> CustomerAsync(string name, string? email = null) =>
        (await Admin.CreateContactAsync(ContactsClient.Company(name, email, customer: true))).Id();

    /// <summary>Posts (or drafts) a sale on credit to the customer, dated in January 2026.</summary>
    private Task<JsonElement> SellAsync(string customerId, string amount, bool post = true) =>
        Admin.PostEntryAsync(Entry("SAL", "2026-01-05", "INV", post, Dr("1200", amount, customerId), Cr("4000", amount)));

    private async Task<IReadOnlyList<(string? Id, string? Name)>> AgedPartnersAsync() =>
        (await Admin.GetLedgerJsonAsync("api/ledger/reports/aged-receivables?at=2026-01-31")).GetProperty("partners").EnumerateArray()
            .Select(p => (p.GetProperty("contactId").GetString(), p.GetProperty("name").GetString())).ToList();

    private async Task<JsonNode> ContactAsync(string id) =>
        JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;

    private async Task<IReadOnlyList<string?>> ListedAsync(string query = "") =>
        JsonNode.Parse((await (await Admin.GetAsync($"api/contacts?{query}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.Texts();

    private static bool IsArchived(JsonNode contact) => contact["ContactPart"]?["Archived"]?.GetValue<bool>() == true;

    private async Task<BrowserSession> AdminBrowserAsync()
    {
        var browser = await SignInAdminAsync();
        return browser;
    }

    private async Task<string> RefusedDeleteAsync(string path)
    {
        var problem = await (await Admin.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.Conflict);
        return problem.Text("detail");
    }

    [Fact]
    public async Task A_contact_with_posted_journal_lines_is_not_deleted_and_the_aged_report_still_names_it()
    {
        var alpha = await CustomerAsync("Alpha Retail");
        await SellAsync(alpha, "120.00");

        var detail = await RefusedDeleteAsync($"api/contacts/{alpha}");

        Assert.Contains("Company 'Alpha Retail' cannot be deleted while other records refer to it: 1 posted journal line.", detail);
        Assert.Contains($"Archive it instead (POST /api/contacts/{alpha}/archive)", detail);
        Assert.Equal("Alpha Retail", (await ContactAsync(alpha))["DisplayText"]!.GetValue<string>());
        Assert.Equal([(alpha, "Alpha Retail")], await AgedPartnersAsync());
        Assert.Equal(["Alpha Retail"], await ListedAsync());
    }

    [Fact]
    public async Task The_content_api_and_the_admin_page_refuse_to_delete_it_too()
    {
        var alpha = await CustomerAsync("Alpha Retail");
        await SellAsync(alpha, "120.00");
        await SellAsync(alpha, "80.00");
        var browser = await AdminBrowserAsync();
        var editor = await browser.GetPageAsync($"admin/contacts/{alpha}/edit");

        Assert.Contains("Company 'Alpha Retail' cannot be deleted while other records refer to it: 2 posted journal lines.",
            await RefusedDeleteAsync($"api/content/Company/{alpha}"));
        var deleted = await browser.PostFormAsync($"admin/content/Company/{alpha}?handler=delete",
            [new("_revision", BrowserSession.InputValue(editor, "_revision"))], $"admin/contacts/{alpha}/edit");
        var page = await browser.FollowAsync(deleted);

        Assert.Contains("cannot be deleted while other records refer to it: 2 posted journal lines.", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("changed by someone else", page);
        Assert.Equal("Alpha Retail", (await ContactAsync(alpha))["DisplayText"]!.GetValue<string>());
        Assert.Contains("Alpha Retail", await browser.GetPageAsync($"admin/contacts/{alpha}"));
        Assert.Equal([(alpha, "Alpha Retail")], await AgedPartnersAsync());
    }

    [Fact]
    public async Task A_draft_line_keeps_its_contact_until_the_draft_is_deleted()
    {
        var alpha = await CustomerAsync("Alpha Retail");
        var draft = await SellAsync(alpha, "120.00", post: false);

        Assert.Contains("1 draft journal line", await RefusedDeleteAsync($"api/contacts/{alpha}"));

        using var dropped = await Admin.DeleteAsync($"api/ledger/entries/{draft.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, dropped.StatusCode);
        using var deleted = await Admin.DeleteAsync($"api/contacts/{alpha}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task An_archived_contact_leaves_lists_and_duplicate_checks_while_reports_and_its_page_still_name_it()
    {
        var alpha = await CustomerAsync("Alpha Retail", "billing@alpha.example");
        await SellAsync(alpha, "120.00");
        var browser = await AdminBrowserAsync();

        var archived = await browser.PostFormAsync($"admin/contacts/{alpha}?handler=archive",
            [new("revision", BrowserSession.InputValue(await browser.GetPageAsync($"admin/contacts/{alpha}"), "revision"))], $"admin/contacts/{alpha}");
        var page = await browser.FollowAsync(archived);

        Assert.Contains("id=\"contact-archived\"", page);
        Assert.Contains(">Restore<", page);
        Assert.True(IsArchived(await ContactAsync(alpha)));
        Assert.Empty(await ListedAsync());
        Assert.Equal(["Alpha Retail"], await ListedAsync("archived=true"));
        Assert.Equal([(alpha, "Alpha Retail")], await AgedPartnersAsync());
        await Admin.CreateContactAsync(ContactsClient.Company("Alpha Retail (new)", "billing@alpha.example")); // an archived contact is no duplicate

        using var restored = await Admin.PostAsync($"api/contacts/{alpha}/restore", null);
        Assert.False(IsArchived(JsonNode.Parse((await restored.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!));
        Assert.Equal(["Alpha Retail", "Alpha Retail (new)"], await ListedAsync());
        await (await Admin.GetAsync("api/contacts?archived=maybe")).AssertFieldsAsync(HttpStatusCode.BadRequest, "archived");
    }

    [Fact]
    public async Task Merging_away_a_contact_with_posted_lines_archives_it_pointing_at_the_contact_kept()
    {
        var alpha = await CustomerAsync("Alpha Retail", "billing@alpha.example");
        var twin = await CustomerAsync("ALPHA RETAIL LTD");
        await SellAsync(twin, "120.00");

        using var response = await Admin.PostAsync($"api/contacts/{twin}/merge", ContentClient.Json(new JsonObject { ["into"] = alpha }));

        var merged = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.True(merged["duplicateArchived"]!.GetValue<bool>());
        Assert.False(IsArchived(merged["kept"]!));
        var duplicate = await ContactAsync(twin);
        Assert.True(IsArchived(duplicate));
        Assert.Equal(alpha, duplicate["ContactPart"]!["MergedInto"]!.GetValue<string>());
        Assert.Equal([(twin, "ALPHA RETAIL LTD")], await AgedPartnersAsync());
        Assert.Equal(["Alpha Retail"], await ListedAsync());
        var browser = await AdminBrowserAsync();
        Assert.Contains($"data-merged-into=\"{alpha}\">Alpha Retail</a>", await browser.GetPageAsync($"admin/contacts/{twin}"));
        Assert.Contains("1 archived contact merged into it", await RefusedDeleteAsync($"api/contacts/{alpha}"));
        await (await Admin.PostAsync($"api/contacts/{alpha}/merge", ContentClient.Json(new JsonObject { ["into"] = twin })))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "into"); // never into an archived contact
    }

    [Fact]
    public async Task A_converted_lead_keeps_the_company_it_became()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", company: "Analytical Engines"));
        using var converted = await Admin.PostAsync($"api/leads/{lead.Id()}/convert", null);
        var conversion = await converted.ReadJsonAsync(HttpStatusCode.OK);

        var detail = await RefusedDeleteAsync($"api/contacts/{conversion.Text("companyId")}");

        Assert.Contains("Company 'Analytical Engines' cannot be deleted while other records refer to it: 1 lead.", detail);
    }

    [Fact]
    public async Task A_third_party_module_is_asked_through_the_seam_only_while_its_feature_is_on()
    {
        await Admin.EnableFeaturesAsync(PinFeature);
        var pinned = await CustomerAsync("Pinned Co");

        Assert.Contains("Company 'Pinned Co' cannot be deleted while other records refer to it: 1 pinned test record.",
            await RefusedDeleteAsync($"api/content/Company/{pinned}"));
        Assert.Contains("1 pinned test record", await RefusedDeleteAsync($"api/contacts/{pinned}"));

        await Admin.DisableFeaturesAsync(PinFeature);
        using var deleted = await Admin.DeleteAsync($"api/contacts/{pinned}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task A_contact_nothing_refers_to_is_still_deleted_by_every_path()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature, PinFeature);
        var alpha = await CustomerAsync("Alpha Retail");
        var beta = await CustomerAsync("Beta Stores");
        var gamma = await CustomerAsync("Gamma Goods");
        await SellAsync(gamma, "10.00");
        var browser = await AdminBrowserAsync();
        var editor = await browser.GetPageAsync($"admin/contacts/{beta}/edit");

        using var byContacts = await Admin.DeleteAsync($"api/contacts/{alpha}");
        var byPage = await browser.PostFormAsync($"admin/content/Company/{beta}?handler=delete",
            [new("_revision", BrowserSession.InputValue(editor, "_revision"))], $"admin/contacts/{beta}/edit");

        Assert.Equal(HttpStatusCode.NoContent, byContacts.StatusCode);
        Assert.Contains("is deleted.", await browser.FollowAsync(byPage));
        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync($"api/contacts/{alpha}"));
        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync($"api/contacts/{beta}"));
        Assert.Equal(["Gamma Goods"], await ListedAsync());
    }
}

public sealed class SqliteContactReferencesHttpTests() : ContactReferencesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactReferencesHttpTests() : ContactReferencesHttpTests(DatabaseProvider.Postgres);
