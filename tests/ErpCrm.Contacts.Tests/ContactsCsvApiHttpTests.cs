using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.ContactsClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>Contacts as CSV over HTTP: /api/contacts/export.csv and /api/contacts/import.</summary>
public abstract class ContactsCsvApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Feature = "ErpCrm.Contacts";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
    }

    /// <summary>Adds the fields an admin would add to the Company type: its own part Company with Industry, Employees and Notes (several lines).</summary>
    public static async Task AddCompanyFieldsAsync(HttpClient admin)
    {
        await (await admin.PostAsync("api/content-parts", ContentClient.Json(JsonNode.Parse("""
            {"Name": "Company", "ContentPartFieldDefinitionRecords": [
              {"FieldName": "TextField", "Name": "Industry", "Settings": {}},
              {"FieldName": "NumericField", "Name": "Employees", "Settings": {}},
              {"FieldName": "TextField", "Name": "Notes", "Settings": {"TextFieldSettings": {"Multiline": true}}}]}
            """)!.AsObject()))).ReadJsonAsync(HttpStatusCode.Created);
        var type = JsonNode.Parse((await (await admin.GetAsync("api/content-types/Company")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        type["ContentTypePartDefinitionRecords"]!.AsArray().Add(new JsonObject { ["PartName"] = "Company", ["Name"] = "Company", ["Settings"] = new JsonObject() });
        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, "api/content-types/Company") { Content = ContentClient.Json(type) })).ReadJsonAsync(HttpStatusCode.OK);
    }

    private async Task<JsonNode> ImportAsync(string csv, string query = "", HttpStatusCode status = HttpStatusCode.OK, HttpClient? client = null)
    {
        using var response = await (client ?? Admin).PostAsync($"api/contacts/import{query}", CsvBody(csv));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonArray> ContactsAsync(HttpClient client, string query = "") =>
        JsonNode.Parse((await (await client.GetAsync($"api/contacts?pageSize=100&{query}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["items"]!.AsArray();

    private static JsonObject Row(JsonNode report, int row) => report["rows"]!.AsArray().Single(r => r!["row"]!.GetValue<int>() == row)!.AsObject();

    private static string Outcome(JsonNode report, int row) => Row(report, row)["outcome"]!.GetValue<string>();

    private static string? Error(JsonNode report, int row, string column) => Row(report, row)["errors"]![column]?.GetValue<string>();

    [Fact]
    public async Task An_export_imported_into_another_company_reproduces_the_same_contacts_with_an_admin_added_field()
    {
        await AddCompanyFieldsAsync(Admin);
        var source = """"
            Type,Name,Email,Phone,TaxId,Tags,IsCustomer,IsSupplier,Street,City,PostalCode,Country,Company,JobTitle,Industry,Employees,Notes
            Person,Ada Lovelace,ada@acme.example,,,,no,no,,,,,"Acme, Inc.",Engineer,,,
            Company,"Acme, Inc.",sales@acme.example,+1 555 0100,US-1,"key, north",yes,no,1 Main St,Springfield,12345,US,,,Rockets,250,"Gate ""B"",
            second floor"
            Company,Bolts Ltd,orders@bolts.example,,,,no,true,,,,,,,,,
            """";
        var imported = await ImportAsync(source);
        Assert.Equal(3, imported["created"]!.GetValue<int>());

        using var export = await Admin.GetAsync("api/contacts/export.csv");
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("Id,Type,Name,Email,Phone,TaxId,Tags,IsCustomer,IsSupplier,Street,City,PostalCode,Country,Company,JobTitle,Company.Industry,Company.Employees,Company.Notes\r\n", csv.TrimStart('\uFEFF'));

        var again = await ImportAsync(csv);
        Assert.Equal((0, 0, 3), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["skipped"]!.GetValue<int>()));

        var beta = await Host.SetUpAnotherTenantAsync("Beta");
        await beta.EnableFeaturesAsync(Feature);
        await AddCompanyFieldsAsync(beta);
        var report = await ImportAsync(csv, client: beta);

        Assert.Equal(3, report["created"]!.GetValue<int>());
        var before = await ContactsAsync(Admin);
        var after = await ContactsAsync(beta);
        Assert.Equal(before.Select(Id), after.Select(Id));
        foreach (var (original, copy) in before.Zip(after))
        {
            foreach (var part in new[] { "TitlePart", "ContactPart", "PersonPart", "Company" })
            {
                Assert.True(JsonNode.DeepEquals(original![part], copy![part]), $"{part}: {original[part]?.ToJsonString()} <> {copy[part]?.ToJsonString()}");
            }
        }
        var acme = after.Single(c => c!["DisplayText"]!.GetValue<string>() == "Acme, Inc.")!;
        Assert.Equal("Gate \"B\",\nsecond floor", acme["Company"]!["Notes"]!["Text"]!.GetValue<string>());
        Assert.Equal("Rockets", acme["Company"]!["Industry"]!["Text"]!.GetValue<string>());
        Assert.Equal(250, acme["Company"]!["Employees"]!["Value"]!.GetValue<decimal>());
        var ada = after.Single(c => c!["DisplayText"]!.GetValue<string>() == "Ada Lovelace")!;
        Assert.Equal(Id(acme), ada["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
    }

    private static string Id(JsonNode? item) => item!["ContentItemId"]!.GetValue<string>();

    [Fact]
    public async Task The_export_keeps_the_lists_filters_and_orders_by_name()
    {
        await ImportAsync("Type,Name,IsCustomer,IsSupplier\nCompany,Zed,yes,no\nCompany,Acme,yes,no\nCompany,Bolts,no,yes\nPerson,Ada,no,no\n");

        var csv = await (await Admin.GetAsync("api/contacts/export.csv?role=customer&type=company")).Content.ReadAsStringAsync();
        var names = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[2]).ToList();

        Assert.Equal(["Acme", "Zed"], names);
        await (await Admin.GetAsync("api/contacts/export.csv?role=prospect")).AssertFieldsAsync(HttpStatusCode.BadRequest, "role");
    }

    [Fact]
    public async Task A_semicolon_file_with_a_byte_order_mark_quoted_separators_quotes_and_line_breaks_imports()
    {
        await AddCompanyFieldsAsync(Admin);
        using var response = await Admin.PostAsync("api/contacts/import", CsvBody(
            "type;NAME;email;company.notes\r\nCompany;\"Acme; Inc\";a@acme.example;\"Line 1\r\nLine 2\"\r\nCompany;\"Bolts \"\"Best\"\" Ltd\";;x\r\n", bom: true));

        var report = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(2, report["created"]!.GetValue<int>());
        var contacts = await ContactsAsync(Admin);
        Assert.Equal(["Acme; Inc", "Bolts \"Best\" Ltd"], contacts.Select(c => c!["DisplayText"]!.GetValue<string>()));
        Assert.Equal("Line 1\r\nLine 2", contacts[0]!["Company"]!["Notes"]!["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_invalid_row_is_listed_by_column_and_nothing_is_stored()
    {
        var report = await ImportAsync($$"""
            Type,Name,Email,IsCustomer,Company,TaxId
            Company,Good Ltd,good@example.com,yes,,
            Company,Bad Mail,not-an-email,no,,
            Company,Bad Flag,,maybe,,
            Robot,R2,,,,
            Person,Lost Soul,,,No Such Company,
            Company,,,,,
            Company,Long Tax,,,,{{new string('9', 65)}}
            """, status: HttpStatusCode.UnprocessableEntity);

        Assert.False(report["stored"]!.GetValue<bool>());
        Assert.Equal(6, report["invalid"]!.GetValue<int>());
        Assert.Equal("created", Outcome(report, 2));
        Assert.NotNull(Error(report, 3, "Email"));
        Assert.Contains("maybe", Error(report, 4, "IsCustomer"));
        Assert.Contains("Robot", Error(report, 5, "Type"));
        Assert.Contains("No Such Company", Error(report, 6, "Company"));
        Assert.Contains("required", Error(report, 7, "Name"));
        Assert.NotNull(Error(report, 8, "TaxId"));
        Assert.Null(Row(report, 2)["id"]);
        Assert.Empty(await ContactsAsync(Admin));
    }

    [Fact]
    public async Task With_invalid_skip_the_valid_rows_are_imported_and_the_invalid_ones_reported()
    {
        var report = await ImportAsync("Type,Name,Email\nCompany,Good Ltd,good@example.com\nCompany,Bad Mail,not-an-email\n", "?invalid=skip");

        Assert.True(report["stored"]!.GetValue<bool>());
        Assert.Equal(1, report["created"]!.GetValue<int>());
        Assert.Equal("invalid", Outcome(report, 3));
        Assert.Equal(Id((await ContactsAsync(Admin)).Single()), Row(report, 2)["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicates_of_existing_contacts_and_of_earlier_rows_are_skipped_updated_or_created_as_asked()
    {
        var acme = (await ImportAsync("Type,Name,Email\nCompany,Acme,sales@acme.example\n"))["rows"]![0]!["id"]!.GetValue<string>();
        const string File = "Type,Name,Email,Phone\nCompany,Acme Corp,SALES@acme.example,555 0100\nCompany,Zed,z@zed.example,\nCompany,Zed again,z@zed.example,555 0199\n";

        var skip = await ImportAsync(File, "?dryRun=true");
        Assert.Equal(("skipped", acme), (Outcome(skip, 2), Row(skip, 2)["duplicateOf"]!.GetValue<string>()));
        Assert.Equal("created", Outcome(skip, 3));
        Assert.Equal(("skipped", 3), (Outcome(skip, 4), Row(skip, 4)["duplicateOfRow"]!.GetValue<int>()));
        var create = await ImportAsync(File, "?dryRun=true&duplicates=create");
        Assert.Equal(3, create["created"]!.GetValue<int>());
        Assert.Single(await ContactsAsync(Admin)); // dry runs store nothing

        var update = await ImportAsync(File, "?duplicates=update");

        Assert.Equal((1, 2), (update["created"]!.GetValue<int>(), update["updated"]!.GetValue<int>()));
        Assert.Equal(acme, Row(update, 2)["id"]!.GetValue<string>());
        var contacts = await ContactsAsync(Admin);
        Assert.Equal(["Acme Corp", "Zed again"], contacts.Select(c => c!["DisplayText"]!.GetValue<string>()));
        Assert.Equal("SALES@acme.example", contacts[0]!["ContactPart"]!["Email"]!["Email"]!.GetValue<string>()); // the row's non-empty cells win
        Assert.Equal("555 0100", contacts[0]!["ContactPart"]!["Phone"]!["Phone"]!.GetValue<string>());
        Assert.Equal("555 0199", contacts[1]!["ContactPart"]!["Phone"]!["Phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_person_names_a_company_by_exact_name_further_down_the_file_and_a_row_with_an_id_updates_that_contact()
    {
        var report = await ImportAsync("Type,Name,Company,JobTitle\nPerson,Ada,Acme Rockets,Engineer\nCompany,Acme Rockets,,\n");
        var ada = (await ContactsAsync(Admin, "type=person")).Single()!;
        var acme = (await ContactsAsync(Admin, "type=company")).Single()!;
        Assert.Equal(Id(acme), ada["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
        Assert.Equal(Id(ada), Row(report, 2)["id"]!.GetValue<string>());

        var update = await ImportAsync($"Id,Name,JobTitle\n{Id(ada)},Ada Lovelace,\n");

        Assert.Equal("updated", Outcome(update, 2));
        var changed = (await ContactsAsync(Admin, "type=person")).Single()!;
        Assert.Equal("Ada Lovelace", changed["DisplayText"]!.GetValue<string>());
        Assert.Equal(Id(acme), changed["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>()); // not in the file: kept
        Assert.True(changed["PersonPart"]!["JobTitle"]?["Text"] is null, changed.ToJsonString()); // empty cell: cleared
    }

    [Fact]
    public async Task An_empty_file_a_bad_header_bad_csv_bad_options_and_files_over_the_limits_answer_4xx_naming_the_problem()
    {
        await (await Admin.PostAsync("api/contacts/import", CsvBody(""))).AssertFieldsAsync(HttpStatusCode.BadRequest, "file");
        await (await Admin.PostAsync("api/contacts/import", CsvBody("Type,Name\n"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "file");
        var unknown = await (await Admin.PostAsync("api/contacts/import", CsvBody("Type,Name,Fax,Mood\nCompany,Acme,1,2\n"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Fax", "Mood");
        Assert.Contains("Fax", unknown.Error("Fax"));
        await (await Admin.PostAsync("api/contacts/import", CsvBody("Type,Name,name\nCompany,A,B\n"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
        var open = await (await Admin.PostAsync("api/contacts/import", CsvBody("Type,Name\nCompany,\"Acme\n"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "file");
        Assert.Contains("never closed", open.Error("file"));
        await (await Admin.PostAsync("api/contacts/import?duplicates=merge&dryRun=maybe", CsvBody("Type,Name\nCompany,A\n"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "duplicates", "dryRun");

        var tooManyRows = "Type,Name\n" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $"Company,C{i}\n"));
        var rows = await (await Admin.PostAsync("api/contacts/import", CsvBody(tooManyRows))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10,000", rows.GetProperty("detail").GetString());
        var tooLarge = "Type,Name\n" + new string('x', 5 * 1024 * 1024);
        await (await Admin.PostAsync("api/contacts/import", CsvBody(tooLarge))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await ContactsAsync(Admin));
    }

    [Fact]
    public async Task A_multipart_form_file_is_imported_with_a_token()
    {
        using var form = new MultipartFormDataContent { { CsvBody("Type,Name\nCompany,Acme\n"), "file", "contacts.csv" } };

        using var response = await Admin.PostAsync("api/contacts/import", form);

        Assert.Equal(1, (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Without_the_permissions_export_and_import_answer_403()
    {
        await Admin.CreateRoleAsync("Contact viewer", "ViewContacts", "ViewContent");
        var nobody = await Host.ClientOfNewUserAsync("nobody");
        var viewer = await Host.ClientOfNewUserAsync("viewer", "Contact viewer");

        Assert.Equal(HttpStatusCode.Forbidden, await nobody.StatusOfAsync("api/contacts/export.csv"));
        Assert.Equal(HttpStatusCode.OK, await viewer.StatusOfAsync("api/contacts/export.csv"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("api/contacts/import", CsvBody("Type,Name\nCompany,Acme\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.PostAsync("api/contacts/import?dryRun=true", CsvBody("Type,Name\nCompany,Acme\n"))).StatusCode);
        Assert.Empty(await ContactsAsync(Admin));
    }
}

public sealed class SqliteContactsCsvApiHttpTests() : ContactsCsvApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactsCsvApiHttpTests() : ContactsCsvApiHttpTests(DatabaseProvider.Postgres);
