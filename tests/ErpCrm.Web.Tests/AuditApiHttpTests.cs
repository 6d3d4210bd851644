using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>What the audit log records of identity and feature changes (who, what, from where), and how /api/audit filters it.</summary>
public abstract class AuditApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task User_role_token_and_feature_changes_are_audited_with_actor_kind_and_address()
    {
        var userId = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        await Admin.PutAsJsonAsync($"api/users/{userId}", new { email = "mia@example.org", enabled = true, roles = new[] { "Staff" }, password = "Reset-pass-9" });
        await Admin.CreateRoleAsync("Sales", "AccessAdmin");
        await Admin.PutAsJsonAsync("api/roles/Sales", new { name = "Sales team", description = "Sells", permissions = new[] { "ViewAuditLog" } });
        await Admin.DeleteAsync("api/roles/Sales%20team");
        var tokenId = (await (await Admin.PostAsJsonAsync("api/me/tokens", new { name = "laptop" })).ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await Admin.DeleteAsync($"api/me/tokens/{tokenId}");
        await Admin.EnableFeaturesAsync("Test.Gamma");
        await Admin.DisableFeaturesAsync("Test.Beta");
        await Admin.DeleteAsync($"api/users/{userId}");

        var entries = (await Admin.GetAuditAsync()).Where(e => e.Text("actor") == "admin").ToList();

        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.Text("address")));
        AssertEntry(entries, AuditKinds.UserCreated, "mia", "Staff");
        var changed = AssertEntry(entries, AuditKinds.UserChanged, "mia", "mia@example.org");
        Assert.Contains("password reset", changed);
        Assert.DoesNotContain("Reset-pass-9", changed);
        AssertEntry(entries, AuditKinds.UserDeleted, "mia", "Staff");
        AssertEntry(entries, AuditKinds.RoleCreated, "Sales", "AccessAdmin");
        AssertEntry(entries, AuditKinds.RoleChanged, "Sales team", "renamed 'Sales' → 'Sales team'");
        Assert.Equal("Granted: ViewAuditLog. Revoked: AccessAdmin.", AssertEntry(entries, AuditKinds.PermissionsChanged, "Sales team", "Granted"));
        AssertEntry(entries, AuditKinds.RoleDeleted, "Sales team", "ViewAuditLog");
        AssertEntry(entries, AuditKinds.TokenCreated, "admin", "'laptop'");
        AssertEntry(entries, AuditKinds.TokenRevoked, "admin", "'laptop'");
        var features = entries.Where(e => e.Text("kind") == AuditKinds.FeaturesChanged).Select(e => e.Text("detail")).ToList();
        Assert.Equal(["disabled Test.Gamma, Test.Beta", "enabled Test.Alpha, Test.Beta, Test.Gamma"], features);
    }

    [Fact]
    public async Task Setup_and_every_recipe_step_are_audited_with_who_made_them_and_a_refused_recipe_leaves_nothing()
    {
        var setUp = Assert.Single(await Admin.GetAuditAsync($"kind={AuditKinds.TenantSetUp}"));
        Assert.Equal(("system", Tenant), (setUp.Text("actor"), setUp.Text("subject")));
        Assert.Equal($"Set up as '{SiteName}' with recipe 'blank', administrator 'admin'.", setUp.Text("detail"));
        var setupSteps = await Admin.GetAuditAsync($"kind={AuditKinds.RecipeStepRan}");
        Assert.NotEmpty(setupSteps);
        Assert.All(setupSteps, e => Assert.Equal(("system", "blank"), (e.Text("actor"), e.Text("subject"))));

        await Admin.RunRecipeOrFailAsync("""{"name": "roles", "steps": [{"name": "Roles", "Roles": [{"Name": "Clerks", "Permissions": []}]}, {"name": "feature", "enable": ["Test.Alpha"]}]}""");
        await (await Admin.RunRecipeAsync(System.Text.Json.Nodes.JsonNode.Parse("""{"name": "refused", "steps": [{"name": "nope"}]}""")!)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var steps = (await Admin.GetAuditAsync($"kind={AuditKinds.RecipeStepRan}")).Where(e => e.Text("subject") != "blank").ToList();
        Assert.Equal(["Step 2 'feature' ran.", "Step 1 'Roles' ran."], steps.Select(e => e.Text("detail")));
        Assert.All(steps, e => Assert.Equal(("admin", "roles", "127.0.0.1"), (e.Text("actor"), e.Text("subject"), e.Text("address"))));
    }

    [Fact]
    public async Task A_change_that_fails_leaves_no_audit_entry()
    {
        await (await Admin.PostAsJsonAsync("api/users", IdentityClient.NewUser("admin"))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostFeatureChangeAsync("Test.Gamma", enable: true)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Empty(await Admin.GetAuditAsync($"kind={AuditKinds.UserCreated}"));
        Assert.DoesNotContain(await Admin.GetAuditAsync($"kind={AuditKinds.FeaturesChanged}"), e => e.Text("detail").Contains("Test.Gamma"));
    }

    [Fact]
    public async Task The_kind_from_and_to_filters_narrow_the_entries()
    {
        await Admin.CreateRoleAsync("Early");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await Admin.CreateRoleAsync("Late");
        await Admin.CreateUserAsync("mia");

        var roles = await Admin.GetAuditAsync($"kind={AuditKinds.RoleCreated}");
        var since = await Admin.GetAuditAsync($"kind={AuditKinds.RoleCreated}&from={Uri.EscapeDataString(between.ToString("O"))}");
        var until = await Admin.GetAuditAsync($"kind={AuditKinds.RoleCreated}&to={Uri.EscapeDataString(between.ToString("O"))}");

        Assert.Equal(["Late", "Early"], roles.Select(e => e.Text("subject")));
        Assert.Equal(["Late"], since.Select(e => e.Text("subject")));
        Assert.Equal(["Early"], until.Select(e => e.Text("subject")));
        Assert.Empty(await Admin.GetAuditAsync($"from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"));
        Assert.Empty(await Admin.GetAuditAsync("to=2000-01-01"));
        Assert.Equal(await Admin.GetAuditAsync(), await Admin.GetAuditAsync($"from=2000-01-01&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"), JsonEquality.Instance);
    }

    [Fact]
    public async Task Pages_go_from_newest_to_oldest()
    {
        await Admin.CreateRoleAsync("First");
        await Admin.CreateRoleAsync("Second");

        var page = await (await Admin.GetAsync($"api/audit?kind={AuditKinds.RoleCreated}&page=2&pageSize=1")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(1, page.GetProperty("pageSize").GetInt32());
        Assert.Equal("First", Assert.Single(page.GetProperty("entries").EnumerateArray()).Text("subject"));
    }

    [Fact]
    public async Task Bad_query_values_answer_400_naming_each_field()
    {
        var problem = await (await Admin.GetAsync("api/audit?from=yesterday&to=soon&kind=party&page=0&pageSize=501"))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "from", "to", "kind", "page", "pageSize");

        Assert.Contains(AuditKinds.SignIn, problem.Error("kind"));
        await (await Admin.GetAsync("api/audit?from=2025-02-01&to=2025-01-01")).AssertFieldsAsync(HttpStatusCode.BadRequest, "to");
        await (await Admin.GetAsync("api/audit?page=99999999999&pageSize=x")).AssertFieldsAsync(HttpStatusCode.BadRequest, "page", "pageSize");
    }

    private static string AssertEntry(IReadOnlyList<JsonElement> entries, string kind, string subject, string detailPart)
    {
        var entry = Assert.Single(entries, e => e.Text("kind") == kind && e.Text("subject") == subject);
        Assert.Contains(detailPart, entry.Text("detail"));
        Assert.True(DateTimeOffset.TryParse(entry.Text("occurredUtc"), out _));
        return entry.Text("detail");
    }

    private sealed class JsonEquality : IEqualityComparer<JsonElement>
    {
        public static readonly JsonEquality Instance = new();
        public bool Equals(JsonElement x, JsonElement y) => x.ToString() == y.ToString();
        public int GetHashCode(JsonElement obj) => obj.ToString().GetHashCode();
    }
}

public sealed class SqliteAuditApiHttpTests() : AuditApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuditApiHttpTests() : AuditApiHttpTests(DatabaseProvider.Postgres);
