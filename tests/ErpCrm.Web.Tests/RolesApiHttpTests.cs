using System.Net;
using System.Net.Http.Json;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Roles and the permission grid over /api/roles and /api/permissions.</summary>
public abstract class RolesApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task Creating_a_role_with_declared_permissions_answers_201_and_lists_it()
    {
        var response = await Admin.PostAsJsonAsync("api/roles", new { name = "Sales team", description = "Sells things", permissions = new[] { "ViewAuditLog", "AccessAdmin" } });

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("/api/roles/Sales%20team", response.Headers.Location?.OriginalString);
        Assert.Equal("Sales team", created.Text("name"));
        Assert.Equal("Sells things", created.Text("description"));
        Assert.Equal(["AccessAdmin", "ViewAuditLog"], created.GetProperty("permissions").Strings());
        Assert.Equal(0, created.GetProperty("userCount").GetInt32());
        var names = (await (await Admin.GetAsync("api/roles")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(r => r.Text("name")).ToList();
        Assert.Equal([KernelPermissions.AdministratorRole, "Editor", "Sales team", "Staff"], names); // Editor and Staff: the kernel's stereotypes
        Assert.Equal(created.ToString(), (await (await Admin.GetAsync("api/roles/sales%20TEAM")).ReadJsonAsync(HttpStatusCode.OK)).ToString());
    }

    [Fact]
    public async Task Unknown_permissions_answer_400_listing_every_one()
    {
        var problem = await (await Admin.PostAsJsonAsync("api/roles", new { name = "Sales", permissions = new[] { "AccessAdmin", "FlyToTheMoon", "ManageTestNotes" } }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "permissions");

        Assert.Contains("'FlyToTheMoon'", problem.Error("permissions"));
        Assert.Contains("'ManageTestNotes'", problem.Error("permissions")); // declared by Test.Alpha, which is off
        Assert.DoesNotContain("AccessAdmin", problem.Error("permissions"));
        await (await Admin.GetAsync("api/roles/Sales")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Sales/North")]
    [InlineData("semi;colon")]
    [InlineData("101")]
    public async Task A_bad_role_name_answers_400_naming_it(string name)
    {
        name = name == "101" ? new string('r', 101) : name;

        await (await Admin.PostAsJsonAsync("api/roles", new { name, permissions = Array.Empty<string>() })).AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task A_role_without_a_body_names_the_name()
    {
        await (await Admin.PostAsync("api/roles", null)).AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
        await (await Admin.PutAsync("api/roles/Staff", null)).AssertFieldsAsync(HttpStatusCode.BadRequest, "permissions");
    }

    [Fact]
    public async Task An_existing_role_name_answers_409_whatever_its_case()
    {
        var problem = await (await Admin.PostAsJsonAsync("api/roles", new { name = "staff", permissions = Array.Empty<string>() })).AssertFieldsAsync(HttpStatusCode.Conflict, "name");

        Assert.Contains("Staff", problem.Text("detail"));
    }

    [Fact]
    public async Task Updating_a_role_renames_it_for_its_users_and_replaces_its_permissions()
    {
        await Admin.CreateRoleAsync("Sales team", "AccessAdmin");
        var userId = (await Admin.CreateUserAsync("mia", "Sales team")).GetProperty("id").GetInt64();

        var updated = await (await Admin.PutAsJsonAsync("api/roles/Sales%20team", new { name = "Sales", description = "Sells", permissions = new[] { "ManageUsers" } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Sales", updated.Text("name"));
        Assert.Equal("Sells", updated.Text("description"));
        Assert.Equal(["ManageUsers"], updated.GetProperty("permissions").Strings());
        Assert.Equal(1, updated.GetProperty("userCount").GetInt32());
        Assert.Equal(["Sales"], (await (await Admin.GetAsync($"api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("roles").Strings());
        await (await Admin.GetAsync("api/roles/Sales%20team")).AssertProblemAsync(HttpStatusCode.NotFound);
        var mia = Host.ClientWithToken(await Host.CreateTokenAsync(Tenant, "mia"));
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("api/users")).StatusCode);
    }

    [Fact]
    public async Task Renaming_a_role_to_another_roles_name_answers_409()
    {
        await Admin.CreateRoleAsync("Sales");

        await (await Admin.PutAsJsonAsync("api/roles/Sales", new { name = "STAFF", permissions = Array.Empty<string>() })).AssertFieldsAsync(HttpStatusCode.Conflict, "name");
    }

    [Fact]
    public async Task The_Administrator_role_cannot_be_renamed_or_deleted()
    {
        var rename = await (await Admin.PutAsJsonAsync("api/roles/Administrator", new { name = "Boss", permissions = Array.Empty<string>() }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
        var delete = await (await Admin.DeleteAsync("api/roles/Administrator")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("cannot be renamed", rename.Error("name"));
        Assert.Contains("cannot be deleted", delete.Text("detail"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("api/roles/Administrator")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_role_answers_404_to_get_put_and_delete()
    {
        await (await Admin.GetAsync("api/roles/Nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PutAsJsonAsync("api/roles/Nobody", new { permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync("api/roles/Nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_role_answers_204_and_takes_it_from_its_users()
    {
        await Admin.CreateRoleAsync("Sales", "ManageUsers");
        var userId = (await Admin.CreateUserAsync("mia", "Sales", "Staff")).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("api/roles/Sales")).StatusCode);

        Assert.Equal(["Staff"], (await (await Admin.GetAsync($"api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("roles").Strings());
        await (await Admin.GetAsync("api/roles/Sales")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Permissions_are_grouped_with_their_descriptions_for_the_enabled_features()
    {
        var before = await (await Admin.GetAsync("api/permissions")).ReadJsonAsync(HttpStatusCode.OK);
        await Admin.EnableFeaturesAsync("Test.Alpha");
        var after = await (await Admin.GetAsync("api/permissions")).ReadJsonAsync(HttpStatusCode.OK);

        var kernel = Assert.Single(before.EnumerateArray(), g => g.Text("group") == "Kernel");
        var manageUsers = Assert.Single(kernel.GetProperty("permissions").EnumerateArray(), p => p.Text("name") == "ManageUsers");
        Assert.Equal(KernelPermissions.ManageUsers.Description, manageUsers.Text("description"));
        Assert.DoesNotContain(before.EnumerateArray(), g => g.Text("group") == "Alpha");
        var tests = Assert.Single(after.EnumerateArray(), g => g.Text("group") == "Alpha");
        Assert.Equal(["ManageTestNotes"], tests.GetProperty("permissions").EnumerateArray().Select(p => p.Text("name")));
        await Admin.CreateRoleAsync("Note takers", "ManageTestNotes");
    }

    [Fact]
    public async Task Grants_of_a_feature_since_disabled_are_kept_when_the_role_is_saved_again()
    {
        await Admin.EnableFeaturesAsync("Test.Alpha");
        await Admin.CreateRoleAsync("Note takers", "ManageTestNotes");
        await Admin.DisableFeaturesAsync("Test.Alpha");

        var saved = await (await Admin.PutAsJsonAsync("api/roles/Note%20takers", new { permissions = new[] { "ManageTestNotes", "AccessAdmin" } })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["AccessAdmin", "ManageTestNotes"], saved.GetProperty("permissions").Strings());
    }

    [Fact]
    public async Task A_role_manager_can_only_grant_permissions_they_hold()
    {
        await Admin.CreateRoleAsync("Role managers", "ManageRoles");
        var clerk = await Host.ClientOfNewUserAsync("clerk", "Role managers");

        var problem = await (await clerk.PostAsJsonAsync("api/roles", new { name = "Escalation", permissions = new[] { "ManageRoles", "ManageUsers" } }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "permissions");
        await (await clerk.PutAsJsonAsync("api/roles/Role%20managers", new { permissions = new[] { "ManageRoles", "ManageFeatures" } }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "permissions");

        Assert.Contains("ManageUsers", problem.Error("permissions"));
        Assert.DoesNotContain("ManageRoles", problem.Error("permissions"));
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("api/roles", new { name = "Deputies", permissions = new[] { "ManageRoles" } })).StatusCode);
    }

    /// <summary>The attack the probe made: a role manager renamed, emptied and deleted a role holding what they do not hold.</summary>
    [Fact]
    public async Task A_role_manager_cannot_rename_empty_or_delete_a_role_above_their_own()
    {
        await Admin.CreateRoleAsync("Salesperson", "AccessAdmin", "ManageUsers");
        await Admin.CreateRoleAsync("Role managers", "ManageRoles", "AccessAdmin");
        var clerk = await Host.ClientOfNewUserAsync("clerk", "Role managers");

        var renamed = await (await clerk.PutAsJsonAsync("api/roles/Salesperson", new { name = "Gone", permissions = new[] { "AccessAdmin", "ManageUsers" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.PutAsJsonAsync("api/roles/Salesperson", new { permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.DeleteAsync("api/roles/Salesperson")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clerk.PutAsJsonAsync("api/roles/Administrator", new { description = "mine", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("ManageUsers", renamed.Text("detail"));
        var salesperson = await (await Admin.GetAsync("api/roles/Salesperson")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["AccessAdmin", "ManageUsers"], salesperson.GetProperty("permissions").Strings());
        Assert.Equal("", salesperson.Text("description"));
    }

    [Fact]
    public async Task The_roles_page_refuses_a_role_above_the_user_with_the_reason_and_changes_nothing()
    {
        await Admin.CreateRoleAsync("Salesperson", "AccessAdmin", "ManageUsers");
        var clerk = await BrowserSession.SignInNewUserAsync(Host, Admin, "clerk", "ManageRoles");

        var saved = await clerk.PostFormAsync("admin/roles/edit?name=Salesperson", [new("description", "emptied")]);
        var deleted = await clerk.PostFormAsync("admin/roles/edit?name=Salesperson&handler=delete", [], "admin/roles/edit?name=Salesperson");

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("it grants permissions you do not hold: ManageUsers", await saved.Content.ReadAsStringAsync());
        Assert.Contains("it grants permissions you do not hold: ManageUsers", await clerk.FollowAsync(deleted));
        var salesperson = await (await Admin.GetAsync("api/roles/Salesperson")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["AccessAdmin", "ManageUsers"], salesperson.GetProperty("permissions").Strings());
    }

    [Fact]
    public async Task A_role_manager_changes_and_deletes_roles_within_what_they_hold()
    {
        await Admin.CreateRoleAsync("Readers", "AccessAdmin");
        await Admin.CreateRoleAsync("Role managers", "ManageRoles", "AccessAdmin", "ViewAuditLog");
        var clerk = await Host.ClientOfNewUserAsync("clerk", "Role managers");

        var changed = await (await clerk.PutAsJsonAsync("api/roles/Readers", new { name = "Auditors", permissions = new[] { "AccessAdmin", "ViewAuditLog" } }))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["AccessAdmin", "ViewAuditLog"], changed.GetProperty("permissions").Strings());
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.DeleteAsync("api/roles/Auditors")).StatusCode);
    }
}

public sealed class SqliteRolesApiHttpTests() : RolesApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRolesApiHttpTests() : RolesApiHttpTests(DatabaseProvider.Postgres);
