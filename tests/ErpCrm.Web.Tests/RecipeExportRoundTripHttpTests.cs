using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>A tenant exported as a recipe, imported into a new tenant and exported again gives exactly the same JSON.</summary>
public abstract class RecipeExportRoundTripHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string InvoicePart = """
        {"Name": "Invoice", "Settings": {"ContentPartSettings": {"Attachable": true, "Description": "What is billed"}}, "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Customer", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Customer", "Position": "0", "Required": true},
           "ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "NumericField", "Name": "Hours", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Hours", "Position": "1"}, "NumericFieldSettings": {"Scale": 1}}},
          {"FieldName": "BooleanField", "Name": "Paid", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Paid", "Position": "2"}}}]}
        """;

    private const string InvoiceType = """
        {"Name": "Invoice", "DisplayName": "Invoice", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true, "Draftable": true, "Versionable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Invoice", "Name": "Invoice"}]}
        """;

    private const string MemoType = """
        {"Name": "Memo", "DisplayName": "Memo", "Settings": {"ContentTypeSettings": {"Creatable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
        """;

    [Fact]
    public async Task Exporting_a_tenant_importing_it_into_a_new_tenant_and_exporting_that_gives_the_same_json()
    {
        await Admin.CreatePartAsync(InvoicePart);
        await Admin.CreateTypeAsync(InvoiceType);
        await Admin.CreateTypeAsync(MemoType);
        foreach (var (customer, hours) in new[] { ("Zeta & Co", 2.5m), ("Acme", 1m), ("Mid <Corp>", 0m) })
        {
            var (invoice, _) = await Admin.CreateItemAsync("Invoice", new JsonObject
            {
                ["DisplayText"] = customer,
                ["TitlePart"] = new JsonObject { ["Title"] = customer },
                ["Invoice"] = new JsonObject { ["Customer"] = new JsonObject { ["Text"] = customer }, ["Hours"] = new JsonObject { ["Value"] = hours }, ["Paid"] = new JsonObject { ["Value"] = hours > 1 } },
            });
            if (hours > 0)
            {
                await (await Admin.PostAsync($"api/content/Invoice/{invoice.Id()}/publish", null)).ReadJsonAsync(HttpStatusCode.OK);
            }
        }
        await Admin.CreateItemAsync("Memo", new JsonObject { ["DisplayText"] = "Not exported", ["TitlePart"] = new JsonObject { ["Title"] = "Not exported" } });
        await Admin.CreateRoleAsync("Clerk", "AccessAdmin", "ViewContent", "EditContent");
        await Admin.RunRecipeOrFailAsync("""{"name": "settings", "steps": [{"name": "settings", "TimeZoneId": "Europe/Paris", "Branding": {"Colour": "teal", "Sizes": [1, 2]}}]}""");
        await Admin.EnableFeaturesAsync("ErpCrm.OpenApi");

        var exportA = await Admin.ExportAsync("contentTypes=Invoice");

        Assert.Equal(["feature", "settings", "ContentDefinition", "Roles", "content"], exportA["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Contains("ErpCrm.OpenApi", exportA.Step("feature")["enable"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(3, exportA.Step("content")["data"]!.AsArray().Count);
        var beta = await Host.SetUpAnotherTenantAsync("Beta");
        var answer = await (await beta.RunRecipeAsync(exportA)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(answer.GetProperty("steps").EnumerateArray(), s => Assert.Equal("done", s.Text("status")));

        var exportB = await beta.ExportAsync("contentTypes=Invoice");

        Assert.Equal(RecipeClient.Canonical(exportA), RecipeClient.Canonical(exportB));
        Assert.Equal(3, (await beta.ListItemsAsync("Invoice"))["total"]!.GetValue<int>());
        Assert.Equal(2, (await beta.ListItemsAsync("Invoice", "published=true"))["total"]!.GetValue<int>());
        // Importing the export again changes nothing.
        await (await beta.RunRecipeAsync(exportA)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(RecipeClient.Canonical(exportA), RecipeClient.Canonical(await beta.ExportAsync("contentTypes=Invoice")));
    }

    [Fact]
    public async Task The_export_leaves_out_what_is_not_asked_for()
    {
        var export = await Admin.ExportAsync("features=false&settings=false&roles=false");

        Assert.Equal(["ContentDefinition"], export["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }
}

public sealed class SqliteRecipeExportRoundTripHttpTests() : RecipeExportRoundTripHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRecipeExportRoundTripHttpTests() : RecipeExportRoundTripHttpTests(DatabaseProvider.Postgres);
