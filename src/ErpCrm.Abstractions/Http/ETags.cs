using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Http;

/// <summary>
/// Optimistic concurrency over HTTP, the same for the kernel's API and modules' APIs: an answer about a versioned resource
/// carries its version (or revision) as <c>ETag</c>, and a write names the version it read in <c>If-Match</c>.
/// </summary>
public static class ETags
{
    /// <summary>Sets the <c>ETag</c> of a versioned resource, e.g. <c>"3"</c>.</summary>
    public static void SetETag(HttpContext http, long version) =>
        http.Response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version <c>If-Match</c> names; null when there is none or it is '*'. A malformed one adds an error keyed <c>If-Match</c>.</summary>
    public static long? ReadIfMatch(HttpContext http, IDictionary<string, string> errors)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch is "" or "*")
        {
            return null;
        }
        var tag = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && long.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        errors["If-Match"] = "If-Match must be the ETag of a GET of this resource, e.g. \"3\".";
        return null;
    }
}
