using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.ContactsClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>The Contacts module: its content types, the contact index, /api/contacts and duplicate detection.</summary>
public abstract class ContactsApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Feature = ContactsClient.Feature;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
    }

    private static Task<JsonNode> CreateAsync(HttpClient client, JsonObject contact) => client.CreateContactAsync(contact);

    private static async Task<IReadOnlyList<string?>> NamesAsync(HttpClient client, string query) =>
        JsonNode.Parse((await (await client.GetAsync($"api/contacts?{query}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.Texts();

    [Fact]
    public async Task Enabling_the_feature_creates_the_company_and_person_types_with_their_parts()
    {
        var company = (await (await Admin.GetAsync("api/content-types/Company")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText();
        var person = (await (await Admin.GetAsync("api/content-types/Person")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText();
        var contactPart = (await (await Admin.GetAsync("api/content-parts/ContactPart")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText();

        Assert.Contains("\"TitlePart\"", company);
        Assert.Contains("\"ContactPart\"", company);
        Assert.Contains("\"PersonPart\"", person);
        foreach (var field in new[] { "Email", "Phone", "TaxId", "Tags", "IsCustomer", "IsSupplier", "Street", "City", "PostalCode", "Country" })
        {
            Assert.Contains($"\"{field}\"", contactPart);
        }
    }

    [Fact]
    public async Task Re_enabling_the_feature_keeps_a_field_an_admin_added_to_the_contact_part()
    {
        var part = JsonNode.Parse((await (await Admin.GetAsync("api/content-parts/ContactPart")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        part["ContentPartFieldDefinitionRecords"]!.AsArray().Add(new JsonObject { ["FieldName"] = "TextField", ["Name"] = "Website", ["Settings"] = new JsonObject() });
        var request = new HttpRequestMessage(HttpMethod.Put, "api/content-parts/ContactPart") { Content = ContentClient.Json(part) };
        await (await Admin.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);

        await Admin.DisableFeaturesAsync(Feature);
        await Admin.EnableFeaturesAsync(Feature);

        var after = (await (await Admin.GetAsync("api/content-parts/ContactPart")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText();
        Assert.Contains("\"Website\"", after);
    }

    [Fact]
    public async Task A_company_and_a_person_working_for_it_are_created_and_read_back_with_an_etag()
    {
        var acme = await CreateAsync(Admin, Company("Acme", "Sales@Acme.example", "+1 (555) 010-2000", "US-123", customer: true));
        var ada = await CreateAsync(Admin, Person("Ada Lovelace", acme.Id(), "ada@acme.example", "Engineer"));

        using var response = await Admin.GetAsync($"api/contacts/{ada.Id()}");
        var read = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Person", read["ContentType"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", read["DisplayText"]!.GetValue<string>());
        Assert.Equal(acme.Id(), read["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
        Assert.Equal("Engineer", read["PersonPart"]!["JobTitle"]!["Text"]!.GetValue<string>());
        Assert.Equal("Acme", JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{acme.Id()}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["DisplayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_company_sent_with_only_its_title_is_still_a_contact_that_can_be_listed_and_read()
    {
        using var created = await Admin.PostAsync("api/contacts", ContentClient.Json("""{"ContentType": "Company", "TitlePart": {"Title": "Bare GmbH"}}"""));
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("ContentItemId").GetString()!;

        using var read = await Admin.GetAsync($"api/contacts/{id}");
        await read.ReadJsonAsync(HttpStatusCode.OK);
        var found = await (await Admin.GetAsync("api/contacts?q=bare")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_list_finds_contacts_by_name_email_or_phone_digits_and_filters_by_role_and_type()
    {
        var acme = await CreateAsync(Admin, Company("Acme", "sales@acme.example", "+1 (555) 010-2000", customer: true));
        await CreateAsync(Admin, Company("Bolts Ltd", "orders@bolts.example", "020 7946 0000", supplier: true));
        await CreateAsync(Admin, Person("Ada Lovelace", acme.Id(), "ada@acme.example"));

        Assert.Equal(["Acme", "Ada Lovelace", "Bolts Ltd"], await NamesAsync(Admin, ""));
        Assert.Equal(["Acme", "Ada Lovelace"], await NamesAsync(Admin, "q=ACME"));
        Assert.Equal(["Bolts Ltd"], await NamesAsync(Admin, "q=bolts"));
        Assert.Equal(["Acme"], await NamesAsync(Admin, "q=555-0102"));
        Assert.Equal(["Acme"], await NamesAsync(Admin, "role=customer"));
        Assert.Equal(["Bolts Ltd"], await NamesAsync(Admin, "role=supplier"));
        Assert.Equal(["Ada Lovelace"], await NamesAsync(Admin, "type=Person"));
        Assert.Equal(["Acme", "Bolts Ltd"], await NamesAsync(Admin, "type=company"));
        Assert.Equal(["Bolts Ltd"], await NamesAsync(Admin, "pageSize=2&page=2"));
        var page = JsonNode.Parse((await (await Admin.GetAsync("api/contacts?pageSize=2")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(3, page["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_new_contact_with_an_existing_email_phone_or_tax_id_answers_409_naming_the_existing_one()
    {
        var acme = await CreateAsync(Admin, Company("Acme", "sales@acme.example", "+1 (555) 010-2000", "US 123"));

        var byEmail = await (await Admin.PostAsync("api/contacts", ContentClient.Json(Person("Someone", email: " SALES@acme.example")))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(acme.Id(), byEmail.GetProperty("duplicateOf").GetString());
        Assert.Contains("Email", byEmail.Error("ContactPart.Email"));
        var byPhone = await (await Admin.PostAsync("api/contacts", ContentClient.Json(Company("Acme Two", phone: "15550102000")))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(acme.Id(), byPhone.GetProperty("duplicateOf").GetString());
        Assert.Equal("ContactPart.Phone", byPhone.GetProperty("field").GetString());
        var byTaxId = await (await Admin.PostAsync("api/contacts", ContentClient.Json(Company("Acme Three", taxId: "us-123")))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("ContactPart.TaxId", byTaxId.GetProperty("field").GetString());
        Assert.Equal(["Acme"], await NamesAsync(Admin, ""));

    }

    [Fact]
    public async Task A_duplicate_is_created_when_the_caller_allows_it()
    {
        await CreateAsync(Admin, Company("Acme", "sales@acme.example"));

        using var response = await Admin.PostAsync("api/contacts?allowDuplicate=true", ContentClient.Json(Company("Acme (branch)", "sales@acme.example")));

        await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(["Acme", "Acme (branch)"], await NamesAsync(Admin, "q=sales@acme"));
    }

    [Fact]
    public async Task Bad_input_answers_400_naming_the_fields_and_stores_nothing()
    {
        var badEmail = await (await Admin.PostAsync("api/contacts", ContentClient.Json(Company("Acme", "not-an-email")))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badEmail.GetProperty("errors").TryGetProperty("ContactPart.Email", out _), badEmail.GetRawText());
        var notAContact = new JsonObject { ["ContentType"] = "Article", ["TitlePart"] = new JsonObject { ["Title"] = "x" } };
        var badType = await (await Admin.PostAsync("api/contacts", ContentClient.Json(notAContact))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badType.GetProperty("errors").TryGetProperty("ContentType", out _), badType.GetRawText());
        var badPicker = await (await Admin.PostAsync("api/contacts", ContentClient.Json(Person("Ada", companyId: "nosuchcompany")))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badPicker.GetProperty("errors").TryGetProperty("PersonPart.Company", out _), badPicker.GetRawText());
        await (await Admin.GetAsync("api/contacts?role=prospect&pageSize=1000")).AssertFieldsAsync(HttpStatusCode.BadRequest, "role", "pageSize");
        Assert.Empty(await NamesAsync(Admin, ""));
    }

    [Fact]
    public async Task A_contact_is_changed_with_if_match_and_removed_from_the_list_when_deleted()
    {
        var acme = await CreateAsync(Admin, Company("Acme", "sales@acme.example"));

        var put = new HttpRequestMessage(HttpMethod.Put, $"api/contacts/{acme.Id()}") { Content = ContentClient.Json(Company("Acme Corp", "sales@acme.example")) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var updated = await Admin.SendAsync(put);
        Assert.Equal("Acme Corp", (await updated.ReadJsonAsync(HttpStatusCode.OK)).Text("DisplayText"));
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/contacts/{acme.Id()}") { Content = ContentClient.Json(Company("Stale")) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await Admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/contacts/{acme.Id()}")).StatusCode);

        Assert.Empty(await NamesAsync(Admin, ""));
        await (await Admin.GetAsync($"api/contacts/{acme.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await CreateAsync(Admin, Company("Acme again", "sales@acme.example")); // a removed contact is no duplicate
    }

    private static HttpContent Into(string? id) => ContentClient.Json(new JsonObject { ["into"] = id });

    [Fact]
    public async Task Merging_a_company_moves_its_people_fills_the_blanks_of_the_kept_one_and_removes_the_duplicate()
    {
        var acme = await CreateAsync(Admin, Company("Acme", "sales@acme.example", customer: true));
        var twin = await CreateAsync(Admin, Company("ACME Inc", phone: "555 0100", supplier: true));
        var ada = await CreateAsync(Admin, Person("Ada Lovelace", twin.Id()));

        using var response = await Admin.PostAsync($"api/contacts/{twin.Id()}/merge", Into(acme.Id()));

        var merged = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(1, merged["moved"]!.GetValue<int>());
        Assert.False(merged["duplicateArchived"]!.GetValue<bool>()); // nothing refers to it any more: removed, not archived
        var kept = merged["kept"]!;
        Assert.Equal(acme.Id(), kept.Id());
        Assert.Equal("Acme", kept["DisplayText"]!.GetValue<string>());
        Assert.Equal("sales@acme.example", kept["ContactPart"]!["Email"]!["Email"]!.GetValue<string>());
        Assert.Equal("555 0100", kept["ContactPart"]!["Phone"]!["Phone"]!.GetValue<string>());
        Assert.True(kept["ContactPart"]!["IsCustomer"]!["Value"]!.GetValue<bool>());
        Assert.True(kept["ContactPart"]!["IsSupplier"]!["Value"]!.GetValue<bool>());
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var person = JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{ada.Id()}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(acme.Id(), person["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
        await (await Admin.GetAsync($"api/contacts/{twin.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["Acme"], await NamesAsync(Admin, "q=555 0100"));
    }

    [Fact]
    public async Task A_merge_into_itself_nothing_or_another_type_answers_400_naming_into_and_changes_nothing()
    {
        var acme = await CreateAsync(Admin, Company("Acme", "sales@acme.example"));
        var ada = await CreateAsync(Admin, Person("Ada Lovelace", acme.Id(), "ada@acme.example"));

        await (await Admin.PostAsync($"api/contacts/{acme.Id()}/merge", Into(acme.Id()))).AssertFieldsAsync(HttpStatusCode.BadRequest, "into");
        await (await Admin.PostAsync($"api/contacts/{acme.Id()}/merge", Into(null))).AssertFieldsAsync(HttpStatusCode.BadRequest, "into");
        await (await Admin.PostAsync($"api/contacts/{acme.Id()}/merge", Into("nosuchcontact"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "into");
        await (await Admin.PostAsync($"api/contacts/{ada.Id()}/merge", Into(acme.Id()))).AssertFieldsAsync(HttpStatusCode.BadRequest, "into");
        await (await Admin.PostAsync("api/contacts/nosuchcontact/merge", Into(acme.Id()))).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(["Acme", "Ada Lovelace"], await NamesAsync(Admin, ""));
    }

    [Fact]
    public async Task Without_view_contacts_the_api_answers_403_and_viewers_may_not_write()
    {
        await Admin.CreateRoleAsync("Contact viewer", "ViewContacts", "ViewContent");
        var nobody = await Host.ClientOfNewUserAsync("nobody");
        var viewer = await Host.ClientOfNewUserAsync("viewer", "Contact viewer");
        var acme = await CreateAsync(Admin, Company("Acme"));

        Assert.Equal(HttpStatusCode.Forbidden, await nobody.StatusOfAsync("api/contacts"));
        Assert.Equal(HttpStatusCode.Forbidden, await nobody.StatusOfAsync($"api/contacts/{acme.Id()}"));
        Assert.Equal(["Acme"], await NamesAsync(viewer, ""));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("api/contacts", ContentClient.Json(Company("Bolts")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"api/contacts/{acme.Id()}")).StatusCode);
    }

    [Fact]
    public async Task With_the_feature_off_the_api_answers_404()
    {
        await Admin.DisableFeaturesAsync(Feature);

        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync("api/contacts"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("api/contacts", ContentClient.Json(Company("Acme")))).StatusCode);
    }
}

public sealed class SqliteContactsApiHttpTests() : ContactsApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactsApiHttpTests() : ContactsApiHttpTests(DatabaseProvider.Postgres);
