using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>The tenant's features over HTTP: list, enable, disable.</summary>
internal static class FeaturesApi
{
    public sealed record FeatureDto(
        string Id, string Name, string Description, string Category, string Module, bool Enabled,
        IReadOnlyList<string> Dependencies, bool IsAlwaysEnabled, bool EnabledByDependencyOnly, bool AutoEnable, bool DefaultTenantOnly);

    public sealed record FeatureListDto(long Serial, IReadOnlyList<FeatureDto> Features);

    public sealed record FeatureChangeDto(long Serial, IReadOnlyList<string> Enabled, IReadOnlyList<string> Disabled);

    public static void MapFeaturesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup("/api/features", KernelPermissions.ManageFeatures, "Features");
        api.MapGet("", ListAsync).WithName("ListFeatures").WithSummary("The tenant's features and the state's serial (also as ETag)");
        api.MapPost("/{id}/enable", (string id, bool? force, HttpContext http, FeatureManager manager, CancellationToken ct) =>
            ChangeAsync(manager.EnableAsync, id, force, http, ct))
            .WithIfMatch().WithName("EnableFeature").WithSummary("Enables a feature and its dependencies (409 listing them unless force=true)");
        api.MapPost("/{id}/disable", (string id, bool? force, HttpContext http, FeatureManager manager, CancellationToken ct) =>
            ChangeAsync(manager.DisableAsync, id, force, http, ct))
            .WithIfMatch().WithName("DisableFeature").WithSummary("Disables a feature and its dependents (409 listing them unless force=true)");
    }

    private static async Task<Ok<FeatureListDto>> ListAsync(HttpContext http, FeatureManager manager, ModuleCatalog catalog, CancellationToken ct)
    {
        var state = await manager.ReadAsync(ct);
        http.Response.Headers.ETag = $"\"{state.Serial}\"";
        return TypedResults.Ok(new FeatureListDto(state.Serial, catalog.FeaturesInDependencyOrder
            .OrderBy(f => f.Category, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => ToDto(f, state.Enabled.Contains(f.Id)))
            .ToList()));
    }

    private static async Task<Results<Ok<FeatureChangeDto>, ProblemHttpResult>> ChangeAsync(
        Func<IReadOnlyList<string>, bool, long?, CancellationToken, Task<FeatureChangeResult>> change,
        string id, bool? force, HttpContext http, CancellationToken ct)
    {
        long? expected = null;
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length > 0 && ifMatch != "*")
        {
            if (!long.TryParse(ifMatch.Trim('"'), out var serial))
            {
                return TypedResults.Problem(title: "Invalid If-Match", detail: "If-Match must be the ETag of GET /api/features, e.g. \"12\".", statusCode: StatusCodes.Status400BadRequest);
            }
            expected = serial;
        }

        var result = await change([id], force ?? false, expected, ct);
        var enable = result.Plan.ToEnable.Select(f => f.Id).ToList();
        var disable = result.Plan.ToDisable.Select(f => f.Id).ToList();
        switch (result.Status)
        {
            case FeatureChangeStatus.Applied:
                http.Response.Headers.ETag = $"\"{result.Serial}\"";
                return TypedResults.Ok(new FeatureChangeDto(result.Serial, enable, disable));
            case FeatureChangeStatus.NeedsConfirmation:
                return TypedResults.Problem(
                    title: "More features would change",
                    detail: $"Changing '{id}' also changes: {string.Join(", ", result.Plan.Additional.Select(f => f.Id))}. Repeat with ?force=true to go ahead.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["enable"] = enable, ["disable"] = disable, ["serial"] = result.Serial });
            case FeatureChangeStatus.Conflict:
                return TypedResults.Problem(
                    title: "Concurrent change",
                    detail: "The tenant's features were changed by someone else meanwhile. Reload them and try again.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["serial"] = result.Serial });
            default:
                var unknown = result.Errors.All(e => e.StartsWith("Unknown feature", StringComparison.Ordinal));
                return TypedResults.Problem(
                    title: unknown ? "Unknown feature" : "Feature cannot be changed",
                    detail: string.Join(" ", result.Errors),
                    statusCode: unknown ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["id"] = result.Errors.ToArray() } });
        }
    }

    internal static FeatureDto ToDto(FeatureDescriptor f, bool enabled) =>
        new(f.Id, f.Name, f.Description, f.Category, f.ModuleId, enabled, f.Dependencies, f.IsAlwaysEnabled, f.EnabledByDependencyOnly, f.AutoEnable, f.DefaultTenantOnly);
}
