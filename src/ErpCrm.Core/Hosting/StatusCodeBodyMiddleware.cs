using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Gives an answer of status 400 to 599 that has no body (a challenge, a refusal, a method not allowed) the body that
/// <see cref="StatusCodePagesOptions.HandleAsync"/> writes — with the host's problem details service, a problem document — as ASP.NET
/// Core's <c>UseStatusCodePages()</c> does, under the same conditions: not where the endpoint skips it
/// (<see cref="ISkipStatusCodePagesMetadata"/>) or the request turned it off (<see cref="IStatusCodePagesFeature"/>), nor once the
/// answer has started, has a length or a content type. Unlike ASP.NET Core's, it does not hand its re-execution path (which this host
/// has none of) to Razor components through <see cref="HttpContext.Items"/>, which created the items of every request for that alone.
/// </summary>
public sealed class StatusCodeBodyMiddleware(RequestDelegate next, IOptions<StatusCodePagesOptions> options)
{
    private readonly StatusCodePagesOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var feature = new StatusCodePagesFeature();
        context.Features.Set<IStatusCodePagesFeature>(feature);
        var endpoint = context.GetEndpoint();
        if (Skips(endpoint))
        {
            feature.Enabled = false;
        }
        // The endpoint is known here only when the request is re-run (by the exception handler); else it is looked at again after.
        var checkEndpointAfter = endpoint is null;
        var answered = next(context);
        if (!answered.IsCompletedSuccessfully)
        {
            return AfterAsync(answered, context, feature, checkEndpointAfter);
        }
        return NeedsBody(context, feature, checkEndpointAfter) ? _options.HandleAsync(new StatusCodeContext(context, _options, next)) : Task.CompletedTask;
    }

    private async Task AfterAsync(Task answered, HttpContext context, StatusCodePagesFeature feature, bool checkEndpointAfter)
    {
        await answered;
        if (NeedsBody(context, feature, checkEndpointAfter))
        {
            await _options.HandleAsync(new StatusCodeContext(context, _options, next));
        }
    }

    private static bool NeedsBody(HttpContext context, StatusCodePagesFeature feature, bool checkEndpointAfter)
    {
        if (!feature.Enabled || (checkEndpointAfter && Skips(context.GetEndpoint())))
        {
            return false;
        }
        var response = context.Response;
        return !response.HasStarted && response.StatusCode is >= 400 and < 600 && !response.ContentLength.HasValue && string.IsNullOrEmpty(response.ContentType);
    }

    private static bool Skips(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ISkipStatusCodePagesMetadata>() is not null;
}
