using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ErpCrm.Testing;

/// <summary>The Leads module's API as tests call it.</summary>
public static class LeadsClient
{
    public const string Feature = "ErpCrm.Leads";

    /// <summary>A Lead item as POST /api/leads takes it; <paramref name="extra"/> adds LeadPart fields as given.</summary>
    public static JsonObject Lead(string contactName, string? email = null, string? company = null, string? stage = null, JsonObject? extra = null)
    {
        var part = new JsonObject { ["ContactName"] = new JsonObject { ["Text"] = contactName } };
        if (email is not null)
        {
            part["Email"] = new JsonObject { ["Email"] = email };
        }
        if (company is not null)
        {
            part["CompanyName"] = new JsonObject { ["Text"] = company };
        }
        if (stage is not null)
        {
            part["Stage"] = new JsonObject { ["Text"] = stage };
        }
        foreach (var (name, value) in extra ?? [])
        {
            part[name] = value?.DeepClone();
        }
        return new JsonObject { ["ContentType"] = "Lead", ["TitlePart"] = new JsonObject { ["Title"] = contactName }, ["LeadPart"] = part };
    }

    /// <summary>POST /api/leads, insisting on 201; the lead and its ETag.</summary>
    public static async Task<(JsonNode Lead, string ETag)> CreateLeadAsync(this HttpClient client, JsonObject lead)
    {
        using var response = await client.PostAsync("api/leads", ContentClient.Json(lead));
        return (JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.Created)).GetRawText())!, response.Headers.ETag!.Tag);
    }

    /// <summary>GET /api/leads/{id}, insisting on 200; the lead and its ETag.</summary>
    public static async Task<(JsonNode Lead, string ETag)> GetLeadAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"api/leads/{id}");
        return (JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!, response.Headers.ETag!.Tag);
    }

    /// <summary>POST /api/leads/capture with a JSON body, as sent.</summary>
    public static Task<HttpResponseMessage> CaptureAsync(this HttpClient client, object body) => client.PostAsJsonAsync("api/leads/capture", body);

    /// <summary>The one answer of every accepted capture, whatever it did.</summary>
    public const string CaptureAnswer = """{"status":"received"}""";

    /// <summary>A capture that must be accepted: 202 with <see cref="CaptureAnswer"/>, naming no lead and no contact (no Location).</summary>
    public static async Task CaptureAcceptedAsync(this HttpClient client, object body)
    {
        using var response = await client.CaptureAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        Assert.Equal(CaptureAnswer, text);
        Assert.Null(response.Headers.Location);
    }

    /// <summary>The id of the newest lead with this email (as staff find it: the capture answer does not say), insisting there is one.</summary>
    public static async Task<string> LeadIdOfAsync(this HttpClient admin, string email) =>
        (await admin.ListLeadsAsync($"q={Uri.EscapeDataString(email)}&sort=-created"))["items"]!.AsArray().First()!.Id();

    /// <summary>How many leads have this email.</summary>
    public static async Task<long> LeadCountOfAsync(this HttpClient admin, string email) =>
        (await admin.ListLeadsAsync($"q={Uri.EscapeDataString(email)}"))["total"]!.GetValue<long>();

    /// <summary>GET /api/leads/{id}/messages, insisting on 200: what visitors sent about the lead since, newest first.</summary>
    public static async Task<JsonArray> LeadMessagesAsync(this HttpClient admin, string id) =>
        JsonNode.Parse((await (await admin.GetAsync($"api/leads/{id}/messages")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsArray();

    /// <summary>POST a JSON body to a path, as sent.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    /// <summary>PUT a JSON body to a path, as sent.</summary>
    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, JsonNode body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = ContentClient.Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    /// <summary>GET /api/leads with the query, insisting on 200; the page.</summary>
    public static async Task<JsonNode> ListLeadsAsync(this HttpClient client, string query = "") =>
        JsonNode.Parse((await (await client.GetAsync("api/leads" + (query.Length > 0 ? "?" + query : ""))).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;

    /// <summary>How many leads the tenant has.</summary>
    public static async Task<long> LeadCountAsync(this HttpClient client) => (await client.ListLeadsAsync())["total"]!.GetValue<long>();

    /// <summary>The events of a lead's history, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> HistoryAsync(this HttpClient client, string id) =>
        JsonNode.Parse((await (await client.GetAsync($"api/leads/{id}/history")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsArray()
            .Select(e => e!["event"]!.GetValue<string>()).ToList();

    /// <summary>A LeadPart field's stored value (Text, Value, Email…: the property named).</summary>
    public static JsonNode? Field(this JsonNode lead, string field, string property = "Text") => lead["LeadPart"]?[field]?[property];

    public static string? Text(this JsonNode lead, string field) => lead.Field(field)?.GetValue<string>();

    public static string? FirstId(this JsonNode lead, string field, string property = "ContentItemIds") =>
        lead["LeadPart"]?[field]?[property] is JsonArray { Count: > 0 } ids ? ids[0]!.GetValue<string>() : null;
}

/// <summary>The Contacts API as the leads tests need it.</summary>
public static class ContactsTestClient
{
    /// <summary>POST /api/contacts, insisting on 201; the new contact's id.</summary>
    public static async Task<string> CreateContactIdAsync(this HttpClient client, JsonObject contact) =>
        (await ContactsClient.CreateContactAsync(client, contact)).Id();

    /// <summary>How many contacts the tenant has.</summary>
    public static async Task<long> ListContactsTotalAsync(this HttpClient client) =>
        JsonNode.Parse((await (await client.GetAsync("api/contacts")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["total"]!.GetValue<long>();

    /// <summary>
    /// Sends, over a socket of its own, the headers of a JSON POST that announces 20 MB, then its first byte and nothing more, and
    /// reads the status line of the answer; fails when none comes within 15 seconds.
    /// </summary>
    public static async Task<HttpStatusCode> PostEndlessCaptureAsync(this TestHost host)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/leads/capture HTTP/1.1\r\nHost: {host.HostHeader}\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, waited.Token);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        return (HttpStatusCode)int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
