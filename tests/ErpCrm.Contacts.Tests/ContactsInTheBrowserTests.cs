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

    [Fact]
    public async Task The_editor_refuses_a_contact_without_a_name_and_a_duplicate_naming_and_linking_the_contact_keeping_what_was_typed()
    {
        string acme;
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(Feature);
            acme = (await api.CreateContactAsync(Company("Acme Corp", "sales@acme.example"))).Id();
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New company" }).ClickAsync();
        var title = page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true });
        var email = page.GetByLabel("Email", new() { Exact = true });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

        await email.FillAsync("hello@acme-again.example");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Lyon");
        await save.ClickAsync();
        await Expect(page.Locator("#f-TitlePart-Title-error")).ToHaveTextAsync("A name is required: enter the company's name.");
        await Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveValueAsync("hello@acme-again.example");
        await Expect(page.GetByLabel("City", new() { Exact = true })).ToHaveValueAsync("Lyon");
        await ScreenshotAsync(page, "contact-editor-no-name");

        await title.FillAsync("Acme Again");
        await email.FillAsync("SALES@acme.example");
        await save.ClickAsync();
        await Expect(page.Locator("#f-ContactPart-Email-error")).ToHaveTextAsync($"A Company with the same Email exists: Acme Corp ('{acme}').");
        await Expect(title).ToHaveValueAsync("Acme Again");
        await Expect(email).ToHaveValueAsync("SALES@acme.example");
        await Expect(page.GetByLabel("City", new() { Exact = true })).ToHaveValueAsync("Lyon");
        await ScreenshotAsync(page, "contact-editor-duplicate");

        await page.Locator("[data-error-link]").GetByRole(AriaRole.Link, new() { Name = "Acme Corp" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Corp", Level = 1 })).ToBeVisibleAsync();
    }
}

public sealed class SqliteContactsInTheBrowserTests(BrowserFixture browser) : ContactsInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresContactsInTheBrowserTests(BrowserFixture browser) : ContactsInTheBrowserTests(browser, DatabaseProvider.Postgres);
