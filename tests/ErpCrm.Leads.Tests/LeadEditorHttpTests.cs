using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>
/// The lead editor: the fields a salesperson uses (stage a choice of the pipeline, company a contacts picker, score read-only),
/// the fields an admin added below, saved through the lead service with the revision it was opened at.
/// </summary>
public abstract class LeadEditorHttpTests(DatabaseProvider provider) : LeadPagesTests(provider)
{

    private static List<KeyValuePair<string, string>> Form(string html, params (string Name, string Value)[] changes)
    {
        string[] names = ["TitlePart.Title", "LeadPart.ContactName", "LeadPart.Email", "LeadPart.Phone", "LeadPart.CompanyName", "LeadPart.Contact", "LeadPart.Source",
            "LeadPart.ExpectedRevenue.Amount", "LeadPart.ExpectedRevenue.Currency", "LeadPart.Probability", "LeadPart.ExpectedClose", "LeadPart.LostReason", "_revision"];
        // A company whose Lead type lacks a field (one defined before it came) gets a form without its input.
        var form = names.Where(n => html.Contains($"name=\"{n}\"", StringComparison.Ordinal)).ToDictionary(n => n, n => BrowserSession.InputValue(html, n));
        form["LeadPart.Stage"] = Regex.Match(html, "<option value=\"([^\"]*)\" selected=\"selected\">[^<]*%\\)</option>").Groups[1].Value;
        form["LeadPart.Owner"] = "";
        form["LeadPart.Notes"] = "";
        foreach (var (name, value) in changes)
        {
            form[name] = value;
        }
        return [.. form];
    }

