using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ErpCrm.Http;

/// <summary>
/// A JSON request body read by <see cref="LimitedBodies.ReadJsonAsync"/>: the JSON (null for an empty body or <c>null</c>), or
/// why it was refused — <see cref="Status"/> 413 (too large), 415 (not JSON) or 400 (not UTF-8, or not JSON text), with the
/// reason keyed <c>body</c> in <see cref="Errors"/> — or, for text that breaks <see cref="TextRules"/>, keyed by its JSON path.
/// </summary>
/// <param name="Json">The body's JSON when it was read.</param>
/// <param name="Status">200 when read; otherwise the HTTP status to answer.</param>
/// <param name="Errors">Why it was refused, keyed <c>body</c> or by JSON path; empty when read.</param>
public sealed record LimitedJsonBody(JsonNode? Json, int Status, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>Whether the body was read (then <see cref="Json"/> holds it).</summary>
    public bool IsRead => Status == StatusCodes.Status200OK;
}

/// <summary>
/// Reads request bodies no larger than a limit, never more of them than the limit. An endpoint that anyone may call (a public
/// form) takes its body through <see cref="ReadJsonAsync"/> instead of a bound <c>JsonNode</c> parameter: minimal APIs read and
/// parse a bound body before the handler runs, so neither a rate limit nor a size limit could come first. With this, the
/// handler checks its rate limit, then reads: a declared <c>Content-Length</c> over the limit is refused before a byte is
/// read, and a body without one is read to one byte past the limit at most.
/// </summary>
public static class LimitedBodies
{
    private const string Field = "body";

    /// <summary>The stream's bytes, or null when it holds more than <paramref name="maxBytes"/> (reading no further than that).</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(81920, maxBytes + 1)];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The request's JSON body, at most <paramref name="maxBytes"/> of UTF-8 JSON (<c>Content-Type: application/json</c>); see
    /// <see cref="LimitedJsonBody"/> for what a refusal answers.
    /// </summary>
    public static async Task<LimitedJsonBody> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }
        if (!request.HasJsonContentType())
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON, sent with Content-Type: application/json.");
        }
        // The server stops at the limit too, so a body without a length is not drained past it once the answer is sent.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        byte[]? bytes;
        try
        {
            bytes = await ReadAtMostAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            bytes = null;
        }
        if (bytes is null)
        {
            return TooLarge(maxBytes);
        }
        if (!Utf8.IsValid(bytes))
        {
            return Refused(StatusCodes.Status400BadRequest, "The body is not UTF-8 text: send JSON encoded as UTF-8.");
        }
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new LimitedJsonBody(null, StatusCodes.Status200OK, new Dictionary<string, string>());
        }
        var textErrors = new Dictionary<string, string>();
        JsonBodies.Check(bytes, textErrors);
        if (textErrors.Count > 0)
        {
            return new LimitedJsonBody(null, StatusCodes.Status400BadRequest, textErrors);
        }
        try
        {
            return new LimitedJsonBody(JsonNode.Parse(bytes), StatusCodes.Status200OK, new Dictionary<string, string>());
        }
        catch (JsonException e)
        {
            return Refused(StatusCodes.Status400BadRequest, $"The body must be JSON of the shape this endpoint takes; it is not JSON: {e.Message.Split(" Path:")[0]}");
        }
    }

    private static LimitedJsonBody TooLarge(int maxBytes) => Refused(StatusCodes.Status413PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"The body is larger than {maxBytes:N0} bytes, the most this endpoint reads."));

    private static LimitedJsonBody Refused(int status, string message) => new(null, status, new Dictionary<string, string> { [Field] = message });
}
