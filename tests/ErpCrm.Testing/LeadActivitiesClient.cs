using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ErpCrm.Testing;

/// <summary>Lead activities, the leads report and the caller's id, as tests call them.</summary>
public static class LeadActivitiesClient
{
    /// <summary>POST /api/leads/{id}/activities, insisting on 201; the activity.</summary>
    public static async Task<JsonElement> ScheduleActivityAsync(this HttpClient client, string leadId, object activity) =>
        await (await client.PostAsJsonAsync($"api/leads/{leadId}/activities", activity)).ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>GET /api/leads/{id}/activities, insisting on 200.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ActivitiesAsync(this HttpClient client, string leadId) =>
        (await (await client.GetAsync($"api/leads/{leadId}/activities")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();

    /// <summary>GET /api/leads/activities/mine with <c>due</c> (empty for all), insisting on 200.</summary>
    public static async Task<JsonElement> MineAsync(this HttpClient client, string due) =>
        await (await client.GetAsync("api/leads/activities/mine" + (due.Length > 0 ? "?due=" + due : ""))).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>GET /api/leads/report with the query, insisting on 200.</summary>
    public static async Task<JsonElement> LeadReportAsync(this HttpClient client, string query = "") =>
        await (await client.GetAsync("api/leads/report" + (query.Length > 0 ? "?" + query : ""))).ReadJsonAsync(HttpStatusCode.OK);
}
