using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Leads.Tests;

/// <summary>The Leads module: its type, its default pipeline, /api/leads, moves, losing, converting and the events they raise.</summary>
public abstract class LeadsApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
    }

    [Fact]
    public async Task Enabling_the_feature_creates_the_lead_type_and_the_default_pipeline()
    {
        var part = (await (await Admin.GetAsync("api/content-parts/LeadPart")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText();
        var stages = JsonNode.Parse((await (await Admin.GetAsync("api/leads/stages")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["stages"]!.AsArray();

        foreach (var field in new[] { "ContactName", "CompanyName", "Email", "Phone", "Source", "Stage", "Owner", "ExpectedRevenue", "Probability", "Score",
                     "LostReason", "Notes", "Contact", "ConvertedCompany", "ConvertedPerson" })
        {
            Assert.Contains($"\"{field}\"", part);
        }
        Assert.Equal(["New", "Qualified", "Proposition", "Negotiation", "Won", "Lost"], stages.Select(s => s!["name"]!.GetValue<string>()));
        Assert.True(stages[4]!["isWon"]!.GetValue<bool>());
        Assert.True(stages[5]!["isLost"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Re_enabling_the_feature_keeps_the_stages_an_admin_set()
    {
        await (await Admin.PutJsonAsync("api/leads/stages", JsonNode.Parse("""{"stages": [{"name": "Inbox"}, {"name": "Done", "isWon": true}, {"name": "Dropped", "isLost": true}]}""")!))
            .ReadJsonAsync(HttpStatusCode.OK);

        await Admin.DisableFeaturesAsync(LeadsClient.Feature);
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);

        var stages = JsonNode.Parse((await (await Admin.GetAsync("api/leads/stages")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["stages"]!.AsArray();
        Assert.Equal(["Inbox", "Done", "Dropped"], stages.Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_new_lead_starts_open_in_the_first_stage_with_its_probability_and_reads_back_with_an_etag()
    {
        var (created, etag) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com", "Analytical Engines", extra: new JsonObject
        {
            ["ExpectedRevenue"] = new JsonObject { ["Amount"] = "1500.5", ["Currency"] = "EUR" },
        }));

        var (read, readTag) = await Admin.GetLeadAsync(created.Id());
        Assert.Equal("\"1\"", etag);
        Assert.Equal(etag, readTag);
        Assert.Equal("New", read.Text("Stage"));
        Assert.Equal(10, read.Field("Probability", "Value")!.GetValue<int>());
        Assert.Equal("Open", read["LeadPart"]!["Status"]!.GetValue<string>());
        Assert.Equal("1500.50", read.Field("ExpectedRevenue", "Amount")!.GetValue<string>());
        Assert.Equal("Ada Lovelace", read["DisplayText"]!.GetValue<string>());
        Assert.Equal(["LeadCreated"], await Admin.HistoryAsync(created.Id()));
    }

    [Fact]
    public async Task A_create_retried_with_the_same_idempotency_key_gets_the_first_answer_and_stores_one_lead()
    {
        async Task<HttpResponseMessage> CreateAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/leads") { Content = ContentClient.Json(LeadsClient.Lead("Ada")) };
            request.Headers.Add("Idempotency-Key", "lead-ada-1");
            return await Admin.SendAsync(request);
        }

        using var first = await CreateAsync();
        using var retry = await CreateAsync();

        var created = JsonNode.Parse((await first.ReadJsonAsync(HttpStatusCode.Created)).GetRawText())!;
        Assert.Equal(created.Id(), JsonNode.Parse((await retry.ReadJsonAsync(HttpStatusCode.Created)).GetRawText())!.Id());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await Admin.LeadCountAsync());
    }

    [Fact]
    public async Task Creating_a_lead_in_an_unknown_stage_or_of_another_type_is_refused_naming_the_field()
    {
        using var unknown = await Admin.PostAsync("api/leads", ContentClient.Json(LeadsClient.Lead("Ada", stage: "Dreaming")));
        using var otherType = await Admin.PostAsync("api/leads", ContentClient.Json(new JsonObject { ["ContentType"] = "Company" }));

        var problem = await unknown.AssertFieldsAsync(HttpStatusCode.BadRequest, "LeadPart.Stage");
        Assert.Contains("'Dreaming' is not a stage", problem.Error("LeadPart.Stage"));
        Assert.Contains("'Qualified'", problem.Error("LeadPart.Stage"));
        await otherType.AssertFieldsAsync(HttpStatusCode.BadRequest, "ContentType");
        Assert.Equal(0, await Admin.LeadCountAsync());
    }

    [Fact]
    public async Task Moving_a_lead_changes_its_stage_and_probability_and_the_won_stage_closes_it()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));

        await (await Admin.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { stage = "proposition" })).ReadJsonAsync(HttpStatusCode.OK);
        using var won = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { stage = "Won" });

        var read = JsonNode.Parse((await won.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("Won", read.Text("Stage"));
        Assert.Equal(100, read.Field("Probability", "Value")!.GetValue<int>());
        Assert.Equal("Won", read["LeadPart"]!["Status"]!.GetValue<string>());
        Assert.NotNull(read["LeadPart"]!["ClosedUtc"]);
        Assert.Equal(["LeadCreated", "LeadStageChanged", "LeadStageChanged"], await Admin.HistoryAsync(lead.Id()));
        Assert.Equal(1, (await Admin.ListLeadsAsync("status=won"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Moving_to_an_unknown_stage_or_into_the_lost_stage_is_refused_and_changes_nothing()
    {
        var (lead, etag) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));

        using var unknown = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { stage = "Dreaming" });
        using var lost = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { stage = "Lost" });
        using var none = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { });

        Assert.Contains("'Dreaming' is not a stage of the pipeline", (await unknown.AssertFieldsAsync(HttpStatusCode.BadRequest, "stage")).Error("stage"));
        Assert.Contains("needs a reason", (await lost.AssertFieldsAsync(HttpStatusCode.BadRequest, "stage")).Error("stage"));
        await none.AssertFieldsAsync(HttpStatusCode.BadRequest, "stage");
        Assert.Equal(etag, (await Admin.GetLeadAsync(lead.Id())).ETag);
    }

    [Fact]
    public async Task Losing_a_lead_needs_a_reason_and_moves_it_to_the_lost_stage()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));

        using var withoutReason = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/lost", new { reason = "  " });
        using var lost = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/lost", new { reason = "Went with a competitor" });

        await withoutReason.AssertFieldsAsync(HttpStatusCode.BadRequest, "reason");
        var read = JsonNode.Parse((await lost.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("Lost", read.Text("Stage"));
        Assert.Equal("Went with a competitor", read.Text("LostReason"));
        Assert.Equal("Lost", read["LeadPart"]!["Status"]!.GetValue<string>());
        Assert.Equal(["LeadCreated", "LeadStageChanged", "LeadLost"], await Admin.HistoryAsync(lead.Id()));
    }

    [Fact]
    public async Task A_put_with_a_stale_if_match_answers_409_and_changes_nothing()
    {
        var (lead, etag) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        var changed = lead.DeepClone();
        changed["LeadPart"]!["Source"] = new JsonObject { ["Text"] = "Referral" };
        await (await Admin.PutJsonAsync($"api/leads/{lead.Id()}", changed, etag)).ReadJsonAsync(HttpStatusCode.OK);

        changed["LeadPart"]!["Source"] = new JsonObject { ["Text"] = "Event" };
        using var stale = await Admin.PutJsonAsync($"api/leads/{lead.Id()}", changed, etag);
        using var staleMove = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { stage = "Qualified" }, etag);

        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        await staleMove.AssertProblemAsync(HttpStatusCode.Conflict);
        var (read, _) = await Admin.GetLeadAsync(lead.Id());
        Assert.Equal("Referral", read.Text("Source"));
        Assert.Equal("New", read.Text("Stage"));
    }

    [Fact]
    public async Task Converting_creates_a_company_and_a_person_working_for_it_and_a_second_call_answers_the_same()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@engines.example", "Analytical Engines"));

        var first = JsonNode.Parse((await (await Admin.PostAsync($"api/leads/{lead.Id()}/convert", null)).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        var second = JsonNode.Parse((await (await Admin.PostAsync($"api/leads/{lead.Id()}/convert", null)).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;

        var companyId = first["companyId"]!.GetValue<string>();
        var personId = first["personId"]!.GetValue<string>();
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        var person = JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{personId}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("Ada Lovelace", person["DisplayText"]!.GetValue<string>());
        Assert.Equal(companyId, person["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
        Assert.Equal("ada@engines.example", person["ContactPart"]!["Email"]!["Email"]!.GetValue<string>());
        var company = JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{companyId}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("Analytical Engines", company["DisplayText"]!.GetValue<string>());
        var (read, _) = await Admin.GetLeadAsync(lead.Id());
        Assert.Equal(companyId, read.FirstId("ConvertedCompany"));
        Assert.Equal(personId, read.FirstId("ConvertedPerson"));
        Assert.Equal(2, (await Admin.ListContactsTotalAsync()));
        Assert.Equal(["LeadCreated", "LeadConverted"], await Admin.HistoryAsync(lead.Id()));
    }

    [Fact]
    public async Task Converting_reuses_a_person_with_the_same_email_and_a_company_with_the_same_name()
    {
        var company = await Admin.CreateContactIdAsync(new JsonObject
        {
            ["ContentType"] = "Company", ["TitlePart"] = new JsonObject { ["Title"] = "Analytical Engines" },
            ["ContactPart"] = new JsonObject { ["City"] = new JsonObject { ["Text"] = "London" } },
        });
        var person = await Admin.CreateContactIdAsync(new JsonObject
        {
            ["ContentType"] = "Person", ["TitlePart"] = new JsonObject { ["Title"] = "A. Lovelace" },
            ["ContactPart"] = new JsonObject { ["Email"] = new JsonObject { ["Email"] = "ADA@engines.example" } },
        });
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@engines.example", "analytical engines"));

        var converted = JsonNode.Parse((await (await Admin.PostAsync($"api/leads/{lead.Id()}/convert", null)).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;

        Assert.Equal(company, converted["companyId"]!.GetValue<string>());
        Assert.Equal(person, converted["personId"]!.GetValue<string>());
        Assert.Equal(2, await Admin.ListContactsTotalAsync());
        var linked = JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{person}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(company, linked["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Converting_a_lost_lead_answers_409_saying_why_and_creates_no_contact()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", "ada@example.com", "Engines"));
        await (await Admin.PostJsonAsync($"api/leads/{lead.Id()}/lost", new { reason = "No budget" })).ReadJsonAsync(HttpStatusCode.OK);

        using var convert = await Admin.PostAsync($"api/leads/{lead.Id()}/convert", null);

        var problem = await convert.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("lost", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await Admin.ListContactsTotalAsync());
    }

    [Fact]
    public async Task The_list_filters_by_stage_owner_status_and_text_and_sorts_and_pages()
    {
        var sales = await Admin.CreateUserAsync("sam", "Staff");
        var samId = sales.GetProperty("id").GetRawText().Trim('"');
        await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", "ada@example.com", extra: new JsonObject { ["Owner"] = new JsonObject { ["UserIds"] = new JsonArray(samId) } }));
        var (bob, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Bob", "bob@example.com", stage: "Qualified"));
        await Admin.CreateLeadAsync(LeadsClient.Lead("Cy", "cy@example.com", stage: "Won"));

        Assert.Equal(["Bob"], (await Admin.ListLeadsAsync("stage=qualified")).Texts());
        Assert.Equal(["Ada"], (await Admin.ListLeadsAsync($"owner={samId}")).Texts());
        Assert.Equal(["Bob", "Cy"], (await Admin.ListLeadsAsync("owner=&sort=name")).Texts());
        Assert.Equal(["Ada", "Bob"], (await Admin.ListLeadsAsync("status=open&sort=name")).Texts());
        Assert.Equal(["Bob"], (await Admin.ListLeadsAsync("q=BOB@")).Texts());
        var page = await Admin.ListLeadsAsync("sort=-name&pageSize=2&page=2");
        Assert.Equal(["Ada"], page.Texts());
        Assert.Equal(3, page["total"]!.GetValue<long>());
        Assert.Equal(bob.Id(), (await Admin.ListLeadsAsync("stage=Qualified"))["items"]![0]!.Id());
        using var bad = await Admin.GetAsync("api/leads?status=maybe&sort=shoe&pageSize=1000");
        await bad.AssertFieldsAsync(HttpStatusCode.BadRequest, "status", "sort", "pageSize");
    }

    [Fact]
    public async Task The_leads_api_is_described_in_the_OpenAPI_document_and_answers_404_once_the_feature_is_off()
    {
        await Admin.EnableFeaturesAsync("ErpCrm.OpenApi");

        var document = await (await Host.CreateClient().GetAsync("api/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        await Admin.DisableFeaturesAsync(LeadsClient.Feature);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "/api/leads", "/api/leads/capture", "/api/leads/{id}", "/api/leads/{id}/stage", "/api/leads/{id}/lost",
            "/api/leads/{id}/convert", "/api/leads/stages", "/api/leads/scoring-rules", "/api/leads/assignment-rules" }, paths);
        using var capture = await Host.CreateClient().CaptureAsync(new { name = "Eve", email = "eve@example.com" });
        Assert.Equal(HttpStatusCode.NotFound, capture.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync("api/leads"));
    }

    [Fact]
    public void Capture_is_the_only_public_endpoint_of_the_module()
    {
        var leads = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/leads", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(leads.Count >= 10, $"only {leads.Count} lead endpoints were found");
        Assert.Equal(["api/leads/capture"], leads.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText!.TrimStart('/')));
    }

    [Fact]
    public async Task Without_the_leads_permissions_every_lead_endpoint_but_capture_is_refused()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        var powerless = await Host.ClientOfNewUserAsync("powerless");
        var viewer = await Host.ClientOfNewUserAsync("viewer", "Staff");
        var anonymous = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, await powerless.StatusOfAsync("api/leads"));
        Assert.Equal(HttpStatusCode.Forbidden, await powerless.StatusOfAsync($"api/leads/{lead.Id()}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusOfAsync("api/leads"));
        Assert.Equal(HttpStatusCode.OK, await viewer.StatusOfAsync($"api/leads/{lead.Id()}"));
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.StatusOfAsync("api/leads/stages"));
        using var move = await viewer.PostJsonAsync($"api/leads/{lead.Id()}/stage", new { stage = "Won" });
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        using var convert = await powerless.PostAsync($"api/leads/{lead.Id()}/convert", null);
        Assert.Equal(HttpStatusCode.Forbidden, convert.StatusCode);
        using var capture = await anonymous.CaptureAsync(new { name = "Eve", email = "eve@example.com" });
        Assert.Equal(HttpStatusCode.Accepted, capture.StatusCode);
    }
}

public sealed class SqliteLeadsApiHttpTests() : LeadsApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadsApiHttpTests() : LeadsApiHttpTests(DatabaseProvider.Postgres);
