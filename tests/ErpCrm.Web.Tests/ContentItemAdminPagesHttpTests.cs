using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The content item pages (/admin/content/…) as people use them in a browser without JavaScript.</summary>
public abstract class ContentItemAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string TicketPart = """
        {"Name": "Ticket", "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Subject", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Subject", "Position": "0", "Required": true, "Hint": "What it is about"},
           "TextFieldSettings": {"MaxLength": 80}, "ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "NumericField", "Name": "Hours", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Hours", "Position": "1"}, "NumericFieldSettings": {"Scale": 1, "Minimum": 0}}},
          {"FieldName": "BooleanField", "Name": "Urgent", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Urgent", "Position": "2"}}},
          {"FieldName": "EnumerationField", "Name": "Stage", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Stage", "Position": "3"},
           "EnumerationFieldSettings": {"Options": ["New", "Open", "Done"]}, "ContentIndexSettings": {"Queryable": true}}}]}
        """;

    private const string TicketType = """
        {"Name": "Ticket", "DisplayName": "Ticket", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true, "Draftable": true, "Versionable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Ticket", "Name": "Ticket"}]}
        """;

    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.CreatePartAsync(TicketPart);
        await Admin.CreateTypeAsync(TicketType);
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task An_item_created_on_its_page_is_stored_in_Orchard_shapes_and_counted_on_the_content_page()
    {
        var form = await _browser.GetPageAsync("admin/content/Ticket/create");
        Assert.Contains("name=\"TitlePart.Title\"", form);
        Assert.Matches("<input[^>]*name=\"Ticket.Subject\"[^>]*maxlength=\"80\"", form);
        Assert.Contains("What it is about", form);
        Assert.Matches("<input[^>]*type=\"number\"[^>]*step=\"0.1\"[^>]*min=\"0\"", form);
        Assert.Contains("<option value=\"Open\">Open</option>", form);
        Assert.Contains(">Publish</button>", form);

        var id = await CreateOnPageAsync("Printer <jam>", "Paper stuck", publish: true);

        var (item, _) = await Admin.GetItemAsync("Ticket", id);
        Assert.Equal("Printer <jam>", item["DisplayText"]!.GetValue<string>());
        Assert.True(item["Published"]!.GetValue<bool>());
        Assert.Equal("Printer <jam>", item["TitlePart"]!["Title"]!.GetValue<string>());
        var ticket = item["Ticket"]!;
        Assert.Equal("Paper stuck", ticket["Subject"]!["Text"]!.GetValue<string>());
        Assert.Equal(1.5m, ticket["Hours"]!["Value"]!.GetValue<decimal>());
        Assert.True(ticket["Urgent"]!["Value"]!.GetValue<bool>());
        Assert.Equal("Open", ticket["Stage"]!["Value"]!.GetValue<string>());

        var editor = await _browser.GetPageAsync($"admin/content/Ticket/{id}");
        Assert.Contains("value=\"Printer &lt;jam&gt;\"", editor);
        Assert.DoesNotContain("Printer <jam>", editor);
        Assert.Matches("<input[^>]*type=\"checkbox\"[^>]*name=\"Ticket.Urgent\"[^>]*checked", editor);
        Assert.Contains("<option value=\"Open\" selected=\"selected\">Open</option>", editor);
        Assert.Contains(">Published</span>", editor);

        var landing = await _browser.GetPageAsync("admin/content");
        Assert.Contains("href=\"/admin/content\"", landing); // the menu entry
        Assert.Contains("data-count=\"Ticket\">1</td>", landing);
        Assert.Contains("href=\"/admin/content/Ticket/create\">New Ticket</a>", landing);
    }

    [Fact]
    public async Task A_required_field_left_empty_shows_its_error_under_it_and_keeps_what_was_typed()
    {
        var refused = await _browser.PostFormAsync("admin/content/Ticket/create", TicketForm("Keep me", "", "save"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("<input[^>]*id=\"f-Ticket-Subject\" aria-invalid=\"true\" aria-describedby=\"f-Ticket-Subject-hint f-Ticket-Subject-error\"", html);
        Assert.Contains("id=\"f-Ticket-Subject-error\"", html);
        Assert.Contains("value=\"Keep me\"", html);
        Assert.Contains("value=\"1.5\"", html);
        Assert.Equal(0, (await Admin.ListItemsAsync("Ticket"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_is_refused_keeping_the_typed_values_and_what_the_form_does_not_show_is_kept()
    {
        var (created, etag) = await Admin.CreateItemAsync("Ticket", new JsonObject
        {
            ["DisplayText"] = "Original",
            ["TitlePart"] = new JsonObject { ["Title"] = "Original" },
            ["Ticket"] = new JsonObject { ["Subject"] = new JsonObject { ["Text"] = "Old", ["Note"] = "kept" }, ["Legacy"] = new JsonObject { ["Text"] = "kept too" } },
            ["Custom"] = new JsonObject { ["Keep"] = 1 },
        });
        var id = created.Id();
        var opened = await _browser.GetPageAsync($"admin/content/Ticket/{id}");
        Assert.Equal("1", BrowserSession.InputValue(opened, "_revision"));
        var theirs = (JsonObject)created.DeepClone();
        theirs["TitlePart"]!["Title"] = "Theirs";
        theirs["DisplayText"] = "Theirs";
        (await Admin.PutItemAsync("Ticket", id, theirs, etag)).EnsureSuccessStatusCode();

        var stale = await _browser.PostFormAsync($"admin/content/Ticket/{id}", [.. TicketForm("Mine", "New subject", "save"), new("_revision", "1")]);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("This item was changed by someone else since you opened it", html);
        Assert.Contains("value=\"Mine\"", html);
        Assert.Contains("value=\"New subject\"", html);
        Assert.Equal("Theirs", (await Admin.GetItemAsync("Ticket", id)).Item["DisplayText"]!.GetValue<string>());

        // The form now carries the current revision: saving again replaces their change on purpose.
        var current = BrowserSession.InputValue(html, "_revision");
        var saved = await _browser.PostFormAsync($"admin/content/Ticket/{id}", [.. TicketForm("Mine", "New subject", "save"), new("_revision", current)],
            formPage: $"admin/content/Ticket/{id}");
        Assert.Contains("Mine is saved as a draft.", await _browser.FollowAsync(saved));
        var (item, _) = await Admin.GetItemAsync("Ticket", id);
        Assert.Equal("Mine", item["DisplayText"]!.GetValue<string>());
        Assert.Equal("New subject", item["Ticket"]!["Subject"]!["Text"]!.GetValue<string>());
        Assert.Equal("kept", item["Ticket"]!["Subject"]!["Note"]!.GetValue<string>());
        Assert.Equal("kept too", item["Ticket"]!["Legacy"]!["Text"]!.GetValue<string>());
        Assert.Equal(1, item["Custom"]!["Keep"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_list_searches_sorts_and_pages_from_its_url_and_a_bad_query_is_a_message_not_an_error()
    {
        foreach (var title in new[] { "Delta", "alpha", "Charlie", "bravo", "Alphabet" })
        {
            await Admin.CreateItemAsync("Ticket", NewTicket(title, stage: title.StartsWith('a') ? "Done" : "Open"));
        }

        var searched = await _browser.GetPageAsync("admin/content/Ticket?q=ALPH&sort=DisplayText");
        Assert.Equal(["alpha", "Alphabet"], Titles(searched));
        Assert.Contains(">Draft</span>", searched);
        Assert.Contains(">admin</td>", searched); // the owner
        Assert.Matches("<th aria-sort=\"ascending\"[^>]*><a href=\"/admin/content/Ticket\\?q=ALPH&amp;sort=-DisplayText\">Title<span aria-hidden=\"true\"> ▲</span></a>", searched);

        var second = await _browser.GetPageAsync("admin/content/Ticket?sort=DisplayText&pageSize=2&page=2");
        Assert.Equal(["bravo", "Charlie"], Titles(second));
        Assert.Contains("5 items · page 2 of 3", second);
        Assert.Contains("href=\"/admin/content/Ticket?sort=DisplayText&amp;pageSize=2&amp;page=3\"", second);

        var done = await _browser.GetPageAsync("admin/content/Ticket?filter%5BTicket.Stage%5D=Done&sort=-DisplayText");
        Assert.Equal(["alpha"], Titles(done)); // "Alphabet" starts with a capital: Open
        Assert.Contains("<option value=\"Done\" selected=\"selected\">Done</option>", done);
        Assert.Equal(["bravo"], Titles(await _browser.GetPageAsync("admin/content/Ticket?filter%5BTicket.Subject%5D=ABOUT%20B*")));

        var htmx = new HttpRequestMessage(HttpMethod.Get, "admin/content/Ticket?q=delta");
        htmx.Headers.Add("HX-Request", "true");
        var partial = await (await _browser.Client.SendAsync(htmx)).Content.ReadAsStringAsync();
        Assert.StartsWith("<div id=\"content-results\">", partial.Trim());
        Assert.Equal(["Delta"], Titles(partial));

        var bad = await _browser.Client.GetAsync("admin/content/Ticket?sort=Nothing&filter[Ticket.Subject]=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("has no field &#x27;Nothing&#x27;", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task History_lists_the_versions_and_each_change_from_and_to_and_compares_two_versions()
    {
        var id = await CreateOnPageAsync("First title", "Paper stuck", publish: true);
        var page = await _browser.GetPageAsync($"admin/content/Ticket/{id}");
        var edited = await _browser.PostFormAsync($"admin/content/Ticket/{id}",
            [.. TicketForm("Second title", "Paper stuck", "save"), new("_revision", BrowserSession.InputValue(page, "_revision"))]);
        Assert.Contains("Published, with a newer draft", await _browser.FollowAsync(edited));

        var history = await _browser.GetPageAsync($"admin/content/Ticket/{id}/history");

        var trail = Regex.Match(history, "<table class=\"table table-sm\" id=\"change-trail\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Matches("<code>TitlePart.Title</code>: <span[^>]*>First title</span> → <strong>Second title</strong>", trail);
        Assert.Contains(">created</span>", trail);
        Assert.Contains(">updated</span>", trail);
        var diff = Regex.Match(history, "<table class=\"table table-sm\" id=\"version-diff\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Matches("(?s)<tr class=\"table-warning\" data-changed=\"true\">\\s*<th[^>]*><code>TitlePart.Title</code>.*?<td[^>]*>First title</td>\\s*<td[^>]*>Second title</td>", diff);
        Assert.DoesNotMatch("data-changed=\"true\">\\s*<th[^>]*><code>Ticket.Subject</code>", diff);
        Assert.Contains("Version 1 → version 2", history);
    }

    [Fact]
    public async Task A_user_without_content_permissions_has_no_content_menu_and_gets_403_on_the_pages()
    {
        await Admin.CreateRoleAsync("Clerk", "AccessAdmin");
        await Admin.CreateUserAsync("clerk", "Clerk");
        var (item, _) = await Admin.CreateItemAsync("Ticket", NewTicket("Secret"));
        var clerk = BrowserSession.Open(Host);
        await clerk.SignInOrFailAsync("clerk", "Secret-pass-1");

        Assert.DoesNotContain("href=\"/admin/content\"", await clerk.GetPageAsync("admin"));
        foreach (var path in new[] { "admin/content", "admin/content/Ticket", "admin/content/Ticket/create", $"admin/content/Ticket/{item.Id()}", $"admin/content/Ticket/{item.Id()}/history" })
        {
            var response = await clerk.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("does not hold the permission", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_user_who_may_view_only_their_own_items_sees_only_those()
    {
        await Admin.CreateRoleAsync("Writer", "AccessAdmin", "ViewOwnContent", "EditOwnContent");
        await Admin.CreateUserAsync("writer", "Writer");
        var (others, _) = await Admin.CreateItemAsync("Ticket", NewTicket("Admin's ticket"));
        var writer = BrowserSession.Open(Host);
        await writer.SignInOrFailAsync("writer", "Secret-pass-1");
        Assert.Contains("href=\"/admin/content\"", await writer.GetPageAsync("admin"));

        var created = await writer.PostFormAsync("admin/content/Ticket/create", TicketForm("Writer's ticket", "Mine", "save"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editor = await writer.FollowAsync(created);
        Assert.DoesNotContain(">Publish</button>", editor); // Draftable, and the writer may not publish
        Assert.DoesNotContain("Delete this item", editor);

        var list = await writer.GetPageAsync("admin/content/Ticket");
        Assert.Equal(["Writer's ticket"], Titles(list));
        Assert.Contains("data-count=\"Ticket\">1</td>", await writer.GetPageAsync("admin/content"));
        Assert.Equal(HttpStatusCode.NotFound, await writer.Client.StatusOfAsync($"admin/content/Ticket/{others.Id()}")); // as a missing id
        Assert.Equal(HttpStatusCode.NotFound, await writer.Client.StatusOfAsync("admin/content/Ticket/4x0000000000000000000missing"));
        Assert.Equal(2, (await Admin.ListItemsAsync("Ticket"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pickers_offer_items_of_their_types_and_users_and_search_the_items_with_htmx()
    {
        await Admin.CreatePartAsync("""
            {"Name": "Visit", "ContentPartFieldDefinitionRecords": [
              {"FieldName": "ContentPickerField", "Name": "Tickets", "Settings": {"ContentPickerFieldSettings": {"Multiple": true, "DisplayedContentTypes": ["Ticket"]}}},
              {"FieldName": "UserPickerField", "Name": "Engineer", "Settings": {}}]}
            """);
        await Admin.CreateTypeAsync("""
            {"Name": "Visit", "DisplayName": "Visit", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
             "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Visit", "Name": "Visit"}]}
            """);
        var (jam, _) = await Admin.CreateItemAsync("Ticket", NewTicket("Printer jam"));
        await Admin.CreateItemAsync("Ticket", NewTicket("Broken chair"));

        var form = await _browser.GetPageAsync("admin/content/Visit/create");
        Assert.Matches("<select[^>]*name=\"Visit.Tickets\" multiple=\"multiple\"", form);
        Assert.Contains($"<option value=\"{jam.Id()}\">Printer jam</option>", form);
        Assert.Matches("<option value=\"\\d+\">admin</option>", form);

        var search = new HttpRequestMessage(HttpMethod.Get, "admin/content/Visit/create?handler=picker&field=Visit.Tickets&_q=chair");
        search.Headers.Add("HX-Request", "true");
        var options = await (await _browser.Client.SendAsync(search)).Content.ReadAsStringAsync();
        Assert.Contains(">Broken chair</option>", options);
        Assert.DoesNotContain("Printer jam", options);

        var created = await _browser.PostFormAsync("admin/content/Visit/create", [new("TitlePart.Title", "Monday"), new("Visit.Tickets", jam.Id()), new("Visit.Engineer", "")]);
        var editor = await _browser.FollowAsync(created);
        Assert.Contains($"<option value=\"{jam.Id()}\" selected=\"selected\">Printer jam</option>", editor);
    }

    [Fact]
    public async Task A_one_item_picker_searches_its_types_by_name_posts_the_id_and_shows_the_chosen_name_again()
    {
        await Admin.CreatePartAsync("""
            {"Name": "Repair", "ContentPartFieldDefinitionRecords": [
              {"FieldName": "ContentPickerField", "Name": "Ticket", "Settings": {"ContentPickerFieldSettings": {"Multiple": false, "DisplayedContentTypes": ["Ticket"]}}}]}
            """);
        await Admin.CreateTypeAsync("""
            {"Name": "Repair", "DisplayName": "Repair", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
             "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Repair", "Name": "Repair"}]}
            """);
        var (jam, _) = await Admin.CreateItemAsync("Ticket", NewTicket("Printer jam"));
        await Admin.CreateItemAsync("Ticket", NewTicket("Broken chair"));

        var form = await _browser.GetPageAsync("admin/content/Repair/create");
        Assert.Matches("<div class=\"erp-picker\" data-picker data-picker-url=\"/admin/content/Repair/create\\?handler=lookup&amp;field=Repair.Ticket\" data-picker-text=\"\">\\s*<input[^>]*name=\"Repair.Ticket\" value=\"\"", form);
        var found = await _browser.Client.LookupAsync("admin/content/Repair/create?handler=lookup&field=Repair.Ticket&q=chair");
        Assert.Equal(["Broken chair"], found.Select(i => i.Label));

        // Without JavaScript the id is typed; the editor then shows the item's name.
        var created = await _browser.PostFormAsync("admin/content/Repair/create", [new("TitlePart.Title", "Monday"), new("Repair.Ticket", jam.Id())]);
        var editor = await _browser.FollowAsync(created);
        Assert.Matches($"data-picker-text=\"Printer jam\">\\s*<input[^>]*name=\"Repair.Ticket\" value=\"{jam.Id()}\"", editor);

        await Admin.CreateRoleAsync("Clerk", "AccessAdmin");
        await Admin.CreateUserAsync("clerk", "Clerk");
        var clerk = BrowserSession.Open(Host);
        await clerk.SignInOrFailAsync("clerk", "Secret-pass-1");
        using var refused = await clerk.Client.GetAsync("admin/content/Repair/create?handler=lookup&field=Repair.Ticket&q=chair");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static JsonObject NewTicket(string title, string stage = "New") => new()
    {
        ["TitlePart"] = new JsonObject { ["Title"] = title },
        ["Ticket"] = new JsonObject { ["Subject"] = new JsonObject { ["Text"] = "About " + title }, ["Stage"] = new JsonObject { ["Value"] = stage } },
    };

    private static List<KeyValuePair<string, string>> TicketForm(string title, string subject, string action) =>
    [
        new("TitlePart.Title", title), new("Ticket.Subject", subject), new("Ticket.Hours", "1.5"),
        new("Ticket.Urgent", "false"), new("Ticket.Urgent", "true"), new("Ticket.Stage", "Open"), new("_action", action),
    ];

    /// <summary>Creates a ticket through the create page and returns its id (from the redirect to its editor).</summary>
    private async Task<string> CreateOnPageAsync(string title, string subject, bool publish)
    {
        var created = await _browser.PostFormAsync("admin/content/Ticket/create", TicketForm(title, subject, publish ? "publish" : "save"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/content/Ticket/", location);
        Assert.Contains(publish ? "is published." : "is saved as a draft.", await _browser.FollowAsync(created));
        return location["/admin/content/Ticket/".Length..];
    }

    /// <summary>The titles the list shows, in order.</summary>
    private static List<string> Titles(string html) =>
        Regex.Matches(html, "<td><a href=\"/admin/content/Ticket/[^\"]+\"><strong>([^<]*)</strong></a></td>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}

public sealed class SqliteContentItemAdminPagesHttpTests() : ContentItemAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentItemAdminPagesHttpTests() : ContentItemAdminPagesHttpTests(DatabaseProvider.Postgres);
