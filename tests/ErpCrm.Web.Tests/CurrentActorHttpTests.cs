using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Who acts (ICurrentActor), as a module reads it: the signed-in user with their name and roles, by cookie or by token, and
/// a portal customer's linked contact, which a session already open follows when an admin links the account.
/// </summary>
public abstract class CurrentActorHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("Test.Alpha", ContactsClient.Feature);
    }

    [Fact]
    public async Task A_user_acts_with_their_id_name_and_roles_by_token_and_by_cookie()
    {
        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync("mia", "Secret-pass-1");

        foreach (var client in new[] { await Host.ClientOfNewUserAsync("tom", "Staff"), browser.Client })
        {
            var actor = await ActorAsync(client);
            Assert.Equal("User", actor.Text("kind"));
            Assert.Equal(["Staff"], actor.GetProperty("roles").Strings());
            Assert.Equal(JsonValueKind.Null, actor.GetProperty("contactId").ValueKind);
        }
        var mia = await ActorAsync(browser.Client);
        Assert.Equal(id, mia.GetProperty("userId").GetInt64());
        Assert.Equal("mia", mia.Text("userName"));
    }

    [Fact]
    public async Task A_portal_customer_is_a_user_with_a_linked_contact_also_in_a_session_opened_before_the_link()
    {
        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync("mia", "Secret-pass-1");
        var contactId = (await Admin.CreateContactAsync(ContactsClient.Company("Acme")))["ContentItemId"]!.GetValue<string>();

        await (await Admin.PutAsJsonAsync($"api/users/{id}", new { email = "mia@example.com", displayName = "Mia", enabled = true, linkedContactId = contactId, roles = new[] { "Staff" } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        var actor = await ActorAsync(browser.Client);
        Assert.Equal(contactId, actor.Text("contactId"));
        Assert.Equal(id, actor.GetProperty("userId").GetInt64());
    }

    private static async Task<JsonElement> ActorAsync(HttpClient client) => await (await client.GetAsync("api/test/actor")).ReadJsonAsync(HttpStatusCode.OK);
}

public sealed class SqliteCurrentActorHttpTests() : CurrentActorHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresCurrentActorHttpTests() : CurrentActorHttpTests(DatabaseProvider.Postgres);
