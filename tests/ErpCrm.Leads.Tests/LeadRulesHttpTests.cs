using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>A lead names someone to reach — a contact name or an email —, refused the same way on the API, the forms and a recipe.</summary>
public abstract class LeadRulesHttpTests(DatabaseProvider provider) : LeadPagesTests(provider)
{
    private const string Message = "A lead needs a contact name or an email.";

    private static JsonObject CompanyOnly() => new()
    {
        ["ContentType"] = "Lead",
        ["LeadPart"] = new JsonObject { ["CompanyName"] = new JsonObject { ["Text"] = "Acme" } },
    };


    private static async Task<string> RefusedFormAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    [Fact]
    public async Task A_lead_without_a_contact_name_or_an_email_is_refused_on_the_api_the_new_lead_form_the_item_editor_and_a_recipe()
    {
        var api = await (await Admin.PostAsync("api/leads", ContentClient.Json(CompanyOnly()))).AssertFieldsAsync(HttpStatusCode.BadRequest, "LeadPart.ContactName");
        Assert.Equal(Message, api.Error("LeadPart.ContactName"));

        var form = await RefusedFormAsync(await Browser.PostFormAsync("admin/leads/new", [new("LeadPart.CompanyName", "Acme"), new("LeadPart.Source", "Fair")]));
        Assert.Equal(Message, BrowserSession.FieldError(form, "LeadPart-ContactName"));
        Assert.Equal("Acme", BrowserSession.InputValue(form, "LeadPart.CompanyName"));
        Assert.Equal("Fair", BrowserSession.InputValue(form, "LeadPart.Source"));

        var (ada, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com", company: "Acme"));
        var edited = await RefusedFormAsync(await Browser.PostFormAsync($"admin/content/Lead/{ada.Id()}",
            [new("_revision", "1"), new("TitlePart.Title", "Ada Lovelace"), new("LeadPart.ContactName", ""), new("LeadPart.Email", ""),
             new("LeadPart.CompanyName", "Acme Rockets"), new("LeadPart.Stage", "New"), new("_action", "save")], formPage: $"admin/leads/{ada.Id()}/edit"));
        Assert.Equal(Message, BrowserSession.FieldError(edited, "f-LeadPart-ContactName"));
        Assert.Equal("Acme Rockets", BrowserSession.InputValue(edited, "LeadPart.CompanyName"));

        var recipe = new JsonObject { ["name"] = "leads", ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = new JsonArray(CompanyOnly()) }) };
        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].data[0].LeadPart.ContactName");
        Assert.StartsWith("Step 1 ('content')", problem.Error("steps[0].data[0].LeadPart.ContactName"));
        Assert.Contains(Message, problem.Error("steps[0].data[0].LeadPart.ContactName"));

        var emailOnly = CompanyOnly();
        emailOnly["LeadPart"]!["Email"] = new JsonObject { ["Email"] = "someone@acme.example" };
        Assert.Equal("Acme", (await Admin.CreateLeadAsync(emailOnly)).Lead["DisplayText"]!.GetValue<string>()); // an email is enough
        var leads = JsonNode.Parse((await (await Admin.GetAsync("api/leads")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(2, leads["total"]!.GetValue<long>());
        Assert.Equal("Ada Lovelace", (await Admin.GetLeadAsync(ada.Id())).Lead["LeadPart"]!["ContactName"]!["Text"]!.GetValue<string>());
    }
}

public sealed class SqliteLeadRulesHttpTests() : LeadRulesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadRulesHttpTests() : LeadRulesHttpTests(DatabaseProvider.Postgres);
