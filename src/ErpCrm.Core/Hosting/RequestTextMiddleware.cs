using ErpCrm.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Holds the text of every request to <see cref="TextRules"/> before its endpoint runs, so that no module meets a lone surrogate, bytes that
/// are not UTF-8, a control character or a JSON object naming a property twice, whichever way it reads its input: route values, the query
/// string, a JSON body (<see cref="JsonBodies.Check"/>; the endpoint then reads the same bytes from memory) and the fields of a form (not
/// its files, whose content is the endpoint's to judge). Anything wrong answers 400 with a validation problem naming each field. Runs after
/// authorization, so that only a caller allowed to reach the endpoint has its body read; the body is bounded by the request size limit
/// (a larger one answers 413). An endpoint that must limit its callers before any of its body is read (a public form) says so with
/// <see cref="OwnBodyEndpoints.ReadsOwnBody"/> and reads it through a reader that applies the same rules.
/// </summary>
public sealed class RequestTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return next(context);
        }
        var request = context.Request;
        Dictionary<string, string>? errors = null;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && TextRules.Problem(text) is { } problem)
            {
                (errors ??= [])[name] = $"{name} {problem}";
            }
        }
        if (request.QueryString.HasValue)
        {
            Check(request.Query, "query parameter", ref errors);
        }
        // A request without a Content-Type has neither a JSON nor a form body to read: it goes on at once, without a state machine.
        // An endpoint that reads its body itself does so after its own limits, through a reader that applies the same rules.
        if (string.IsNullOrEmpty(request.ContentType) || EndpointTraits.Of(endpoint).ReadsOwnBody)
        {
            return errors is null ? next(context) : ApiResults.Invalid(errors).ExecuteAsync(context);
        }
        return CheckBodyAsync(context, errors ?? []);
    }

    private async Task CheckBodyAsync(HttpContext context, Dictionary<string, string> errors)
    {
        var request = context.Request;
        if (request.HasJsonContentType() && request.ContentLength != 0)
        {
            var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            body.Position = 0;
            request.Body = body;
            JsonBodies.Check(body.GetBuffer().AsSpan(0, (int)body.Length), errors);
        }
        else if (request.HasFormContentType)
        {
            // Kept readable, for an endpoint that reads the body itself whatever its type says.
            request.EnableBuffering();
            try
            {
                Dictionary<string, string>? formErrors = errors;
                Check(await request.ReadFormAsync(context.RequestAborted), "form field", ref formErrors);
            }
            catch (InvalidDataException e)
            {
                await UnreadableForm(e).ExecuteAsync(context);
                return;
            }
            request.Body.Position = 0;
        }
        if (errors.Count > 0)
        {
            await ApiResults.Invalid(errors).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>What a form body that does not read answers (ASP.NET's reader refuses a NUL in a value, or a form past its limits): 400 naming the body.</summary>
    public static IResult UnreadableForm(InvalidDataException e) =>
        ApiResults.Invalid(new Dictionary<string, string> { ["body"] = $"The form could not be read: {e.Message}" });

    private static void Check(IEnumerable<KeyValuePair<string, StringValues>> values, string kind, ref Dictionary<string, string>? errors)
    {
        foreach (var (name, texts) in values)
        {
            if (TextRules.Problem(name) is { } nameProblem)
            {
                (errors ??= [])[kind == "form field" ? "body" : "query"] = $"The name of a {kind} {nameProblem}";
                continue;
            }
            foreach (var text in texts)
            {
                if (text is not null && TextRules.Problem(text) is { } problem)
                {
                    (errors ??= [])[name] = $"{name} {problem}";
                    break;
                }
            }
        }
    }
}
