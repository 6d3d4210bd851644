using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Leads.Services;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>
/// What the public capture keeps from an anonymous attacker: whether an email is a lead's or a customer's, staff's notes, the
/// honeypot, and the server's time on bodies it will not take.
/// </summary>
public abstract class LeadCaptureAbuseHttpTests(DatabaseProvider provider) : LeadCaptureTests(provider)
{
    /// <summary>Everything a caller sees of an answer but its date: status, headers and body.</summary>
    private static async Task<string> SeenAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{await response.Content.ReadAsStringAsync()}";
    }

    private Task<HttpResponseMessage> PostRawAsync(string json, bool chunked = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/leads/capture") {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        // Chunked: the body declares no length, so only reading it could tell its size.
        request.Headers.TransferEncodingChunked = chunked;
        return Anonymous.SendAsync(request);
    }

    [Fact]
    public async Task An_anonymous_capture_never_reveals_whether_the_email_is_known()
    {
        await Admin.CreateLeadAsync(LeadsClient.Lead("Known Lead", email: "known@example.com"));
        var customer = await Admin.CreateContactIdAsync(ContactsClient.Person("Carla Customer", email: "customer@example.com"));

        using var stranger = await Anonymous.CaptureAsync(new { name = "Eve", email = "stranger@example.com", message = "Hello" });
        using var lead = await Anonymous.CaptureAsync(new { name = "Eve", email = "known@example.com", message = "Hello" });
        using var contact = await Anonymous.CaptureAsync(new { name = "Eve", email = "customer@example.com", message = "Hello" });

        var seen = await SeenAsync(stranger);
        Assert.StartsWith("202\n", seen);
        Assert.EndsWith("\n\n" + LeadsClient.CaptureAnswer, seen);
        Assert.Equal(seen, await SeenAsync(lead));
        Assert.Equal(seen, await SeenAsync(contact));
        Assert.DoesNotContain(customer, seen, StringComparison.Ordinal);
        // What happened behind the answer is staff's to see.
        Assert.Equal(customer, (await Admin.GetLeadAsync(await Admin.LeadIdOfAsync("customer@example.com"))).Lead.FirstId("Contact"));
        Assert.Single(await Admin.LeadMessagesAsync(await Admin.LeadIdOfAsync("known@example.com")));
    }

    [Fact]
    public async Task Captures_repeating_an_open_lead_never_change_what_staff_wrote_and_are_kept_up_to_a_daily_cap()
    {
        const string notes = "Met at the fair. Budget 50k, decides in March: call Tuesday.";
        var (lead, etag) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", email: "ada@example.com",
            extra: new JsonObject { ["Notes"] = new JsonObject { ["Text"] = notes } }));
        var flood = new string('x', LeadCaptureService.MaxMessageLength);

        for (var i = 0; i < LeadMessages.MaxPerLeadPerDay + 5; i++)
        {
            await Anonymous.CaptureAcceptedAsync(new { name = $"Spam {i}", email = "ada@example.com", message = flood });
        }

        var (after, etagAfter) = await Admin.GetLeadAsync(lead.Id());
        Assert.Equal(notes, after.Text("Notes"));
        Assert.Equal(etag, etagAfter);
        var messages = await Admin.LeadMessagesAsync(lead.Id());
        Assert.Equal(LeadMessages.MaxPerLeadPerDay, messages.Count);
        Assert.All(messages, m => Assert.Equal(flood, m!["message"]!.GetValue<string>()));
        Assert.Equal(LeadMessages.MaxPerLeadPerDay, (await Admin.HistoryAsync(lead.Id())).Count(e => e == "LeadCapturedAgain"));
        Assert.Equal(1, await Admin.LeadCountAsync());
        // Staff's next save, made from what they read before the flood, is not refused as stale.
        using var save = await Admin.PutJsonAsync($"api/leads/{lead.Id()}", lead.DeepClone(), etag);
        await save.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_exactly_like_a_stored_capture_and_stores_nothing()
    {
        using var person = await Anonymous.CaptureAsync(new { name = "Ada", email = "ada@example.com" });
        using var bot = await Anonymous.CaptureAsync(new { name = "Buy pills", email = "bot@example.com", website = "http://spam.example" });
        using var sloppyBot = await Anonymous.CaptureAsync(new { name = "Buy pills", email = "bot@", website = "http://spam.example" });

        Assert.Equal(await SeenAsync(person), await SeenAsync(bot));
        // A bad field of its own is named as for anyone; the honeypot never is.
        await sloppyBot.AssertFieldsAsync(HttpStatusCode.BadRequest, "email");
        Assert.Equal(0, await Admin.LeadCountOfAsync("bot@"));
        Assert.Equal(1, await Admin.LeadCountAsync());
    }

    [Fact]
    public async Task A_capture_body_over_16_KB_is_refused_with_413_whether_or_not_it_declares_its_length()
    {
        var large = $$"""{"name": "Eve", "email": "eve@example.com", "message": "{{new string('x', 40_000)}}"}""";

        using var declared = await PostRawAsync(large);
        using var chunked = await PostRawAsync(large, chunked: true);
        // The largest valid capture still fits: 4,000 characters of three bytes each.
        using var largestValid = await PostRawAsync($$"""{"name": "Ada", "email": "ada@example.com", "message": "{{new string('€', LeadCaptureService.MaxMessageLength)}}"}""");

        Assert.Contains("16,384 bytes", (await declared.AssertFieldsAsync(HttpStatusCode.RequestEntityTooLarge, "body")).Error("body"));
        // A body that announces 20 MB and never comes is answered at once: nothing waited to read it first.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await Host.PostEndlessCaptureAsync());
        await chunked.AssertFieldsAsync(HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(HttpStatusCode.Accepted, largestValid.StatusCode);
        Assert.Equal(0, await Admin.LeadCountOfAsync("eve@example.com"));
        Assert.Equal(new string('€', LeadCaptureService.MaxMessageLength), (await Admin.GetLeadAsync(await Admin.LeadIdOfAsync("ada@example.com"))).Lead.Text("Notes"));
    }

    [Fact]
    public async Task A_capture_body_that_is_not_utf8_json_is_refused_naming_the_body()
    {
        using var latin1 = await Anonymous.PostAsync("api/leads/capture",
            new ByteArrayContent([.. "{\"name\": \"Ren"u8, 0xE9, .. "\", \"email\": \"r@example.com\"}"u8]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        using var text = await Anonymous.PostAsync("api/leads/capture", new StringContent("name=Eve", Encoding.UTF8, "text/plain"));

        Assert.Contains("UTF-8", (await latin1.AssertFieldsAsync(HttpStatusCode.BadRequest, "body")).Error("body"));
        // Routing refuses a body that is not JSON before the endpoint runs (the endpoint declares application/json).
        Assert.True(text.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError, $"{(int)text.StatusCode}");
        Assert.Equal(0, await Admin.LeadCountAsync());
    }
}

public sealed class SqliteLeadCaptureAbuseHttpTests() : LeadCaptureAbuseHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadCaptureAbuseHttpTests() : LeadCaptureAbuseHttpTests(DatabaseProvider.Postgres);

/// <summary>The capture limit per client address, with a limit of 3 a minute.</summary>
public abstract class LeadCaptureRateLimitHttpTests(DatabaseProvider provider)
    : SetUpHostTests(provider, configuration: new Dictionary<string, string> { ["ErpCrm:Leads:Capture:PermitLimit"] = "3", ["ErpCrm:Leads:Capture:Window"] = "00:01:00" })
{
    private async Task<HttpClient> UseTheLimitAsync()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        var anonymous = Host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await anonymous.CaptureAcceptedAsync(new { name = $"Lead {i}", email = $"lead{i}@example.com" });
        }
        return anonymous;
    }

    [Fact]
    public async Task Too_many_captures_from_one_address_answer_429_with_retry_after_and_store_nothing_more()
    {
        var anonymous = await UseTheLimitAsync();

        using var fourth = await anonymous.CaptureAsync(new { name = "Lead 4", email = "lead4@example.com" });

        await fourth.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(fourth.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal(3, await Admin.LeadCountAsync());
    }

    [Fact]
    public async Task Past_the_limit_a_capture_is_refused_before_its_body_is_read()
    {
        var anonymous = await UseTheLimitAsync();

        using var broken = await anonymous.PostAsync("api/leads/capture", new StringContent("{name", Encoding.UTF8, "application/json"));
        using var huge = await anonymous.PostAsync("api/leads/capture", new StringContent(new string(' ', 100_000), Encoding.UTF8, "application/json"));

        await broken.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await huge.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    /// <summary>A body that announces 20 MB and never comes, past the limit: 429 at once, nothing waited to read the body first.</summary>
    [Fact]
    public async Task Past_the_limit_a_capture_is_answered_without_waiting_for_a_body_that_never_ends()
    {
        await UseTheLimitAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, await Host.PostEndlessCaptureAsync());
    }
}

public sealed class SqliteLeadCaptureRateLimitHttpTests() : LeadCaptureRateLimitHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadCaptureRateLimitHttpTests() : LeadCaptureRateLimitHttpTests(DatabaseProvider.Postgres);
