using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ErpCrm.Testing;

/// <summary>The identity API (users, roles, tokens, audit) as tests call it, and clients of other users than the admin.</summary>
public static class IdentityClient
{
    /// <summary>The signed-in caller's user id (GET /api/me), as UserPicker fields hold it.</summary>
    public static async Task<string> MyIdAsync(this HttpClient client) =>
        (await (await client.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A client that sends <paramref name="token"/>; redirects are shown as answered when <paramref name="followRedirects"/> is false.</summary>
    public static HttpClient ClientWithToken(this TestHost host, string token, bool followRedirects = true)
    {
        var client = host.CreateClient(followRedirects: followRedirects);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user of the host's tenant with the given roles (none: no permission at all) and returns a client with their token.</summary>
    public static async Task<HttpClient> ClientOfNewUserAsync(this TestHost host, string userName, params string[] roles) =>
        host.ClientWithToken(await host.CreateUserWithTokenAsync(host.Tenant, userName, roles));

    /// <summary>POST /api/roles, insisting on 201: for arranging a test.</summary>
    public static async Task CreateRoleAsync(this HttpClient admin, string name, params string[] permissions) =>
        await (await admin.PostAsJsonAsync("api/roles", new { name, description = "", permissions })).ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>POST /api/users with a valid password, insisting on 201; returns the user as answered.</summary>
    public static async Task<JsonElement> CreateUserAsync(this HttpClient admin, string userName, params string[] roles) =>
        await (await admin.PostAsJsonAsync("api/users", NewUser(userName, roles))).ReadJsonAsync(HttpStatusCode.Created);

    public static object NewUser(string userName, params string[] roles) =>
        new { userName, email = userName + "@example.com", displayName = userName.ToUpperInvariant(), password = "Secret-pass-1", roles };

    /// <summary>Checks the status and returns the JSON body.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Checks that the answer is a problem with this status naming exactly <paramref name="fields"/> under "errors"; returns it.</summary>
    public static async Task<JsonElement> AssertFieldsAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var problem = await response.AssertProblemAsync(status);
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        return problem;
    }

    /// <summary>The first message the problem has for <paramref name="field"/>.</summary>
    public static string Error(this JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    /// <summary>GET /api/audit with the query, insisting on 200; the entries, newest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> GetAuditAsync(this HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync("api/audit?pageSize=500" + (query.Length > 0 ? "&" + query : ""))).ReadJsonAsync(HttpStatusCode.OK);
        return page.GetProperty("entries").EnumerateArray().ToList();
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
