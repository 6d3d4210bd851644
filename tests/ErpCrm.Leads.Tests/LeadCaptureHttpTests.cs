using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>Public lead capture: validation, duplicate detection, scoring and assignment (what it keeps from attackers: <see cref="LeadCaptureAbuseHttpTests"/>).</summary>
public abstract class LeadCaptureHttpTests(DatabaseProvider provider) : LeadCaptureTests(provider)
{
    private async Task PutRulesAsync(string path, string json) =>
        await (await Admin.PutJsonAsync($"api/leads/{path}", JsonNode.Parse(json)!)).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<string> SalespersonAsync(string userName)
    {
        var user = await Admin.CreateUserAsync(userName, "Sellers");
        return user.GetProperty("id").GetRawText().Trim('"');
    }

    [Fact]
    public async Task An_anonymous_capture_stores_a_lead_in_the_first_stage_from_the_website()
    {
        await Anonymous.CaptureAcceptedAsync(new { name = "Ada Lovelace", email = "ada@example.com", phone = "+44 20 7946 0000", company = "Engines", message = "Call me" });

        var (lead, _) = await Admin.GetLeadAsync(await Admin.LeadIdOfAsync("ada@example.com"));
        Assert.Equal("Ada Lovelace (Engines)", lead["DisplayText"]!.GetValue<string>());
        Assert.Equal("New", lead.Text("Stage"));
        Assert.Equal("Website", lead.Text("Source"));
        Assert.Equal("Call me", lead.Text("Notes"));
        Assert.Equal("Engines", lead.Text("CompanyName"));
        Assert.Equal("+44 20 7946 0000", lead.Field("Phone", "Phone")!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_captures_are_refused_naming_every_bad_field_and_store_nothing()
    {
        using var badEmail = await Anonymous.CaptureAsync(new { name = "Ada", email = "ada@" });
        using var noName = await Anonymous.CaptureAsync(new { email = "ada@example.com" });
        using var tooLong = await Anonymous.CaptureAsync(new { name = new string('a', 201), email = "ada@example.com", message = new string('m', 4001) });
        using var everything = await Anonymous.CaptureAsync(new { name = " ", email = "nope", phone = "call me", source = new string('s', 101) });
        using var notJson = await Anonymous.PostAsync("api/leads/capture", ContentClient.Json("""{"name": 12, "email": "ada@example.com"}"""));
        using var broken = await Anonymous.PostAsync("api/leads/capture", ContentClient.Json("{name"));

        Assert.Contains("'ada@' is not a valid email address", (await badEmail.AssertFieldsAsync(HttpStatusCode.BadRequest, "email")).Error("email"));
        await noName.AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
        Assert.Contains("at most 200 characters", (await tooLong.AssertFieldsAsync(HttpStatusCode.BadRequest, "name", "message")).Error("name"));
        await everything.AssertFieldsAsync(HttpStatusCode.BadRequest, "name", "email", "phone", "source");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("must be JSON of the shape", (await broken.AssertFieldsAsync(HttpStatusCode.BadRequest, "body")).Error("body"));
        Assert.Equal(0, await Admin.LeadCountAsync());
    }

    [Fact]
    public async Task A_capture_with_the_email_or_phone_of_an_open_lead_becomes_a_message_of_that_lead()
    {
        await Anonymous.CaptureAcceptedAsync(new { name = "Ada", email = "ada@example.com", phone = "020 7946 0000", message = "First" });
        var first = await Admin.LeadIdOfAsync("ada@example.com");

        await Anonymous.CaptureAcceptedAsync(new { name = "Ada L.", email = "ADA@example.com ", message = "Second" });
        await Anonymous.CaptureAcceptedAsync(new { name = "Ada", email = "other@example.com", phone = "(020) 7946-0000", company = "Engines", message = "Third" });

        Assert.Equal(1, await Admin.LeadCountAsync());
        Assert.Equal("First", (await Admin.GetLeadAsync(first)).Lead.Text("Notes"));
        var messages = await Admin.LeadMessagesAsync(first);
        Assert.Equal(["Third", "Second"], messages.Select(m => m!["message"]!.GetValue<string>()));
        Assert.Equal(("Ada", "other@example.com", "(020) 7946-0000", "Engines"),
            (messages[0]!["name"]!.GetValue<string>(), messages[0]!["email"]!.GetValue<string>(), messages[0]!["phone"]!.GetValue<string>(), messages[0]!["company"]!.GetValue<string>()));
        Assert.Equal(["LeadCreated", "LeadCapturedAgain", "LeadCapturedAgain"], await Admin.HistoryAsync(first));
        var page = await (await Admin.GetAsync($"admin/leads/{first}")).Content.ReadAsStringAsync();
        Assert.Contains("Messages from the website", page);
        Assert.Contains("Third", page);
    }

    [Fact]
    public async Task A_capture_repeating_a_lost_lead_stores_a_new_lead()
    {
        await Anonymous.CaptureAcceptedAsync(new { name = "Ada", email = "ada@example.com" });
        var first = await Admin.LeadIdOfAsync("ada@example.com");
        await (await Admin.PostJsonAsync($"api/leads/{first}/lost", new { reason = "No budget" })).ReadJsonAsync(HttpStatusCode.OK);

        await Anonymous.CaptureAcceptedAsync(new { name = "Ada", email = "ada@example.com" });

        var second = await Admin.LeadIdOfAsync("ada@example.com");
        Assert.NotEqual(first, second);
        Assert.Equal(2, await Admin.LeadCountOfAsync("ada@example.com"));
        Assert.Null((await Admin.GetLeadAsync(second)).Lead.FirstId("Contact"));
    }

    [Fact]
    public async Task A_capture_with_the_email_of_a_contact_stores_a_new_lead_linked_to_it()
    {
        var contact = await Admin.CreateContactIdAsync(new JsonObject
        {
            ["ContentType"] = "Person", ["TitlePart"] = new JsonObject { ["Title"] = "Ada Lovelace" },
            ["ContactPart"] = new JsonObject { ["Email"] = new JsonObject { ["Email"] = "ada@example.com" } },
        });

        await Anonymous.CaptureAcceptedAsync(new { name = "Ada", email = "Ada@Example.com" });

        var (lead, _) = await Admin.GetLeadAsync(await Admin.LeadIdOfAsync("ada@example.com"));
        Assert.Equal(contact, lead.FirstId("Contact"));
        var converted = JsonNode.Parse((await (await Admin.PostAsync($"api/leads/{lead.Id()}/convert", null)).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(contact, converted["personId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scoring_rules_add_the_points_of_every_condition_met_including_on_a_field_an_admin_added()
    {
        var type = JsonNode.Parse((await (await Admin.GetAsync("api/content-types/Lead")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        await Admin.CreatePartAsync("""{"Name": "Lead", "ContentPartFieldDefinitionRecords": [{"FieldName": "NumericField", "Name": "Employees", "Settings": {}}]}""");
        type["ContentTypePartDefinitionRecords"]!.AsArray().Add(new JsonObject { ["PartName"] = "Lead", ["Name"] = "Lead", ["Settings"] = new JsonObject() });
        await (await Admin.PutJsonAsync("api/content-types/Lead", type)).ReadJsonAsync(HttpStatusCode.OK);
        await PutRulesAsync("scoring-rules", """
            {"rules": [
              {"name": "Has a company", "when": {"field": "CompanyName", "operator": "isSet"}, "points": 10},
              {"name": "Referral", "when": {"field": "Source", "operator": "equals", "value": "referral"}, "points": 25},
              {"name": "Free mail", "when": {"field": "Email", "operator": "contains", "value": "@freemail."}, "points": -5},
              {"name": "Big", "when": {"field": "Lead.Employees", "operator": "greaterThan", "value": "100"}, "points": 40}
            ]}
            """);

        await Anonymous.CaptureAcceptedAsync(new { name = "Ada", email = "ada@freemail.example", company = "Engines", source = "Referral" });
        var captured = await Admin.LeadIdOfAsync("ada@freemail.example");
        var (big, _) = await Admin.CreateLeadAsync(new JsonObject
        {
            ["ContentType"] = "Lead", ["LeadPart"] = new JsonObject { ["ContactName"] = new JsonObject { ["Text"] = "Bob" } },
            ["Lead"] = new JsonObject { ["Employees"] = new JsonObject { ["Value"] = 250 } },
        });

        Assert.Equal(30, (await Admin.GetLeadAsync(captured)).Lead.Field("Score", "Value")!.GetValue<int>());
        Assert.Equal(40, big.Field("Score", "Value")!.GetValue<int>());
        Assert.Equal(big.Id(), (await Admin.ListLeadsAsync("sort=-score"))["items"]![0]!.Id());
    }

    [Fact]
    public async Task Round_robin_hands_captures_to_the_users_of_a_role_in_turn_and_a_field_rule_wins_when_it_comes_first()
    {
        await Admin.CreateRoleAsync("Sellers", "ViewLeads");
        var ann = await SalespersonAsync("ann");
        var ben = await SalespersonAsync("ben");
        var cat = await SalespersonAsync("cat");
        await PutRulesAsync("assignment-rules", """
            {"rules": [
              {"name": "Partners to Cat", "when": {"field": "Source", "operator": "equals", "value": "Partner"}, "user": "cat"},
              {"name": "Everyone else", "roundRobinRole": "sellers"}
            ]}
            """);

        var owners = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            await Anonymous.CaptureAcceptedAsync(new { name = $"Lead {i}", email = $"lead{i}@example.com" });
            owners.Add((await Admin.GetLeadAsync(await Admin.LeadIdOfAsync($"lead{i}@example.com"))).Lead.FirstId("Owner", "UserIds"));
        }
        await Anonymous.CaptureAcceptedAsync(new { name = "P", email = "p@example.com", source = "Partner" });
        var partner = await Admin.LeadIdOfAsync("p@example.com");

        Assert.Equal([ann, ben, cat, ann, ben, cat], owners);
        Assert.Equal(cat, (await Admin.GetLeadAsync(partner)).Lead.FirstId("Owner", "UserIds"));
    }

    [Fact]
    public async Task A_salesperson_disabled_or_added_in_another_request_is_seen_by_the_next_capture()
    {
        await Admin.CreateRoleAsync("Sellers", "ViewLeads");
        var ann = await SalespersonAsync("ann");
        var ben = await SalespersonAsync("ben");
        await PutRulesAsync("assignment-rules", """{"rules": [{"roundRobinRole": "Sellers"}]}""");
        async Task<string?> CaptureAsync(int i)
        {
            await Anonymous.CaptureAcceptedAsync(new { name = $"Lead {i}", email = $"lead{i}@example.com" });
            return (await Admin.GetLeadAsync(await Admin.LeadIdOfAsync($"lead{i}@example.com"))).Lead.FirstId("Owner", "UserIds");
        }

        // The first capture reads who is enabled (the host keeps it); each change below is a request of its own, and the captures after it see it.
        var owners = new List<string?> { await CaptureAsync(0) };
        await (await Admin.PutAsJsonAsync($"api/users/{ben}", new { email = "ben@example.com", enabled = false, roles = new[] { "Sellers" } })).ReadJsonAsync(HttpStatusCode.OK);
        owners.Add(await CaptureAsync(1));
        owners.Add(await CaptureAsync(2));
        var cat = await SalespersonAsync("cat");
        owners.Add(await CaptureAsync(3));
        owners.Add(await CaptureAsync(4));

        // Turns 1 to 5: Ann and Ben, then Ann alone, then Ann and Cat (in id order).
        Assert.Equal([ann, ann, ann, cat, ann], owners);
    }

    [Fact]
    public async Task Concurrent_captures_give_each_user_of_the_role_the_same_number_of_leads()
    {
        await Admin.CreateRoleAsync("Sellers", "ViewLeads");
        var users = new[] { await SalespersonAsync("ann"), await SalespersonAsync("ben"), await SalespersonAsync("cat") };
        await PutRulesAsync("assignment-rules", """{"rules": [{"roundRobinRole": "Sellers"}]}""");

        var captures = Enumerable.Range(0, 12).Select(async i =>
        {
            for (var attempt = 0; ; attempt++)
            {
                using var response = await Host.CreateClient().CaptureAsync(new { name = $"Lead {i}", email = $"lead{i}@example.com" });
                // SQLite lets one writer in at a time: a capture that found the database busy is retried by the form's user.
                if (response.StatusCode != HttpStatusCode.Accepted && attempt < 20)
                {
                    await Task.Delay(50);
                    continue;
                }
                await response.ReadJsonAsync(HttpStatusCode.Accepted);
                return $"lead{i}@example.com";
            }
        });
        var ids = new List<string>();
        foreach (var email in await Task.WhenAll(captures))
        {
            ids.Add(await Admin.LeadIdOfAsync(email));
        }

        var owners = new List<string?>();
        foreach (var id in ids)
        {
            owners.Add((await Admin.GetLeadAsync(id)).Lead.FirstId("Owner", "UserIds"));
        }
        Assert.All(users, u => Assert.Equal(4, owners.Count(o => o == u)));
    }

    [Fact]
    public async Task An_owner_given_on_create_wins_over_the_assignment_rules()
    {
        await Admin.CreateRoleAsync("Sellers", "ViewLeads");
        await SalespersonAsync("ann");
        var ben = await SalespersonAsync("ben");
        await PutRulesAsync("assignment-rules", """{"rules": [{"roundRobinRole": "Sellers"}]}""");

        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", extra: new JsonObject { ["Owner"] = new JsonObject { ["UserIds"] = new JsonArray(ben) } }));

        Assert.Equal(ben, lead.FirstId("Owner", "UserIds"));
    }
}

public sealed class SqliteLeadCaptureHttpTests() : LeadCaptureHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadCaptureHttpTests() : LeadCaptureHttpTests(DatabaseProvider.Postgres);
