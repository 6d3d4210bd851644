using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The company's settings page: the culture amounts are typed and shown in, for those who may change the site's settings.</summary>
public abstract class CompanySettingsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task An_administrator_chooses_the_culture_from_the_list_a_culture_not_listed_is_refused_at_the_field_and_others_may_not()
    {
        var browser = await SignInAdminAsync();
        Assert.Contains("<option value=\"en-US\" selected=\"selected\">", await browser.GetPageAsync("admin/settings"));

        using var unknown = await browser.PostFormAsync("admin/settings", [new("culture", "xx-XX")]);
        var refused = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("Choose one of the cultures listed", LedgerPagesClient.ErrorText(refused, "culture"));
        Assert.Equal([("culture", "Culture: " + LedgerPagesClient.ErrorText(refused, "culture"))], FormErrorsReader.Links(FormErrorsReader.Summary(refused)));

        using var chosen = await browser.PostFormAsync("admin/settings", [new("culture", "de-DE")]);
        Assert.Contains("German (Germany): 1.234,56", await browser.FollowAsync(chosen));
        Assert.Contains("<option value=\"de-DE\" selected=\"selected\">", await browser.GetPageAsync("admin/settings"));
        var changed = Assert.Single(await Admin.GetAuditAsync("kind=settings-changed"));
        Assert.Equal(("admin", "Culture", "The culture of amounts in forms is now de-DE."), (changed.Text("actor"), changed.Text("subject"), changed.Text("detail")));

        var clerk = await BrowserSession.SignInNewUserAsync(Host, Admin, "clerk");
        using var denied = await clerk.PostFormAsync("admin/settings", [new("culture", "fr-FR")], "admin");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("<option value=\"de-DE\" selected=\"selected\">", await browser.GetPageAsync("admin/settings"));
    }

    /// <summary>A recipe's settings step keeps the page's rule: a culture the forms cannot read is refused, naming the step and setting.</summary>
    [Fact]
    public async Task A_recipe_setting_a_culture_not_listed_is_refused_naming_the_step_and_the_setting()
    {
        var recipe = new JsonObject { ["name"] = "culture", ["steps"] = new JsonArray(new JsonObject { ["name"] = "settings", ["Culture"] = "xx-XX" }) };

        var refused = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].Culture");

        Assert.Equal("Step 1 ('settings'): Choose one of the cultures listed: " + string.Join(", ", ErpCrm.Money.FormNumbers.Cultures) + ".", refused.Error("steps[0].Culture"));
        recipe["steps"]![0]!["Culture"] = "fr-FR";
        await (await Admin.RunRecipeAsync(recipe)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("<option value=\"fr-FR\" selected=\"selected\">", await (await SignInAdminAsync()).GetPageAsync("admin/settings"));
    }
}

public sealed class SqliteCompanySettingsHttpTests() : CompanySettingsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresCompanySettingsHttpTests() : CompanySettingsHttpTests(DatabaseProvider.Postgres);
