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
/// The pipeline's configuration over HTTP (ManagePipeline): each list is read and replaced whole, in the same JSON as the
/// <c>PipelineStages</c>, <c>LeadScoringRules</c> and <c>LeadAssignmentRules</c> recipe steps.
/// </summary>
public static class PipelineApi
{
    /// <summary>The stages, and on a PUT where the leads of stages left out go.</summary>
    public sealed record StagesDto(IReadOnlyList<PipelineStageInput?>? Stages, IReadOnlyDictionary<string, string>? MoveLeads = null);

    public sealed record ScoringRulesDto(IReadOnlyList<ScoringRule?>? Rules);

    public sealed record AssignmentRulesDto(IReadOnlyList<AssignmentRule?>? Rules);

    public static void MapPipelineApi(this IEndpointRouteBuilder endpoints)
    {
        var leads = endpoints.MapGroup("/api/leads").WithTags("Leads");
        leads.MapGet("/stages", async (PipelineStageService stages, CancellationToken ct) => TypedResults.Ok(new { stages = await stages.ListAsync(ct) }))
            .RequirePermission(Permissions.ManagePipeline).WithName("ListPipelineStages").WithSummary("The pipeline's stages, in order");
        leads.MapPut("/stages", ReplaceStagesAsync).RequirePermission(Permissions.ManagePipeline).WithName("ReplacePipelineStages")
            .WithSummary("Replaces the stages whole (moveLeads says where the leads of removed stages go)").Accepts<StagesDto>("application/json");
        leads.MapGet("/scoring-rules", async (LeadRuleService rules, CancellationToken ct) => TypedResults.Ok(new { rules = await rules.ScoringRulesAsync(ct) }))
            .RequirePermission(Permissions.ManagePipeline).WithName("ListScoringRules").WithSummary("The lead scoring rules");
        leads.MapPut("/scoring-rules", ReplaceScoringAsync).RequirePermission(Permissions.ManagePipeline).WithName("ReplaceScoringRules")
            .WithSummary("Replaces the scoring rules whole").Accepts<ScoringRulesDto>("application/json");
        leads.MapGet("/assignment-rules", async (LeadRuleService rules, CancellationToken ct) => TypedResults.Ok(new { rules = await rules.AssignmentRulesAsync(ct) }))
            .RequirePermission(Permissions.ManagePipeline).WithName("ListAssignmentRules").WithSummary("The lead assignment rules");
        leads.MapPut("/assignment-rules", ReplaceAssignmentAsync).RequirePermission(Permissions.ManagePipeline).WithName("ReplaceAssignmentRules")
            .WithSummary("Replaces the assignment rules whole").Accepts<AssignmentRulesDto>("application/json");
    }

    private static async Task<Results<Ok<object>, ValidationProblem, ProblemHttpResult>> ReplaceStagesAsync(
        JsonNode? body, PipelineStageService stages, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        return LeadJson.Read<StagesDto>(body, "", errors) is { } request
            ? ApiResults.Answer(await stages.ReplaceAsync(request.Stages, request.MoveLeads, ct), list => TypedResults.Ok<object>(new { stages = list }))
            : ApiResults.Invalid(errors);
    }

    private static async Task<Results<Ok<object>, ValidationProblem, ProblemHttpResult>> ReplaceScoringAsync(
        JsonNode? body, LeadRuleService rules, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        return LeadJson.Read<ScoringRulesDto>(body, "", errors) is { } request
            ? ApiResults.Answer(await rules.ReplaceScoringAsync(request.Rules, ct), list => TypedResults.Ok<object>(new { rules = list }))
            : ApiResults.Invalid(errors);
    }

    private static async Task<Results<Ok<object>, ValidationProblem, ProblemHttpResult>> ReplaceAssignmentAsync(
        JsonNode? body, LeadRuleService rules, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        return LeadJson.Read<AssignmentRulesDto>(body, "", errors) is { } request
            ? ApiResults.Answer(await rules.ReplaceAssignmentAsync(request.Rules, ct), list => TypedResults.Ok<object>(new { rules = list }))
            : ApiResults.Invalid(errors);
    }
}
