using System.Text;
using ErpCrm.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Puts the host's security headers on every answer — pages, API, static files, problems, errors — just before it starts, so
/// that an error page (whose handler clears the headers) and a static file (answered before routing) carry them too:
/// <list type="bullet">
/// <item><c>Content-Security-Policy</c>: <see cref="ContentSecurityPolicy.BasePolicy"/> with what the endpoint adds, and the
/// request's script nonce when a page asked for one;</item>
/// <item><c>X-Frame-Options: DENY</c> besides <c>frame-ancestors 'none'</c>, for browsers that know only the older header;</item>
/// <item><c>X-Content-Type-Options: nosniff</c>, so that an upload or an API answer is never run as a script or a page;</item>
/// <item><c>Referrer-Policy: same-origin</c>: addresses of the admin (which carry ids and searches) never leave the host.</item>
/// </list>
/// Runs first in the pipeline.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ReferrerPolicy = "same-origin";

    private static readonly string BasePolicy = string.Join("; ", ContentSecurityPolicy.BasePolicy.Select(d => $"{d.Directive} {d.Sources}"));

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy(http);
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static string Policy(HttpContext http)
    {
        var added = http.GetEndpoint()?.Metadata.GetOrderedMetadata<ContentSourcesMetadata>() ?? [];
        // Read without creating the request's items (an API answer has none).
        var nonce = http.Features.Get<IItemsFeature>()?.Items.TryGetValue(ContentSecurityPolicy.NonceItemKey, out var item) == true ? item as string : null;
        if (added.Count == 0 && nonce is null)
        {
            return BasePolicy;
        }
        var policy = new StringBuilder();
        foreach (var (directive, sources) in ContentSecurityPolicy.BasePolicy)
        {
            policy.Append(directive).Append(' ').Append(sources);
            foreach (var more in added.Where(a => a.Directive == directive).SelectMany(a => a.Sources).Distinct())
            {
                policy.Append(' ').Append(more);
            }
            if (directive == "script-src" && nonce is not null)
            {
                policy.Append(" 'nonce-").Append(nonce).Append('\'');
            }
            policy.Append("; ");
        }
        return policy.ToString().TrimEnd(' ', ';');
    }
}
