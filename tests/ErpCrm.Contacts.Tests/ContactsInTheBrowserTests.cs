using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static ErpCrm.Testing.ContactsClient;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Contacts.Tests;

/// <summary>Contacts in Chromium: an admin opens Contacts from the menu, searches, opens a company, sees its people and goes to a person and back.</summary>
public abstract class ContactsInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task An_admin_searches_the_contacts_opens_a_company_sees_its_people_and_goes_to_a_person_and_back()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(Feature);
            var acme = await api.CreateContactAsync(Company("Acme Corp", "sales@acme.example", "+1 555 0100", "US-123", customer: true)
                .WithText("Street", "1 Main Street").WithText("City", "Springfield").WithText("Tags", "key account"));
            await api.CreateContactAsync(Person("Ada Lovelace", acme.Id(), "ada@acme.example", "Engineer"));
            await api.CreateContactAsync(Person("Bob Babbage", acme.Id(), "bob@acme.example", "Buyer"));
            await api.CreateContactAsync(Company("Bolts Ltd", "orders@bolts.example", supplier: true));
        }
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts", Level = 1 })).ToBeVisibleAsync();
        var results = page.Locator("#contact-results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Bolts Ltd" })).ToBeVisibleAsync();
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("acme");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Bolts Ltd" })).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("q=acme"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToHaveAttributeAsync("href", new Regex("/admin/contacts/export\\?q=acme$"));
        await ScreenshotAsync(page, "contacts-list");

        await results.GetByRole(AriaRole.Link, new() { Name = "Acme Corp" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Corp", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "sales@acme.example" })).ToHaveAttributeAsync("href", "mailto:sales@acme.example");
        var people = page.GetByRole(AriaRole.Region, new() { Name = "People", Exact = true });
        await Expect(people.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" })).ToContainTextAsync("Engineer");
        await Expect(people.GetByRole(AriaRole.Link, new() { Name = "Bob Babbage" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "contact-company");

        await people.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Colleagues", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Bob Babbage" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "contact-person");
        await page.GetByRole(AriaRole.Region, new() { Name = "Company", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Acme Corp" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Corp", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/contacts/[^/]+$"));
    }
}

public sealed class SqliteContactsInTheBrowserTests(BrowserFixture browser) : ContactsInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresContactsInTheBrowserTests(BrowserFixture browser) : ContactsInTheBrowserTests(browser, DatabaseProvider.Postgres);
