using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The content type editor's pages as an administrator uses them without JavaScript; what they save is read back from the API.</summary>
public abstract class ContentTypeAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task A_type_created_on_the_pages_gets_fields_in_the_order_chosen_with_their_settings_and_reads_back_so_from_the_api()
    {
        var created = await _browser.PostFormAsync("admin/content-types/create", [new("displayName", "Supplier"), new("name", "Supplier")]);
        Assert.Equal("/admin/content-types/edit?name=Supplier", created.Headers.Location!.OriginalString);
        Assert.Contains("Content type Supplier is created.", await _browser.FollowAsync(created));

        await AddFieldAsync("Supplier", "Company name", "CompanyName", "TextField");
        var edit = await AddFieldAsync("Supplier", "Credit limit", "CreditLimit", "MoneyField");
        Assert.Equal(["Company name", "Credit limit"], FieldRows(edit));

        var saved = await SaveTypeAsync(edit, [new("displayName", "Supplier"), new("flags", "Creatable"), new("flags", "Draftable"),
            new("stereotype", ""), new("parts", "Supplier"), new("fields", "CreditLimit"), new("fields", "CompanyName")]);
        Assert.Equal(["Credit limit", "Company name"], FieldRows(await _browser.FollowAsync(saved)));

        var fieldPage = "admin/content-parts/edit-field?part=Supplier&field=CreditLimit";
        var field = await _browser.GetPageAsync(fieldPage);
        Assert.Contains("name=\"settings.Currency\"", field);
        var fieldSaved = await _browser.PostFormAsync(fieldPage,
            [new("version", BrowserSession.InputValue(field, "version")), new("displayName", "Credit limit"), new("hint", "Agreed by finance"),
             new("position", "2"), new("required", "true"), new("queryable", "true"), new("settings.Currency", "eur")]);
        Assert.Equal("/admin/content-types/edit?name=Supplier", fieldSaved.Headers.Location!.OriginalString);
        Assert.Equal(["Company name", "Credit limit"], FieldRows(await _browser.FollowAsync(fieldSaved)));

        var type = await GetNodeAsync("api/content-types/Supplier");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Creatable":true,"Listable":false,"Draftable":true,"Versionable":false,"Securable":false}"""),
            type["Settings"]!["ContentTypeSettings"]), type.ToJsonString());
        Assert.Equal(["Supplier"], type["ContentTypePartDefinitionRecords"]!.AsArray().Select(p => p!["PartName"]!.GetValue<string>()));
        var fields = (await GetNodeAsync("api/content-parts/Supplier"))["ContentPartFieldDefinitionRecords"]!.AsArray();
        Assert.Equal(["CompanyName", "CreditLimit"], fields.Select(f => f!["Name"]!.GetValue<string>()));
        Assert.Equal(["TextField", "MoneyField"], fields.Select(f => f!["FieldName"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"ContentPartFieldSettings": {"DisplayName": "Credit limit", "Position": "1", "Hint": "Agreed by finance", "Required": true},
             "ContentIndexSettings": {"Queryable": true}, "MoneyFieldSettings": {"Currency": "EUR"}}
            """), fields[1]!["Settings"]), fields[1]!["Settings"]!.ToJsonString());
    }

    [Fact]
    public async Task Without_JavaScript_each_up_down_and_remove_button_saves_its_one_change()
    {
        await CreateTypeAsync("Supplier");
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
        {
            await AddFieldAsync("Supplier", name, name, "TextField");
        }
        var page = await _browser.GetPageAsync("admin/content-types/edit?name=Supplier");

        var moved = await SaveTypeAsync(page, [.. TypeForm("Supplier", "Alpha", "Beta", "Gamma"), new("displayName", "Supplier"), new("move", "field:up:Gamma")]);
        var after = await _browser.FollowAsync(moved);
        Assert.Equal(["Alpha", "Gamma", "Beta"], FieldRows(after));

        var removed = await SaveTypeAsync(after, [.. TypeForm("Supplier", "Alpha", "Gamma", "Beta"), new("displayName", "Supplier"), new("remove", "field:Alpha")]);
        Assert.Equal(["Gamma", "Beta"], FieldRows(await _browser.FollowAsync(removed)));
    }

    [Fact]
    public async Task A_bad_or_taken_technical_name_is_said_next_to_the_field_and_the_form_keeps_what_was_typed()
    {
        var bad = await _browser.PostFormAsync("admin/content-types/create", [new("displayName", "Supplier & Co"), new("name", "1st-Supplier")]);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"name-error\">The technical name &#x27;1st-Supplier&#x27; is not valid: use letters, digits and &#x27;_&#x27;, starting with a letter", html);
        Assert.Equal("1st-Supplier", BrowserSession.InputValue(html, "name"));
        Assert.Equal("Supplier & Co", BrowserSession.InputValue(html, "displayName"));

        await CreateTypeAsync("Supplier");
        var taken = await _browser.PostFormAsync("admin/content-types/create", [new("displayName", "Another supplier"), new("name", "supplier")]);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var takenHtml = await taken.Content.ReadAsStringAsync();
        Assert.Contains("id=\"name-error\">There is already a content type named &#x27;Supplier&#x27;.</p>", takenHtml);
        Assert.Equal("Another supplier", BrowserSession.InputValue(takenHtml, "displayName"));

        var suggested = await _browser.PostFormAsync("admin/content-types/create", [new("displayName", "Purchase order"), new("name", "")]);
        Assert.Equal("/admin/content-types/edit?name=PurchaseOrder", suggested.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_save_from_a_page_opened_before_someone_elses_save_is_refused_and_keeps_what_was_typed()
    {
        await CreateTypeAsync("Supplier");
        var opened = await _browser.GetPageAsync("admin/content-types/edit?name=Supplier");
        var first = await SaveTypeAsync(opened, [.. TypeForm("Supplier"), new("displayName", "Vendor")]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await SaveTypeAsync(opened, [.. TypeForm("Supplier"), new("displayName", "Provider")]);

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("This content type was changed by someone else since you opened it — reload the page", WebUtility.HtmlDecode(html));
        Assert.Equal("Provider", BrowserSession.InputValue(html, "displayName"));
        Assert.Equal("Vendor", (await GetNodeAsync("api/content-types/Supplier"))["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_without_ManageContentTypes_gets_403_and_no_menu_item_while_the_admin_sees_it()
    {
        Assert.Contains(">Content types</a>", await _browser.GetPageAsync("admin"));
        await Admin.CreateRoleAsync("Clerks", "AccessAdmin");
        await Admin.CreateUserAsync("clerk", "Clerks");
        var clerk = BrowserSession.Open(Host);
        await clerk.SignInOrFailAsync("clerk", "Secret-pass-1");

        Assert.DoesNotContain(">Content types</a>", await clerk.GetPageAsync("admin"));
        foreach (var path in new[] { "admin/content-types", "admin/content-types/create", "admin/content-types/edit?name=X", "admin/content-parts/edit?name=X" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await clerk.Client.StatusOfAsync(path));
        }
    }

    [Fact]
    public async Task A_part_is_attached_once_and_again_under_another_name_and_cannot_be_deleted_while_a_type_uses_it()
    {
        await (await Admin.PostAsync("api/content-parts", Json("""
            {"Name": "AddressPart", "Settings": {"ContentPartSettings": {"DisplayName": "Address", "Attachable": true, "Reusable": true}},
             "ContentPartFieldDefinitionRecords": [{"Name": "City", "FieldName": "TextField"}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);
        await CreateTypeAsync("Supplier");

        var editPath = "admin/content-types/edit?name=Supplier";
        var attach = await _browser.PostFormAsync(editPath + "&handler=attach",
            [new("version", BrowserSession.InputValue(await _browser.GetPageAsync(editPath), "version")), new("attach", "AddressPart")], formPage: editPath);
        Assert.Contains("Address added to Supplier.", await _browser.FollowAsync(attach));
        var badName = await _browser.PostFormAsync(editPath + "&handler=attachNamed",
            [new("version", BrowserSession.InputValue(await _browser.GetPageAsync(editPath), "version")), new("attachPart", "AddressPart"), new("attachName", "addresspart")],
            formPage: editPath);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("is used twice in the type", await badName.Content.ReadAsStringAsync());
        var named = await _browser.PostFormAsync(editPath + "&handler=attachNamed",
            [new("version", BrowserSession.InputValue(await _browser.GetPageAsync(editPath), "version")), new("attachPart", "AddressPart"), new("attachName", "ShippingAddress")],
            formPage: editPath);
        Assert.Contains("AddressPart is attached as ShippingAddress.", await _browser.FollowAsync(named));

        var parts = (await GetNodeAsync("api/content-types/Supplier"))["ContentTypePartDefinitionRecords"]!.AsArray();
        Assert.Equal([("AddressPart", "AddressPart"), ("ShippingAddress", "AddressPart")],
            parts.Select(p => (p!["Name"]!.GetValue<string>(), p["PartName"]!.GetValue<string>())));
        var partPage = await _browser.GetPageAsync("admin/content-parts/edit?name=AddressPart");
        Assert.Matches("<ul class=\"mb-0\" id=\"used-by\">\\s*<li><a href=\"/admin/content-types/edit\\?name=Supplier\">Supplier</a>", partPage);
        Assert.Contains("used by 1 type", await _browser.GetPageAsync("admin/content-types"));

        var refused = await _browser.PostFormAsync("admin/content-parts/delete?name=AddressPart", []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is used by the content types &#x27;Supplier&#x27;", await refused.Content.ReadAsStringAsync());

        var typeDeleted = await _browser.PostFormAsync("admin/content-types/delete?name=Supplier", []);
        Assert.Contains("Content type Supplier is deleted.", await _browser.FollowAsync(typeDeleted));
        var partDeleted = await _browser.PostFormAsync("admin/content-parts/delete?name=AddressPart", []);
        Assert.Contains("Content part Address is deleted.", await _browser.FollowAsync(partDeleted));
        Assert.Equal("[]", (await GetNodeAsync("api/content-parts")).ToJsonString());
    }

    [Fact]
    public async Task Field_settings_that_do_not_read_are_said_next_to_their_input_and_nothing_is_saved()
    {
        await CreateTypeAsync("Supplier");
        await AddFieldAsync("Supplier", "Website", "Website", "LinkField");
        await AddFieldAsync("Supplier", "Rating", "Rating", "NumericField");

        var link = "admin/content-parts/edit-field?part=Supplier&field=Website";
        var badJson = await _browser.PostFormAsync(link, [.. FieldForm(await _browser.GetPageAsync(link), "Website", "1"), new("settings.Json", "{\"Target\": ")]);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        var html = await badJson.Content.ReadAsStringAsync();
        Assert.Contains("id=\"settings-Json-error\">The settings are not valid JSON", html);
        Assert.Contains(">{&quot;Target&quot;: </textarea>", html);

        var number = "admin/content-parts/edit-field?part=Supplier&field=Rating";
        var badRange = await _browser.PostFormAsync(number,
            [.. FieldForm(await _browser.GetPageAsync(number), "Rating", "2"), new("settings.Minimum", "5"), new("settings.Maximum", "1"), new("settings.Scale", "two")]);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        var rangeHtml = await badRange.Content.ReadAsStringAsync();
        Assert.Contains("id=\"settings-Maximum-error\">The maximum must not be less than the minimum.</p>", rangeHtml);
        Assert.Contains("id=\"settings-Scale-error\">", rangeHtml);
        Assert.Equal("two", BrowserSession.InputValue(rangeHtml, "settings.Scale"));

        var good = await _browser.PostFormAsync(link, [.. FieldForm(await _browser.GetPageAsync(link), "Website", "1"), new("settings.Json", "{\"Target\": \"_blank\"}")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var fields = (await GetNodeAsync("api/content-parts/Supplier"))["ContentPartFieldDefinitionRecords"]!.AsArray();
        Assert.Equal("_blank", fields[0]!["Settings"]!["LinkFieldSettings"]!["Target"]!.GetValue<string>());
        Assert.Null(fields[1]!["Settings"]!["NumericFieldSettings"]);
    }

    [Fact]
    public async Task The_json_view_shows_the_type_and_its_fields_as_a_recipe_step_encoded()
    {
        await CreateTypeAsync("Supplier");
        await AddFieldAsync("Supplier", "Name <b>", "Name", "TextField");

        var html = await _browser.GetPageAsync("admin/content-types/json?name=Supplier");

        var json = WebUtility.HtmlDecode(Regex.Match(html, "<pre[^>]*id=\"definition-json\"><code>(.*?)</code></pre>", RegexOptions.Singleline).Groups[1].Value);
        var step = JsonNode.Parse(json)!;
        Assert.Equal("ContentDefinition", step["name"]!.GetValue<string>());
        Assert.Equal("Supplier", step["ContentTypes"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("Name <b>", step["ContentParts"]![0]!["ContentPartFieldDefinitionRecords"]![0]!["Settings"]!["ContentPartFieldSettings"]!["DisplayName"]!.GetValue<string>());
        Assert.DoesNotContain("Name <b>", html);
    }

    private async Task CreateTypeAsync(string name)
    {
        var created = await _browser.PostFormAsync("admin/content-types/create", [new("displayName", name), new("name", name)]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
    }

    /// <summary>Adds a field on its page and returns the page it leads back to.</summary>
    private async Task<string> AddFieldAsync(string part, string displayName, string name, string fieldType)
    {
        var path = $"admin/content-parts/add-field?part={part}";
        var page = await _browser.GetPageAsync(path);
        Assert.Contains($"<option value=\"{fieldType}\"", page);
        var added = await _browser.PostFormAsync(path,
            [new("version", BrowserSession.InputValue(page, "version")), new("displayName", displayName), new("name", name), new("fieldType", fieldType)]);
        var next = await _browser.FollowAsync(added);
        Assert.Contains($"Field {WebUtility.HtmlEncode(displayName)} is added", next);
        return next;
    }

    /// <summary>Posts the type's main form with the versions of <paramref name="page"/> (the edit page as it was opened).</summary>
    private Task<HttpResponseMessage> SaveTypeAsync(string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var name = Regex.Match(page, "id=\"technicalName\" value=\"([^\"]+)\"").Groups[1].Value;
        return _browser.PostFormAsync($"admin/content-types/edit?name={name}",
            [new("version", BrowserSession.InputValue(page, "version")), new("partVersion", BrowserSession.InputValue(page, "partVersion")), .. fields]);
    }

    private static IEnumerable<KeyValuePair<string, string>> TypeForm(string name, params string[] fieldOrder) =>
        [new("stereotype", ""), new("flags", "Creatable"), new("parts", name), .. fieldOrder.Select(f => new KeyValuePair<string, string>("fields", f))];

    private static IEnumerable<KeyValuePair<string, string>> FieldForm(string page, string displayName, string position) =>
        [new("version", BrowserSession.InputValue(page, "version")), new("displayName", displayName), new("hint", ""), new("position", position)];

    /// <summary>The display names of the fields listed on an edit page, in order.</summary>
    private static List<string> FieldRows(string html) =>
        Regex.Matches(html, "<input type=\"hidden\" name=\"fields\" value=\"[^\"]*\"><a href=\"[^\"]*\"><strong>([^<]*)</strong>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonNode> GetNodeAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

public sealed class SqliteContentTypeAdminPagesHttpTests() : ContentTypeAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentTypeAdminPagesHttpTests() : ContentTypeAdminPagesHttpTests(DatabaseProvider.Postgres);
