using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Testing;

/// <summary>A tenant's features as GET /api/features shows them.</summary>
public sealed record FeatureState(long Serial, IReadOnlySet<string> Enabled);

/// <summary>What tests do over HTTP again and again: read and switch features, read answers as a client would.</summary>
public static class ApiClient
{
    public static async Task<FeatureState> GetFeatureStateAsync(this HttpClient admin)
    {
        var response = await admin.GetAsync("api/features");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var serial = body.GetProperty("serial").GetInt64();
        Assert.Equal($"\"{serial}\"", response.Headers.ETag?.Tag);
        var enabled = body.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("enabled").GetBoolean())
            .Select(f => f.GetProperty("id").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        return new FeatureState(serial, enabled);
    }

    /// <summary>GETs a picker's lookup (<paramref name="path"/> with its <c>?q=</c>) and insists on 200: its items as (id, label, detail).</summary>
    public static async Task<IReadOnlyList<(string Id, string Label, string? Detail)>> LookupAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("label").GetString()!, i.GetProperty("detail").GetString())).ToList();
    }

    /// <summary>POST /api/features/{id}/enable or /disable, as sent: the answer is the caller's to check.</summary>
    public static Task<HttpResponseMessage> PostFeatureChangeAsync(this HttpClient admin, string featureId, bool enable, bool force = false, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/features/{Uri.EscapeDataString(featureId)}/{(enable ? "enable" : "disable")}{(force ? "?force=true" : "")}");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return admin.SendAsync(request);
    }

    /// <summary>Enables the features (with whatever else must change) and insists that it worked: for arranging a test.</summary>
    public static Task EnableFeaturesAsync(this HttpClient admin, params string[] featureIds) => ChangeFeaturesAsync(admin, enable: true, featureIds);

    /// <summary>Disables the features (with whatever else must change) and insists that it worked: for arranging a test.</summary>
    public static Task DisableFeaturesAsync(this HttpClient admin, params string[] featureIds) => ChangeFeaturesAsync(admin, enable: false, featureIds);

    private static async Task ChangeFeaturesAsync(HttpClient admin, bool enable, string[] featureIds)
    {
        foreach (var id in featureIds)
        {
            var response = await admin.PostFeatureChangeAsync(id, enable, force: true);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(enable ? "Enabling" : "Disabling")} {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Turns on every feature that can be turned on, so that every feature-gated endpoint answers instead of 404.</summary>
    public static async Task EnableEveryFeatureAsync(this TestHost host, HttpClient admin)
    {
        var list = await (await admin.GetAsync("api/features")).ReadJsonAsync(HttpStatusCode.OK);
        var switchable = list.GetProperty("features").EnumerateArray()
            .Where(f => !f.GetProperty("enabled").GetBoolean() && !f.GetProperty("enabledByDependencyOnly").GetBoolean() && !f.GetProperty("autoEnable").GetBoolean())
            .Select(f => f.GetProperty("id").GetString()!)
            .ToArray();
        await admin.EnableFeaturesAsync(switchable);
        var state = await admin.GetFeatureStateAsync();
        var required = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<RequiresFeaturesMetadata>()).SelectMany(m => m.FeatureIds).Distinct();
        Assert.Subset(state.Enabled.ToHashSet(), required.ToHashSet());
    }

    /// <summary>The status a GET of <paramref name="path"/> answers.</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>Checks that the answer is an RFC 9457 problem with this status (and title, when given), and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? title = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (title is not null)
        {
            Assert.Equal(title, problem.GetProperty("title").GetString());
        }
        return problem;
    }

    public static IReadOnlyList<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