    [Fact]
    public async Task The_editor_shows_a_salespersons_fields_and_the_admins_saves_stage_company_and_an_added_field_and_the_item_editor_sends_leads_to_it()
    {
        await Admin.AddTypeFieldAsync("Lead", "TextField", "Budget", "Budget holder");
        var acme = await Admin.CreateContactIdAsync(ContactsClient.Company("Acme Corp"));
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com", company: "Acme", extra: new() { ["Score"] = new JsonObject { ["Value"] = 5 } }));
        var id = lead.Id();

        var html = await Browser.GetPageAsync($"admin/leads/{id}/edit");
        Assert.Contains("<select class=\"form-select\" id=\"LeadPart-Stage\" name=\"LeadPart.Stage\"", html);
        Assert.Contains("<option value=\"Proposition\">Proposition", html);
        Assert.Contains("data-picker-url=\"/api/contacts/lookup\"", html);
        Assert.Contains("<input class=\"form-control\" id=\"f-LeadPart-ExpectedClose\" name=\"LeadPart.ExpectedClose\" type=\"date\"", html);
        Assert.Matches("<output class=\"fw-semibold\" id=\"lead-score\" data-score>\\d+</output>", html);
        Assert.Contains("name=\"Lead.Budget\"", html);
        foreach (var internalField in new[] { "LeadPart.Score", "LeadPart.ConvertedCompany", "LeadPart.ConvertedPerson", "LeadPart.Status" })
        {
            Assert.DoesNotContain($"name=\"{internalField}", html);
        }

        using var saved = await Browser.PostFormAsync($"admin/leads/{id}/edit",
            Form(html, ("LeadPart.Stage", "Proposition"), ("LeadPart.Contact", acme), ("LeadPart.ExpectedClose", "2027-03-31"), ("Lead.Budget", "Ada's CFO")));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        Assert.Equal($"/admin/leads/{id}", saved.Headers.Location!.OriginalString);
        var (after, _) = await Admin.GetLeadAsync(id);
        Assert.Equal("Proposition", after.Text("Stage"));
        Assert.Equal(acme, after.FirstId("Contact"));
        Assert.StartsWith("2027-03-31", after.Field("ExpectedClose", "Value")!.GetValue<string>());
        Assert.Equal("Ada's CFO", after["Lead"]!["Budget"]!["Text"]!.GetValue<string>());
        Assert.Equal("ada@example.com", after.Field("Email", "Email")!.GetValue<string>());

        var again = await Browser.GetPageAsync($"admin/leads/{id}/edit");
        Assert.Contains("data-picker-text=\"Acme Corp\"", again);
        Assert.Equal("2027-03-31", BrowserSession.InputValue(again, "LeadPart.ExpectedClose"));

        using var generic = await Browser.Client.GetAsync($"admin/content/Lead/{id}");
        Assert.Equal(HttpStatusCode.Redirect, generic.StatusCode);
        Assert.Equal($"/admin/leads/{id}/edit", generic.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_stale_save_says_someone_else_changed_the_lead_an_empty_contact_is_refused_at_its_field_and_both_keep_the_typed_text()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com"));
        var id = lead.Id();
        var html = await Browser.GetPageAsync($"admin/leads/{id}/edit");
        using (var moved = await Browser.PostFormAsync($"admin/leads/{id}?handler=stage", [new("stage", "Qualified"), new("revision", BrowserSession.InputValue(html, "_revision"))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        using var stale = await Browser.PostFormAsync($"admin/leads/{id}/edit", Form(html, ("LeadPart.Phone", "+1 555 0199")));
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else since you opened it", FormErrorsReader.Summary(staleHtml));
        Assert.Equal("+1 555 0199", BrowserSession.InputValue(staleHtml, "LeadPart.Phone"));
        Assert.NotEqual(BrowserSession.InputValue(html, "_revision"), BrowserSession.InputValue(staleHtml, "_revision"));

        using var empty = await Browser.PostFormAsync($"admin/leads/{id}/edit",
            Form(staleHtml, ("LeadPart.ContactName", ""), ("LeadPart.Email", ""), ("LeadPart.CompanyName", "Acme Rockets")));
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("A lead needs a contact name or an email.", BrowserSession.FieldError(emptyHtml, "f-LeadPart-ContactName"));
        Assert.Equal("Acme Rockets", BrowserSession.InputValue(emptyHtml, "LeadPart.CompanyName"));
        Assert.Null((await Admin.GetLeadAsync(id)).Lead.Field("Phone", "Phone"));
    }

    /// <summary>A company whose culture is de-DE types the expected revenue as it writes amounts, and sees it so again.</summary>
    [Fact]
    public async Task The_expected_revenue_reads_and_shows_in_the_company_s_culture_and_one_that_does_not_read_is_its_error()
    {
        using (var chosen = await Browser.PostFormAsync("admin/settings", [new("culture", "de-DE")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com"));
        var id = lead.Id();
        var html = await Browser.GetPageAsync($"admin/leads/{id}/edit");

        using (var saved = await Browser.PostFormAsync($"admin/leads/{id}/edit", Form(html, ("LeadPart.ExpectedRevenue.Amount", "12.345,5"), ("LeadPart.ExpectedRevenue.Currency", "EUR"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var revenue = (await Admin.GetLeadAsync(id)).Lead["LeadPart"]!["ExpectedRevenue"]!;
        Assert.Equal(12345.5m, decimal.Parse(revenue["Amount"]!.ToJsonString().Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        html = await Browser.GetPageAsync($"admin/leads/{id}/edit");
        Assert.Equal("12.345,50", BrowserSession.InputValue(html, "LeadPart.ExpectedRevenue.Amount"));

        using var refused = await Browser.PostFormAsync($"admin/leads/{id}/edit", Form(html, ("LeadPart.ExpectedRevenue.Amount", "12.34,5"), ("LeadPart.Phone", "+1 555 0100")));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Expected revenue: enter a number like 1.234,56.", System.Net.WebUtility.HtmlDecode(FormErrorsReader.Summary(refusedHtml)));
        Assert.Equal("12.34,5", BrowserSession.InputValue(refusedHtml, "LeadPart.ExpectedRevenue.Amount"));
        Assert.Null((await Admin.GetLeadAsync(id)).Lead.Field("Phone", "Phone"));
    }

    /// <summary>A company set up before the expected close date came keeps its Lead definition: the form neither shows nor writes the field.</summary>
    [Fact]
    public async Task A_company_whose_lead_type_has_no_expected_close_gets_an_editor_without_it_that_saves_the_rest()
    {
        var part = JsonNode.Parse((await (await Admin.GetAsync("api/content-parts/LeadPart")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        var fields = part["ContentPartFieldDefinitionRecords"]!.AsArray();
        fields.Remove(fields.Single(f => (string?)f!["Name"] == "ExpectedClose"));
        await (await Admin.PutAsync("api/content-parts/LeadPart", ContentClient.Json(part))).ReadJsonAsync(HttpStatusCode.OK);
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com"));
        var id = lead.Id();

        var html = await Browser.GetPageAsync($"admin/leads/{id}/edit");
        Assert.DoesNotContain("LeadPart.ExpectedClose", html);
        var form = Form(html, ("LeadPart.Phone", "+1 555 0100"));
        form.Add(new("LeadPart.ExpectedClose", "not a day"));
        using var saved = await Browser.PostFormAsync($"admin/leads/{id}/edit", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = (await Admin.GetLeadAsync(id)).Lead;
        Assert.Equal("+1 555 0100", stored.Field("Phone", "Phone")!.GetValue<string>());
        Assert.Null(stored["LeadPart"]?["ExpectedClose"]);
    }

    [Fact]
    public async Task The_leads_history_names_its_salesperson_and_the_contacts_it_became_never_their_ids()
    {
        var sam = await Host.ClientOfNewUserAsync("sam", "Editor");
        var samId = await sam.MyIdAsync();
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com", company: "Analytical Engines",
            extra: new JsonObject { ["Owner"] = new JsonObject { ["UserIds"] = new JsonArray(samId) } }));
        using (var converted = await Browser.PostFormAsync($"admin/leads/{lead.Id()}?handler=convert", [], $"admin/leads/{lead.Id()}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, converted.StatusCode);
        }
        var after = (await Admin.GetLeadAsync(lead.Id())).Lead;
        var (company, person) = (after.FirstId("ConvertedCompany")!, after.FirstId("ConvertedPerson")!);

        var page = await Browser.GetPageAsync($"admin/leads/{lead.Id()}");

        var created = Regex.Match(page, "<li class=\"mb-1\" data-history=\"LeadCreated\">(.*?)</li>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Matches("<strong>LeadCreated</strong> in &#x27;New&#x27;, score -?\\d+, assigned to sam$", Regex.Replace(created, "\\s+", " ").Trim());
        var conversion = Regex.Replace(Regex.Match(page, "<li class=\"mb-1\" data-history=\"LeadConverted\">(.*?)</li>", RegexOptions.Singleline).Groups[1].Value, "\\s+", " ");
        Assert.EndsWith($"<strong>LeadConverted</strong> company <a href=\"/admin/contacts/{company}\">Analytical Engines</a>, person <a href=\"/admin/contacts/{person}\">Ada Lovelace</a>", conversion.Trim());
        Assert.Equal(samId, JsonNode.Parse((await (await Admin.GetAsync($"api/leads/{lead.Id()}/history")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())![0]!["ownerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_who_may_only_view_leads_cannot_open_or_post_the_editor()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com"));
        var viewer = await SignInWithAsync("viewer", "ViewLeads");

        using var get = await viewer.Client.GetAsync($"admin/leads/{lead.Id()}/edit");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        using var post = await viewer.PostFormAsync($"admin/leads/{lead.Id()}/edit", [new("TitlePart.Title", "Mine now")], "admin");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("Ada Lovelace", (await Admin.GetLeadAsync(lead.Id())).Lead["DisplayText"]!.GetValue<string>());
    }
}

public sealed class SqliteLeadEditorHttpTests() : LeadEditorHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadEditorHttpTests() : LeadEditorHttpTests(DatabaseProvider.Postgres);
