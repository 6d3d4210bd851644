using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.ContactsClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>
/// The contacts' lookup behind every contact picker: <c>[{id, label, detail}]</c> of the active contacts whose name, email or phone
/// holds the text, at most 20, to users who may view contacts, from their own tenant only.
/// </summary>
public abstract class ContactLookupHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Lookup = "api/contacts/lookup";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
    }

    private static Task<IReadOnlyList<(string Id, string Label, string? Detail)>> LookupAsync(HttpClient client, string query) =>
        client.LookupAsync($"{Lookup}?q={Uri.EscapeDataString(query)}");

    [Fact]
    public async Task The_lookup_finds_contacts_by_a_part_of_their_name_or_email_and_tells_companies_from_people()
    {
        var acme = (await Admin.CreateContactAsync(Company("Acme Trading", "billing@acme.example", customer: true))).Id();
        var ada = (await Admin.CreateContactAsync(Person("Ada Lovelace", acme, "ada@analytical.example"))).Id();
        var archived = (await Admin.CreateContactAsync(Company("Acme Old"))).Id();
        using (var archive = await Admin.PostAsync($"api/contacts/{archived}/archive", null))
        {
            await archive.ReadJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal([(acme, "Acme Trading", "Company · billing@acme.example")], await LookupAsync(Admin, "acme"));
        Assert.Equal([(ada, "Ada Lovelace", "Person · ada@analytical.example")], await LookupAsync(Admin, "LOVE"));
        Assert.Equal([ada], (await LookupAsync(Admin, "analytical")).Select(c => c.Id));
        Assert.Equal([acme, ada], (await LookupAsync(Admin, "")).Select(c => c.Id));
        Assert.Empty(await LookupAsync(Admin, "100%"));
    }

    [Fact]
    public async Task The_lookup_needs_ViewContacts_and_never_answers_another_tenants_contacts()
    {
        await Admin.CreateContactAsync(Company("Alpha Tools"));
        await Admin.CreateRoleAsync("Admin access only", "AccessAdmin");
        // As /api/contacts: ViewContacts opens the endpoint, ViewContent lets the items be read.
        await Admin.CreateRoleAsync("Contact reader", "AccessAdmin", "ViewContacts", "ViewContent");
        using (var stranger = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "stranger", "Admin access only")))
        {
            using var refused = await stranger.GetAsync($"{Lookup}?q=alpha");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var reader = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "reader", "Contact reader")))
        {
            Assert.Equal(["Alpha Tools"], (await LookupAsync(reader, "alpha")).Select(c => c.Label));
        }

        using var beta = await Host.SetUpAnotherTenantAsync("Beta");
        await beta.EnableFeaturesAsync(Feature);
        await beta.CreateContactAsync(Company("Alpha Beta Imports"));
        Assert.Equal(["Alpha Tools"], (await LookupAsync(Admin, "alpha")).Select(c => c.Label));
        Assert.Equal(["Alpha Beta Imports"], (await LookupAsync(beta, "alpha")).Select(c => c.Label));
    }
}

public sealed class SqliteContactLookupHttpTests() : ContactLookupHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactLookupHttpTests() : ContactLookupHttpTests(DatabaseProvider.Postgres);
