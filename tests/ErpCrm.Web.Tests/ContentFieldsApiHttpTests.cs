using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Items checked against their definition's fields on the server, and listed by their queryable fields.</summary>
public abstract class ContentFieldsApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string LeadPart = """
        {"Name": "Lead", "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Company", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Company", "Required": true},
             "TextFieldSettings": {"MaxLength": 40}, "ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "EnumerationField", "Name": "Stage", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Stage"},
             "EnumerationFieldSettings": {"Options": ["New", "Qualified", "Won", "Lost"]}, "ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "MoneyField", "Name": "Revenue", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Expected revenue"},
             "MoneyFieldSettings": {"Currency": "EUR"}, "ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "NumericField", "Name": "Probability", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Probability"},
             "NumericFieldSettings": {"Minimum": 0, "Maximum": 100, "Scale": 0}}},
          {"FieldName": "DateField", "Name": "CloseDate", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Close date"}, "ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "ContentPickerField", "Name": "Account", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Account"},
             "ContentPickerFieldSettings": {"DisplayedContentTypes": ["Account"]}}},
          {"FieldName": "EmailField", "Name": "Email", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Email"}}}
        ]}
        """;

    private const string LeadType = """
        {"Name": "Lead", "DisplayName": "Lead", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Lead", "Name": "Lead"}]}
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.CreatePartAsync(LeadPart);
        await Admin.CreateTypeAsync(LeadType);
        await Admin.CreateTypeAsync("""{"Name": "Account", "DisplayName": "Account", "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}""");
        await Admin.CreateTypeAsync("""{"Name": "Other", "DisplayName": "Other", "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}""");
    }

    private static JsonObject Lead(string title, string company, string stage = "New", string revenue = "100.00", string? closeDate = null) => new()
    {
        ["TitlePart"] = new JsonObject { ["Title"] = title },
        ["Lead"] = new JsonObject
        {
            ["Company"] = new JsonObject { ["Text"] = company },
            ["Stage"] = new JsonObject { ["Value"] = stage },
            ["Revenue"] = new JsonObject { ["Amount"] = revenue },
            ["CloseDate"] = closeDate is null ? null : new JsonObject { ["Value"] = closeDate },
        },
    };

    [Fact]
    public async Task Every_bad_field_is_named_by_its_path_and_nothing_is_saved()
    {
        var (other, _) = await Admin.CreateItemAsync("Other", new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = "Not an account" } });
        var bad = Lead("Bad", "", stage: "Maybe", revenue: "10.005");
        bad["Lead"]!["Probability"] = new JsonObject { ["Value"] = 140 };
        bad["Lead"]!["Account"] = new JsonObject { ["ContentItemIds"] = new JsonArray(other.Id()) };
        bad["Lead"]!["Email"] = new JsonObject { ["Email"] = "not an address" };

        var problem = await (await Admin.PostAsync("api/content/Lead", ContentClient.Json(bad))).AssertFieldsAsync(HttpStatusCode.BadRequest,
            "Lead.Company", "Lead.Stage", "Lead.Revenue.Amount", "Lead.Probability", "Lead.Account", "Lead.Email");

        Assert.Contains("Company", problem.Error("Lead.Company"));
        Assert.Contains("EUR", problem.Error("Lead.Revenue.Amount"));
        Assert.Contains("Won", problem.Error("Lead.Stage")); // names the allowed values
        Assert.Equal(0, (await Admin.ListItemsAsync("Lead"))["total"]!.GetValue<int>());
        var missing = Lead("Missing", "Acme");
        missing["Lead"]!["Account"] = new JsonObject { ["ContentItemIds"] = new JsonArray("no-such-item") };
        await (await Admin.PostAsync("api/content/Lead", ContentClient.Json(missing))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Lead.Account");
    }

    [Fact]
    public async Task Values_are_stored_in_their_exact_form_and_the_title_is_the_display_text()
    {
        var (account, _) = await Admin.CreateItemAsync("Account", new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = "Acme Corp" } });
        var lead = Lead("Big deal", "Acme", stage: "won", revenue: "1150.5", closeDate: "2026-12-31");
        lead["Lead"]!["Account"] = new JsonObject { ["ContentItemIds"] = new JsonArray(account.Id()) };

        var (created, _) = await Admin.CreateItemAsync("Lead", lead);

        Assert.Equal("Big deal", created["DisplayText"]!.GetValue<string>());
        Assert.Equal("Acme Corp", account["DisplayText"]!.GetValue<string>());
        Assert.Equal("1150.50", created["Lead"]!["Revenue"]!["Amount"]!.GetValue<string>());
        Assert.Equal("EUR", created["Lead"]!["Revenue"]!["Currency"]!.GetValue<string>());
        Assert.Equal("Won", created["Lead"]!["Stage"]!["Value"]!.GetValue<string>());
        Assert.Equal("2026-12-31T00:00:00", created["Lead"]!["CloseDate"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_filter_and_sort_on_queryable_fields_from_the_index()
    {
        await Admin.CreateItemAsync("Lead", Lead("A", "Acme", "Won", "500.00", "2026-03-01"));
        await Admin.CreateItemAsync("Lead", Lead("B", "Bolt", "New", "900.00", "2026-01-15"));
        await Admin.CreateItemAsync("Lead", Lead("C", "acme labs", "Won", "1200.00", "2026-02-01"));
        await Admin.CreateItemAsync("Lead", Lead("D", "Dyno", "Lost", "50.00"));

        Assert.Equal(["C", "A"], (await Admin.ListItemsAsync("Lead", "filter[Stage]=Won&sort=-Revenue")).Texts());
        Assert.Equal(["A", "C"], (await Admin.ListItemsAsync("Lead", "filter[Lead.Company]=ACME*&sort=Revenue")).Texts());
        Assert.Equal(["B", "A"], (await Admin.ListItemsAsync("Lead", "filter[Revenue]=100..999&sort=CloseDate")).Texts());
        Assert.Equal(["C", "B"], (await Admin.ListItemsAsync("Lead", "filter[Revenue]=>=900&sort=-Revenue")).Texts());
        Assert.Equal(["B", "C", "A", "D"], (await Admin.ListItemsAsync("Lead", "sort=CloseDate")).Texts()); // empty values last
        Assert.Equal(["C"], (await Admin.ListItemsAsync("Lead", "filter[CloseDate]=<2026-03-01&filter[Stage]=Won")).Texts());

        await (await Admin.GetAsync("api/content/Lead?filter[Probability]=5")).AssertFieldsAsync(HttpStatusCode.BadRequest, "filter[Probability]"); // not queryable
        await (await Admin.GetAsync("api/content/Lead?filter[Nothing]=5")).AssertFieldsAsync(HttpStatusCode.BadRequest, "filter[Nothing]");
        await (await Admin.GetAsync("api/content/Lead?filter[Revenue]=lots")).AssertFieldsAsync(HttpStatusCode.BadRequest, "filter[Revenue]");
    }

    [Fact]
    public async Task Marking_a_field_queryable_indexes_the_items_that_already_exist()
    {
        await Admin.CreateItemAsync("Lead", Lead("Low", "Acme") is var low && SetProbability(low, 10) ? low : low);
        await Admin.CreateItemAsync("Lead", Lead("High", "Bolt") is var high && SetProbability(high, 90) ? high : high);
        await (await Admin.GetAsync("api/content/Lead?sort=-Probability")).AssertFieldsAsync(HttpStatusCode.BadRequest, "sort");

        var part = JsonNode.Parse(LeadPart)!;
        part["ContentPartFieldDefinitionRecords"]![3]!["Settings"]!["ContentIndexSettings"] = new JsonObject { ["Queryable"] = true };
        await (await Admin.PutAsync("api/content-parts/Lead", ContentClient.Json(part))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["High", "Low"], (await Admin.ListItemsAsync("Lead", "sort=-Probability")).Texts());
        Assert.Equal(["Low"], (await Admin.ListItemsAsync("Lead", "filter[Probability]=<50")).Texts());
    }

    [Fact]
    public async Task The_trail_records_which_fields_changed_from_what_to_what()
    {
        var (lead, etag) = await Admin.CreateItemAsync("Lead", Lead("Deal", "Acme", "New", "100.00"));

        await (await Admin.PutItemAsync("Lead", lead.Id(), Lead("Deal", "Acme", "Won", "250.00"), etag)).ReadJsonAsync(HttpStatusCode.OK);

        var history = JsonNode.Parse((await (await Admin.GetAsync($"api/content/Lead/{lead.Id()}/versions")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        var update = history["changes"]!.AsArray().Single(c => c!["action"]!.GetValue<string>() == "updated")!;
        var changes = update["changes"]!.AsArray().ToDictionary(c => c!["field"]!.GetValue<string>(), c => (c!["from"]?.GetValue<string>(), c["to"]?.GetValue<string>()));
        Assert.Equal(("New", "Won"), changes["Lead.Stage"]);
        Assert.True(changes.Count == 2, "Only Stage and Revenue changed: " + string.Join("; ", changes.Select(c => $"{c.Key}: {c.Value}")));
        Assert.Contains("250", changes["Lead.Revenue"].Item2);
        Assert.Equal("admin", update["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_field_settings_are_refused_naming_the_setting()
    {
        var part = JsonNode.Parse(LeadPart)!;
        part["Name"] = "Broken";
        part["ContentPartFieldDefinitionRecords"]![0]!["Settings"]!["TextFieldSettings"] = new JsonObject { ["MaxLength"] = "lots", ["Pattern"] = "([a-z" };

        var problem = await (await Admin.PostAsync("api/content-parts", ContentClient.Json(part))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains(errors, e => e.StartsWith("ContentPartFieldDefinitionRecords[0].Settings", StringComparison.Ordinal) && e.Contains("MaxLength"));
        Assert.Contains(errors, e => e.StartsWith("ContentPartFieldDefinitionRecords[0].Settings", StringComparison.Ordinal) && e.Contains("Pattern"));
        await (await Admin.GetAsync("api/content-parts/Broken")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static bool SetProbability(JsonObject lead, int value)
    {
        lead["Lead"]!["Probability"] = new JsonObject { ["Value"] = value };
        return true;
    }
}

public sealed class SqliteContentFieldsApiHttpTests() : ContentFieldsApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentFieldsApiHttpTests() : ContentFieldsApiHttpTests(DatabaseProvider.Postgres);
