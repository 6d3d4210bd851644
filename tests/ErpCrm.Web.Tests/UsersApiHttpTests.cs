using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>Managing users over /api/users: what an admin sees, and every mistake answered as a problem naming its fields.</summary>
public abstract class UsersApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task Creating_a_user_answers_201_with_the_user_and_never_a_password_hash_or_stamp()
    {
        var response = await Admin.PostAsJsonAsync("api/users",
            new { userName = "mia", email = "mia@example.com", displayName = "Mia Wong", password = "Secret-pass-1", roles = new[] { "staff" } });

        var text = await response.Content.ReadAsStringAsync();
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/users/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("mia", created.Text("userName"));
        Assert.Equal("mia@example.com", created.Text("email"));
        Assert.Equal("Mia Wong", created.Text("displayName"));
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(["Staff"], created.GetProperty("roles").Strings());
        AssertNoSecrets(text);

        var list = await Admin.GetAsync("api/users");
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(["admin", "mia"], (await list.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(u => u.Text("userName")));
        AssertNoSecrets(listText);
        var one = await (await Admin.GetAsync($"api/users/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToString(), one.ToString());
    }

    [Fact]
    public async Task Creating_a_user_with_bad_fields_answers_400_naming_every_one_and_creates_nothing()
    {
        var response = await Admin.PostAsJsonAsync("api/users",
            new { userName = "no spaces!", email = "not-an-address", displayName = new string('d', 201), password = "short", roles = new[] { "Staff", "Wizards" } });

        var problem = await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "userName", "email", "displayName", "password", "roles");
        Assert.Contains("'Wizards'", problem.Error("roles"));
        Assert.DoesNotContain("Staff", problem.Error("roles"));
        Assert.Single((await (await Admin.GetAsync("api/users")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Creating_a_user_without_a_body_names_the_required_fields()
    {
        await (await Admin.PostAsync("api/users", null)).AssertFieldsAsync(HttpStatusCode.BadRequest, "userName", "email", "password");
    }

    [Fact]
    public async Task A_body_that_is_not_json_of_a_user_answers_400_problem_not_500()
    {
        var response = await Admin.PostAsync("api/users", new StringContent("{\"userName\": [", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_taken_user_name_answers_409_naming_the_field_whatever_its_case()
    {
        await Admin.CreateUserAsync("mia");

        var problem = await (await Admin.PostAsJsonAsync("api/users", IdentityClient.NewUser("MIA"))).AssertFieldsAsync(HttpStatusCode.Conflict, "userName");

        Assert.Contains("taken", problem.Text("detail"));
    }

    [Fact]
    public async Task An_unknown_user_answers_404_to_get_put_and_delete()
    {
        await (await Admin.GetAsync("api/users/999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PutAsJsonAsync("api/users/999", Update("x@example.com", enabled: true, []))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync("api/users/999")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("api/users/not-a-number")).StatusCode);
    }

    [Fact]
    public async Task Updating_a_user_changes_every_field_the_roles_and_resets_the_password()
    {
        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        var contactId = (await Admin.CreateContactAsync(ContactsClient.Person("Mia Wong")))["ContentItemId"]!.GetValue<string>();

        var response = await Admin.PutAsJsonAsync($"api/users/{id}", new
        {
            email = "mia.wong@example.com", displayName = "Mia W.", enabled = false, linkedContactId = contactId,
            roles = new[] { KernelPermissions.AdministratorRole }, password = "Brand-new-2",
        });

        var text = await response.Content.ReadAsStringAsync();
        var updated = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("mia.wong@example.com", updated.Text("email"));
        Assert.Equal("Mia W.", updated.Text("displayName"));
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(contactId, updated.Text("linkedContactId"));
        Assert.Equal([KernelPermissions.AdministratorRole], updated.GetProperty("roles").Strings());
        AssertNoSecrets(text);
        Assert.Equal(updated.ToString(), (await (await Admin.GetAsync($"api/users/{id}")).ReadJsonAsync(HttpStatusCode.OK)).ToString());

        await Admin.PutAsJsonAsync($"api/users/{id}", Update("mia.wong@example.com", enabled: true, [KernelPermissions.AdministratorRole]));
        Assert.Equal(SignInOutcome.Failed, await SignInAsync("mia", "Secret-pass-1"));
        Assert.Equal(SignInOutcome.Succeeded, await SignInAsync("mia", "Brand-new-2"));
    }

    [Fact]
    public async Task A_linked_contact_must_be_one_that_exists_and_Contacts_must_be_on_to_link_one()
    {
        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        object Link(string? contactId) => new { email = "mia@example.com", displayName = "", enabled = true, linkedContactId = contactId, roles = new[] { "Staff" } };

        var off = await (await Admin.PutAsJsonAsync($"api/users/{id}", Link("01j0000000000000000000abcd"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "linkedContactId");
        Assert.Equal("Contacts is off: a user can be linked to a contact only while the Contacts feature is on.", off.Error("linkedContactId"));
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        var unknown = await (await Admin.PutAsJsonAsync($"api/users/{id}", Link("no-such-contact"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "linkedContactId");
        Assert.Equal("There is no contact 'no-such-contact'.", unknown.Error("linkedContactId"));
        Assert.Equal(JsonValueKind.Null, (await (await Admin.GetAsync($"api/users/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("linkedContactId").ValueKind);

        var contactId = (await Admin.CreateContactAsync(ContactsClient.Company("Acme")))["ContentItemId"]!.GetValue<string>();
        Assert.Equal(contactId, (await (await Admin.PutAsJsonAsync($"api/users/{id}", Link(contactId))).ReadJsonAsync(HttpStatusCode.OK)).Text("linkedContactId"));

        // A link sent back as it was is not a new link (the admin page sends it with every change), also once Contacts is off;
        // an empty one clears it either way.
        await Admin.DisableFeaturesAsync(ContactsClient.Feature);
        Assert.Equal(contactId, (await (await Admin.PutAsJsonAsync($"api/users/{id}", Link(contactId))).ReadJsonAsync(HttpStatusCode.OK)).Text("linkedContactId"));
        Assert.Equal(JsonValueKind.Null, (await (await Admin.PutAsJsonAsync($"api/users/{id}", Link(null))).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("linkedContactId").ValueKind);
    }

    [Fact]
    public async Task Updating_with_missing_or_bad_fields_answers_400_naming_each_and_changes_nothing()
    {
        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();

        await (await Admin.PutAsJsonAsync($"api/users/{id}", new { })).AssertFieldsAsync(HttpStatusCode.BadRequest, "email", "enabled", "roles");
        await (await Admin.PutAsJsonAsync($"api/users/{id}", new { email = "x", enabled = true, roles = new[] { "Nobody" }, password = "abc", linkedContactId = new string('c', 101) }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "email", "roles", "password", "linkedContactId");

        var user = await (await Admin.GetAsync($"api/users/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("mia@example.com", user.Text("email"));
        Assert.Equal(["Staff"], user.GetProperty("roles").Strings());
    }

    [Fact]
    public async Task Nobody_can_disable_or_delete_their_own_account()
    {
        var adminId = await IdOfAsync(Admin);

        var disable = await (await Admin.PutAsJsonAsync($"api/users/{adminId}", Update("admin@example.com", enabled: false, [KernelPermissions.AdministratorRole])))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "enabled");
        var delete = await (await Admin.DeleteAsync($"api/users/{adminId}")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("your own account", disable.Error("enabled"));
        Assert.Contains("your own account", delete.Text("detail"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("api/users")).StatusCode);
    }

    [Fact]
    public async Task The_last_enabled_Administrator_cannot_stop_being_one()
    {
        var adminId = await IdOfAsync(Admin);
        var deputyId = (await Admin.CreateUserAsync("deputy", KernelPermissions.AdministratorRole)).GetProperty("id").GetInt64();
        await (await Admin.PutAsJsonAsync($"api/users/{deputyId}", Update("deputy@example.com", enabled: false, [KernelPermissions.AdministratorRole]))).ReadJsonAsync(HttpStatusCode.OK);

        // The deputy is disabled, so the admin is the last enabled Administrator.
        var problem = await (await Admin.PutAsJsonAsync($"api/users/{adminId}", Update("admin@example.com", enabled: true, ["Staff"])))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "roles");
        Assert.Contains("last enabled Administrator", problem.Error("roles"));

        await (await Admin.PutAsJsonAsync($"api/users/{deputyId}", Update("deputy@example.com", enabled: true, [KernelPermissions.AdministratorRole]))).ReadJsonAsync(HttpStatusCode.OK);
        var demoted = await (await Admin.PutAsJsonAsync($"api/users/{adminId}", Update("admin@example.com", enabled: true, ["Staff"]))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Staff"], demoted.GetProperty("roles").Strings());
    }

    [Fact]
    public async Task Deleting_a_user_answers_204_and_ends_their_tokens()
    {
        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        var mia = Host.ClientWithToken(await Host.CreateTokenAsync(Tenant, "mia"));
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/users/{id}")).StatusCode);

        await (await Admin.GetAsync($"api/users/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mia.GetAsync("api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_given_ManageUsers_through_a_role_can_list_users_but_gets_403_on_roles()
    {
        await Admin.CreateRoleAsync("User managers", KernelPermissions.ManageUsers.Name);
        var clerk = await Host.ClientOfNewUserAsync("clerk", "User managers");

        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("api/users")).StatusCode);
        await (await clerk.GetAsync("api/roles")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
        await (await clerk.PostAsJsonAsync("api/roles", new { name = "Mine", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.GetAsync("api/permissions")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.GetAsync("api/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_manager_cannot_give_or_take_over_more_than_they_hold()
    {
        await Admin.CreateRoleAsync("User managers", KernelPermissions.ManageUsers.Name);
        var clerk = await Host.ClientOfNewUserAsync("clerk", "User managers");
        var adminId = await IdOfAsync(Admin);

        var administrator = await (await clerk.PostAsJsonAsync("api/users", IdentityClient.NewUser("mole", KernelPermissions.AdministratorRole)))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "roles");
        await (await clerk.PostAsJsonAsync("api/users", IdentityClient.NewUser("mole", "Staff"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "roles");
        await (await clerk.PutAsJsonAsync($"api/users/{adminId}", new { email = "admin@example.com", enabled = true, roles = new[] { KernelPermissions.AdministratorRole }, password = "Taken-over-1" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.DeleteAsync($"api/users/{adminId}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains(KernelPermissions.AdministratorRole, administrator.Error("roles"));
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("api/users", IdentityClient.NewUser("helper", "User managers"))).StatusCode);
        Assert.Equal(SignInOutcome.Succeeded, await SignInAsync("admin", TestHost.AdminPassword));
    }

    private static object Update(string email, bool enabled, string[] roles) => new { email, displayName = "", enabled, roles };

    private static async Task<long> IdOfAsync(HttpClient client) =>
        (await (await client.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64();

    private Task<SignInOutcome> SignInAsync(string userName, string password) =>
        Host.InTenantAsync(Tenant, async services =>
            (await services.GetRequiredService<SignInService>().PasswordSignInAsync(userName, password, "192.0.2.1", CancellationToken.None)).Outcome);

    private static void AssertNoSecrets(string json)
    {
        foreach (var word in new[] { "hash", "stamp", "password", "AQAAAA" })
        {
            Assert.DoesNotContain(word, json, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class SqliteUsersApiHttpTests() : UsersApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresUsersApiHttpTests() : UsersApiHttpTests(DatabaseProvider.Postgres);
