using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Makes a creating call safe to retry. When a call sent with an <c>Idempotency-Key</c> header succeeds, its answer
/// is kept for <see cref="Retention"/>; a retry by the same caller with the same key, method, path and body gets that
/// answer again (with <c>Idempotent-Replayed: true</c>) and runs nothing. The same key with another request answers
/// 422. Failed calls are not kept: they may be retried and run again.
/// </summary>
/// <remarks>
/// Invariants: the key's row is written in the transaction of the change it answers, so it exists exactly when the
/// change committed; its primary key (caller, key) makes a concurrent duplicate wait for the first call's transaction
/// and then replay its answer. Add it inside <see cref="UnitOfWorkFilter"/>. Not for answers that must be shown
/// only once, such as a new API token.
/// </remarks>
public sealed class IdempotencyFilter : ErpCrm.Http.IIdempotencyFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private sealed record StoredAnswer
    {
        public string Fingerprint { get; init; } = "";
        public int StatusCode { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public string? Body { get; init; }
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }
        var key = values.ToString().Trim();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [HeaderName] = [$"Send one {HeaderName} of 1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID."],
            });
        }

        var services = http.RequestServices;
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        var userId = services.GetRequiredService<ICurrentActor>().Actor.UserId ?? 0;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var fingerprint = Fingerprint(context);
        var cancellationToken = http.RequestAborted;

        await unitOfWork.ExecuteAsync("DELETE FROM erp_idempotency_keys WHERE created_utc < @expired",
            new { expired = (now - Retention).ToString("O") }, cancellationToken);
        var claimed = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO erp_idempotency_keys (user_id, idempotency_key, fingerprint, status_code, created_utc)
            VALUES (@userId, @key, @fingerprint, 0, @now) ON CONFLICT DO NOTHING
            """,
            new { userId, key, fingerprint, now = now.ToString("O") }, cancellationToken);
        if (claimed == 0)
        {
            return await ReplayAsync(unitOfWork, userId, key, fingerprint, cancellationToken);
        }

        var result = await next(context);
        var executable = result switch
        {
            IResult r => r,
            string text => TypedResults.Text(text),
            null => TypedResults.Ok(),
            _ => TypedResults.Json(result),
        };
        var inner = executable is INestedHttpResult nested ? nested.Result : executable;
        if ((inner as IStatusCodeHttpResult)?.StatusCode is < 200 or > 299)
        {
            return result; // not kept: the unit of work rolls the claim back with the call
        }
        var answer = await CaptureAsync(executable, http);
        await unitOfWork.ExecuteAsync(
            """
            UPDATE erp_idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location, body = @Body
            WHERE user_id = @userId AND idempotency_key = @key
            """,
            new { answer.StatusCode, answer.ContentType, answer.Location, answer.Body, userId, key }, cancellationToken);
        return new StoredResult(answer, replayed: false);
    }

    private static async Task<object?> ReplayAsync(IUnitOfWork unitOfWork, long userId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var stored = await unitOfWork.QuerySingleOrDefaultAsync<StoredAnswer>(
            """
            SELECT fingerprint AS Fingerprint, status_code AS StatusCode, content_type AS ContentType, location AS Location, body AS Body
            FROM erp_idempotency_keys WHERE user_id = @userId AND idempotency_key = @key
            """,
            new { userId, key }, cancellationToken);
        if (stored is null || stored.StatusCode == 0)
        {
            // Only possible when the first call's answer expired at this very moment.
            return TypedResults.Problem(title: "Concurrent request", detail: $"A request with this {HeaderName} is being answered; retry it.",
                statusCode: StatusCodes.Status409Conflict);
        }
        if (stored.Fingerprint != fingerprint)
        {
            return TypedResults.Problem(title: $"{HeaderName} reused",
                detail: $"This {HeaderName} was used for another request in the last {Retention.TotalHours:0} hours: send a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [HeaderName] = ["Used for another request."] } });
        }
        return new StoredResult(stored, replayed: true);
    }

    /// <summary>The caller's method, path and body (as bound, so that spacing does not matter), hashed.</summary>
    /// <summary>
    /// What makes two requests the same request: the method, the path and the body the client sent (the host keeps a JSON body
    /// it checked in memory), as JSON without its layout, so that a retry matches however it is spaced, whatever the endpoint
    /// binds it to. A request without a kept body has none.
    /// </summary>
    private static string Fingerprint(EndpointFilterInvocationContext context)
    {
        var request = context.HttpContext.Request;
        var text = $"{request.Method} {request.PathBase}{request.Path}\n{SentBody(request)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string SentBody(HttpRequest request)
    {
        if (request.Body is not MemoryStream kept)
        {
            return "";
        }
        var bytes = kept.GetBuffer().AsMemory(0, (int)kept.Length);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        }
    }

    /// <summary>Runs the result against a buffer instead of the client: nothing is sent until the unit of work commits.</summary>
    private static async Task<StoredAnswer> CaptureAsync(IResult result, HttpContext http)
    {
        var response = http.Response;
        var client = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
            await response.BodyWriter.FlushAsync(http.RequestAborted);
        }
        finally
        {
            response.Body = client;
        }
        return new StoredAnswer
        {
            StatusCode = response.StatusCode,
            ContentType = response.ContentType,
            Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            Body = Encoding.UTF8.GetString(buffer.ToArray()),
        };
    }

    private sealed class StoredResult(StoredAnswer answer, bool replayed) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => answer.StatusCode;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = answer.StatusCode;
            response.ContentType = answer.ContentType;
            if (answer.Location is not null)
            {
                response.Headers.Location = answer.Location;
            }
            if (replayed)
            {
                response.Headers[ReplayedHeaderName] = "true";
            }
            if (!string.IsNullOrEmpty(answer.Body))
            {
                await response.WriteAsync(answer.Body, httpContext.RequestAborted);
            }
        }
    }
}
