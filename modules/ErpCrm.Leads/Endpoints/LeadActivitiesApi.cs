using System.Text.Json.Nodes;
using ErpCrm.Http;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ErpCrm.Leads.Endpoints;

/// <summary>
/// Activities scheduled on leads (<see cref="LeadActivityService"/>) and the leads report (<see cref="LeadReportService"/>) over HTTP:
/// ViewLeads reads, ManageLeads schedules, marks done and deletes.
/// </summary>
public static class LeadActivitiesApi
{
    /// <summary>The caller's open activities, and the tenant's today they were reckoned against.</summary>
    public sealed record MineDto(string Today, IReadOnlyList<LeadActivity> Items);

    public static void MapLeadActivitiesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/leads").WithTags(LeadsApi.Tag);
        api.MapGet("/{id}/activities", ListAsync).RequirePermission(Permissions.ViewLeads).WithName("ListLeadActivities").WithSummary("The activities scheduled on a lead");
        api.MapPost("/{id}/activities", ScheduleAsync).RequirePermission(Permissions.ManageLeads).WithName("ScheduleLeadActivity")
            .WithSummary("Schedules a call, email, meeting or task on a lead").Accepts<LeadActivityInput>("application/json");
        api.MapGet("/activities/mine", MineAsync).RequirePermission(Permissions.ViewLeads).WithName("ListMyLeadActivities")
            .WithSummary("The caller's open activities, each overdue, today or upcoming")
            .WithQuery("due", "Only the activities due so (by the tenant's day).", ApiValueType.String, false, "overdue", "today", "upcoming");
        api.MapPost("/activities/{activityId:long}/done", DoneAsync).RequirePermission(Permissions.ManageLeads).WithName("CompleteLeadActivity")
            .WithSummary("Marks an activity done (idempotent)").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/activities/{activityId:long}", DeleteAsync).RequirePermission(Permissions.ManageLeads).WithName("DeleteLeadActivity")
            .WithSummary("Deletes an open activity (409 for a done one)").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/report", ReportAsync).RequirePermission(Permissions.ViewLeads).WithName("GetLeadReport")
            .WithSummary("Open leads per stage, and won, lost and converted over a period")
            .WithQuery("from", "The first day of the period (the last 30 days by default).", ApiValueType.Date)
            .WithQuery("to", "The last day of the period.", ApiValueType.Date);
    }

    private static async Task<Results<Ok<IReadOnlyList<LeadActivity>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, LeadActivityService activities, CancellationToken ct) =>
        ApiResults.Answer(await activities.ListAsync(id, ct), list => TypedResults.Ok(list));

    private static async Task<Results<Created<LeadActivity>, ValidationProblem, ProblemHttpResult>> ScheduleAsync(
        string id, JsonNode? body, HttpContext http, LeadActivityService activities, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (LeadJson.Read<LeadActivityInput>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await activities.ScheduleAsync(id, input, ct),
            activity => TypedResults.Created($"{http.Request.PathBase}/api/leads/{Uri.EscapeDataString(id)}/activities", activity));
    }

    private static async Task<Results<Ok<LeadActivity>, ValidationProblem, ProblemHttpResult>> DoneAsync(
        long activityId, LeadActivityService activities, CancellationToken ct) =>
        ApiResults.Answer(await activities.MarkDoneAsync(activityId, ct), activity => TypedResults.Ok(activity));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        long activityId, LeadActivityService activities, CancellationToken ct) =>
        ApiResults.Answer(await activities.DeleteAsync(activityId, ct), _ => TypedResults.NoContent());

    private static async Task<Results<Ok<MineDto>, ValidationProblem, ProblemHttpResult>> MineAsync(
        HttpContext http, ICurrentActor actor, LeadActivityService activities, CancellationToken ct)
    {
        var due = http.Request.Query["due"].ToString().Trim().ToLowerInvariant();
        if (due.Length > 0 && !LeadActivityDue.Open.Contains(due))
        {
            return ApiResults.Invalid(new Dictionary<string, string> { ["due"] = $"due is one of {string.Join(", ", LeadActivityDue.Open)} (or left out for all)." });
        }
        if (actor.Actor.UserKey is not { } caller)
        {
            return ApiResults.Problem(Result.Forbidden("Only a signed-in user has activities."));
        }
        var (today, items) = await activities.MineAsync(caller, due.Length == 0 ? null : due, ct);
        return TypedResults.Ok(new MineDto(LeadActivityService.Text(today), items));
    }

    private static async Task<Results<Ok<LeadReport>, ValidationProblem>> ReportAsync(HttpContext http, LeadReportService reports, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var period = await reports.PeriodAsync(http.Request.Query["from"], http.Request.Query["to"], errors, ct);
        return period is { } p ? TypedResults.Ok(await reports.ReportAsync(p.From, p.To, ct)) : ApiResults.Invalid(errors);
    }
}
