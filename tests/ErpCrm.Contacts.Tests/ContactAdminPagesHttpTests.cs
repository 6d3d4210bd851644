using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.ContactsClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>The contact pages (/admin/contacts, /admin/contacts/{id}) and the panels modules add to a contact's page.</summary>
public abstract class ContactAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string PanelFeature = "Test.ContactPanels";

    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        _browser = await SignInAdminAsync();
    }

    /// <summary>The names the list shows, in order.</summary>
    private static IReadOnlyList<string> Names(string html) =>
        Regex.Matches(html, "<tr data-contact=\"[^\"]+\">\\s*<td><a href=\"/admin/contacts/[^\"]+\"><strong>([^<]*)</strong>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The HTML of the panel titled <paramref name="title"/> on a contact's page (empty when it is not there).</summary>
    private static string Panel(string html, string title) =>
        Regex.Match(html, $"<section[^>]*data-panel=\"{Regex.Escape(title)}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

    /// <summary>A signed-in browser of a new user with the given permissions (and AccessAdmin).</summary>
    private async Task<BrowserSession> SignInWithAsync(string userName, params string[] permissions)
    {
        await Admin.CreateRoleAsync(userName + " role", ["AccessAdmin", .. permissions]);
        await Admin.CreateUserAsync(userName, userName + " role");
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync(userName, "Secret-pass-1");
        return browser;
    }

    [Fact]
    public async Task The_list_searches_by_name_email_or_phone_filters_by_role_and_type_and_pages_by_name()
    {
        var acme = await Admin.CreateContactAsync(Company("Acme", "sales@acme.example", "+1 (555) 010-2000", customer: true));
        await Admin.CreateContactAsync(Company("Bolts Ltd", "orders@bolts.example", "020 7946 0000", supplier: true));
        await Admin.CreateContactAsync(Person("Ada Lovelace", acme.Id(), "ada@acme.example"));

        var all = await _browser.GetPageAsync("admin/contacts");
        Assert.Equal(["Acme", "Ada Lovelace", "Bolts Ltd"], Names(all));
        Assert.Contains($"href=\"/admin/contacts/{acme.Id()}\"", all);
        Assert.Contains("href=\"/admin/contacts/new/Company\">New company</a>", all);
        Assert.Contains("href=\"/admin/contacts/new/Person\">New person</a>", all);
        Assert.Contains("href=\"/admin/contacts/import\">Import</a>", all);
        Assert.Contains(">Customer</span>", all);
        Assert.Contains("3 contacts · page 1 of 1", all);

        Assert.Equal(["Acme", "Ada Lovelace"], Names(await _browser.GetPageAsync("admin/contacts?q=ACME")));
        Assert.Equal(["Bolts Ltd"], Names(await _browser.GetPageAsync("admin/contacts?q=orders@bolts")));
        Assert.Equal(["Acme"], Names(await _browser.GetPageAsync("admin/contacts?q=555-0102")));
        Assert.Equal(["Bolts Ltd"], Names(await _browser.GetPageAsync("admin/contacts?role=supplier")));
        Assert.Equal(["Ada Lovelace"], Names(await _browser.GetPageAsync("admin/contacts?type=Person")));
        var customers = await _browser.GetPageAsync("admin/contacts?q=a&role=customer&type=Company");
        Assert.Equal(["Acme"], Names(customers));
        Assert.Contains("<option value=\"customer\" selected=\"selected\">Customers</option>", customers);
        Assert.Contains("href=\"/admin/contacts/export?q=a&amp;role=customer&amp;type=Company\"", customers);
        Assert.Contains("No contacts match the search.", await _browser.GetPageAsync("admin/contacts?q=nobody"));

        var second = await _browser.GetPageAsync("admin/contacts?pageSize=2&page=2");
        Assert.Equal(["Bolts Ltd"], Names(second));
        Assert.Contains("3 contacts · page 2 of 2", second);
        Assert.Contains("href=\"/admin/contacts?pageSize=2&amp;page=1\"", second);
    }

    [Fact]
    public async Task Htmx_gets_only_the_results_and_the_export_link_of_the_new_filters()
    {
        await Admin.CreateContactAsync(Company("Acme", customer: true));
        await Admin.CreateContactAsync(Company("Bolts Ltd", supplier: true));

        var htmx = new HttpRequestMessage(HttpMethod.Get, "admin/contacts?role=supplier");
        htmx.Headers.Add("HX-Request", "true");
        var partial = await (await _browser.Client.SendAsync(htmx)).Content.ReadAsStringAsync();

        Assert.StartsWith("<div id=\"contact-results\">", partial.Trim());
        Assert.Equal(["Bolts Ltd"], Names(partial));
        Assert.Matches("<a [^>]*id=\"contacts-export\" href=\"/admin/contacts/export\\?role=supplier\" hx-swap-oob=\"true\">", partial);
    }

    [Fact]
    public async Task A_bad_filter_or_page_is_a_message_on_the_page_not_an_error()
    {
        var bad = await _browser.Client.GetAsync("admin/contacts?role=prospect&page=0&q=kept");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("role is customer or supplier.", html);
        Assert.Contains("page must be a whole number from 1 to", html);
        Assert.Contains("value=\"kept\"", html);
    }

    [Fact]
    public async Task A_company_page_shows_its_details_and_lists_its_people_and_a_person_page_names_the_company_and_colleagues()
    {
        var acme = await Admin.CreateContactAsync(Company("Acme", "sales@acme.example", "+1 (555) 010-2000", "US-123", customer: true)
            .WithText("Street", "1 Main Street").WithText("PostalCode", "12345").WithText("City", "Springfield").WithText("Country", "USA")
            .WithText("Tags", "key account, east"));
        var ada = await Admin.CreateContactAsync(Person("Ada Lovelace", acme.Id(), "ada@acme.example", "Engineer"));
        var bob = await Admin.CreateContactAsync(Person("Bob Babbage", acme.Id(), "bob@acme.example", "Buyer"));
        await Admin.CreateContactAsync(Person("Eve Elsewhere"));

        var company = await _browser.GetPageAsync($"admin/contacts/{acme.Id()}");
        Assert.Contains("<h1>Acme</h1>", company);
        Assert.Contains("<a href=\"mailto:sales@acme.example\">sales@acme.example</a>", company);
        Assert.Contains("<a href=\"tel:+15550102000\">+1 (555) 010-2000</a>", WebUtility.HtmlDecode(company)); // Razor writes + as &#x2B;
        Assert.Contains("US-123", company);
        Assert.Contains("1 Main Street<br>12345 Springfield<br>USA", company);
        Assert.Contains(">key account</span>", company);
        Assert.Contains(">east</span>", company);
        Assert.Contains(">Customer</span>", company);
        Assert.Contains($"href=\"/admin/contacts/{acme.Id()}/edit\">Edit", company);
        var people = Panel(company, "People");
        Assert.Matches($"<a href=\"/admin/contacts/{ada.Id()}\">Ada Lovelace</a></td>\\s*<td>Engineer</td>\\s*<td>ada@acme.example</td>", people);
        Assert.Contains($"<a href=\"/admin/contacts/{bob.Id()}\">Bob Babbage</a>", people);
        Assert.DoesNotContain("Eve Elsewhere", people);
        Assert.Empty(Panel(company, "Company"));

        var person = await _browser.GetPageAsync($"admin/contacts/{ada.Id()}");
        Assert.Contains("<h1>Ada Lovelace</h1>", person);
        Assert.Contains("Engineer", person);
        Assert.Contains($"<a href=\"/admin/contacts/{acme.Id()}\">Acme</a>", Panel(person, "Company"));
        var colleagues = Panel(person, "Colleagues");
        Assert.Contains($"<a href=\"/admin/contacts/{bob.Id()}\">Bob Babbage</a>", colleagues);
        Assert.DoesNotContain("Ada Lovelace", colleagues);
        Assert.Empty(Panel(person, "People"));

        var loner = await _browser.GetPageAsync($"admin/contacts/{(await Admin.CreateContactAsync(Person("Lone Wolf"))).Id()}");
        Assert.Contains("Not linked to a company.", Panel(loner, "Company"));
    }

    [Fact]
    public async Task A_panel_of_another_module_shows_only_where_its_feature_is_on_and_to_users_with_its_permission()
    {
        var acme = await Admin.CreateContactAsync(Company("Acme"));
        var path = $"admin/contacts/{acme.Id()}";
        Assert.Empty(Panel(await _browser.GetPageAsync(path), "Test balance"));

        await Admin.EnableFeaturesAsync(PanelFeature);

        var panel = Panel(await _browser.GetPageAsync(path), "Test balance");
        Assert.Contains("Balance due</dt><dd class=\"fs-4 fw-semibold mb-0\">1,250.00 EUR</dd>", panel);
        Assert.Contains("<a href=\"/admin/test/delta\">Invoice for Acme</a>", panel);
        Assert.Contains("<span class=\"badge erp-badge-danger\">Overdue</span>", panel);
        Assert.Contains("<td>Not a link</td>", panel); // not a tenant address: no link
        Assert.DoesNotContain("javascript:", panel);
        Assert.Contains("<a href=\"/admin/test/delta\">All test invoices</a>", panel);
        var viewer = await SignInWithAsync("viewer", "ViewContacts", "ViewContent");
        var holder = await SignInWithAsync("holder", "ViewContacts", "ViewContent", "ViewTestPanel");
        var viewersPage = await viewer.GetPageAsync(path);
        Assert.Empty(Panel(viewersPage, "Test balance"));
        Assert.Contains("No people work here yet.", Panel(viewersPage, "People"));
        Assert.Contains("1,250.00 EUR", Panel(await holder.GetPageAsync(path), "Test balance"));

        await Admin.DisableFeaturesAsync(PanelFeature);

        Assert.Empty(Panel(await holder.GetPageAsync(path), "Test balance"));
    }

    [Fact]
    public async Task A_panel_that_fails_is_shown_as_unavailable_and_the_rest_of_the_page_still_shows()
    {
        await Admin.EnableFeaturesAsync(PanelFeature);
        var boom = await Admin.CreateContactAsync(Company("Boom Ltd"));
        await Admin.CreateContactAsync(Person("Ada Lovelace", boom.Id()));

        var page = await _browser.GetPageAsync($"admin/contacts/{boom.Id()}");

        Assert.Contains("data-panel-failed=\"FailingContactPanel\"", page);
        Assert.Contains("could not be loaded; the log has the details.", page);
        Assert.Contains("Ada Lovelace", Panel(page, "People"));
        Assert.Contains("Invoice for Boom Ltd", Panel(page, "Test balance"));
    }

    [Fact]
    public async Task Without_view_contacts_the_pages_answer_403_and_the_menu_has_no_contacts()
    {
        var acme = await Admin.CreateContactAsync(Company("Acme"));
        var clerk = await SignInWithAsync("clerk", "ViewContent");

        Assert.DoesNotContain("href=\"/admin/contacts\"", await clerk.GetPageAsync("admin"));
        foreach (var path in new[] { "admin/contacts", $"admin/contacts/{acme.Id()}" })
        {
            var response = await clerk.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("does not hold the permission", await response.Content.ReadAsStringAsync());
        }
        var dashboard = await _browser.GetPageAsync("admin");
        Assert.Contains("<h2 class=\"erp-menu-group\">CRM</h2>", dashboard);
        Assert.Contains("<a href=\"/admin/contacts\">Contacts</a>", dashboard); // the admin has the entry
    }

    [Fact]
    public async Task An_unknown_or_removed_contact_answers_a_404_page_that_leads_back_to_the_list()
    {
        var acme = await Admin.CreateContactAsync(Company("Acme"));
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/contacts/{acme.Id()}")).StatusCode);

        foreach (var id in new[] { "nosuchcontact", acme.Id() })
        {
            var response = await _browser.Client.GetAsync($"admin/contacts/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Contact not found</h1>", html);
            Assert.Contains($"There is no contact <code>{id}</code>", html);
            Assert.Contains("href=\"/admin/contacts\">All contacts</a>", html);
        }
    }

    [Fact]
    public async Task A_contact_named_like_a_script_is_shown_encoded_on_the_list_and_its_page()
    {
        var evil = await Admin.CreateContactAsync(Company("<script>alert(1)</script>"));
        await Admin.CreateContactAsync(Person("Ada", evil.Id(), jobTitle: "<b>boss</b>"));

        var list = await _browser.GetPageAsync("admin/contacts");
        var page = await _browser.GetPageAsync($"admin/contacts/{evil.Id()}");

        foreach (var html in new[] { list, page })
        {
            Assert.DoesNotContain("<script>alert(1)</script>", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
        Assert.DoesNotContain("<b>boss</b>", page);
        Assert.Contains("&lt;b&gt;boss&lt;/b&gt;", page);
    }

    [Fact]
    public async Task With_the_feature_off_the_pages_answer_404_and_the_menu_has_no_contacts()
    {
        var acme = await Admin.CreateContactAsync(Company("Acme"));

        await Admin.DisableFeaturesAsync(Feature);

        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync("admin/contacts"));
        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync($"admin/contacts/{acme.Id()}"));
        Assert.DoesNotContain("href=\"/admin/contacts\"", await _browser.GetPageAsync("admin"));
    }
}

public sealed class SqliteContactAdminPagesHttpTests() : ContactAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactAdminPagesHttpTests() : ContactAdminPagesHttpTests(DatabaseProvider.Postgres);
