using System.Security.Claims;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Cross-site request forgery protection for everything the sign-in cookie authenticates, in one place for every endpoint of
/// the kernel, its modules and plugins, API and pages alike. The browser sends the cookie on its own, so a page of another site
/// could make a signed-in user's browser post to the API (a <c>text/plain</c> body or no body at all needs no CORS preflight);
/// SameSite=Lax is the only other guard, and it does not hold for a sibling site or an old browser. Therefore a POST, PUT,
/// PATCH or DELETE that the cookie authenticates must carry the antiforgery token — a form's hidden field, or the header
/// <see cref="AntiforgeryHeader.Name"/> — whatever its content type; else it answers 400 and nothing runs.
/// Not checked: bearer-token calls (no browser sends <c>Authorization</c> by itself) and requests without a valid cookie (they
/// are anonymous). An endpoint open to anonymous callers (a public capture form) is not refused: the request runs as anonymous
/// instead, so that a forged request cannot act as the user there either.
/// Runs after authentication and authorization, so that a caller who may not call the endpoint gets its 401 or 403 first.
/// </summary>
public sealed class CookieForgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method)
            || context.User.Identity is not { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme })
        {
            // Nothing to check (most requests): on at once, without a state machine.
            return next(context);
        }
        return CheckAsync(context);
    }

    private async Task CheckAsync(HttpContext context)
    {
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(context);
        }
        catch (Exception e) when ((e as InvalidDataException ?? e.InnerException as InvalidDataException) is { } unreadable)
        {
            // A form body that does not read (a NUL in a value, past the form limits) holds no token; say what is wrong with it.
            await RequestTextMiddleware.UnreadableForm(unreadable).ExecuteAsync(context);
            return;
        }
        if (valid)
        {
            await next(context);
            return;
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            await next(context);
            return;
        }
        await AntiforgeryProblems.For(context).ExecuteAsync(context);
    }
}

/// <summary>What a request refused for a missing or stale antiforgery token answers: 400 problem details that name the token.</summary>
public static class AntiforgeryProblems
{
    public const string FormTitle = "Invalid form";
    public const string ApiTitle = "Missing antiforgery token";

    /// <summary>The answer for the request: the API's names the header, a page's asks to reload the form.</summary>
    public static IResult For(HttpContext context) => context.Request.Path.StartsWithSegments("/api") ? Api(context) : Form();

    /// <summary>A form of a page posted without its token (or with a stale one).</summary>
    public static IResult Form() => Results.Problem(title: FormTitle,
        detail: "The form's anti-forgery token is missing or stale: reload the page and submit again.",
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["__RequestVerificationToken"] = ["Reload the page and submit again."] } });

    private static IResult Api(HttpContext context)
    {
        var message = context.Request.Headers.ContainsKey(AntiforgeryHeader.Name)
            ? $"The {AntiforgeryHeader.Name} header is stale or not this user's: read it again from the page (meta {AntiforgeryHeader.MetaName})."
            : $"A request signed in by the sign-in cookie that changes something must send the antiforgery token in the {AntiforgeryHeader.Name} header "
              + $"(the admin's pages hold it in <meta name=\"{AntiforgeryHeader.MetaName}\">); API clients authenticate with 'Authorization: Bearer <token>' instead.";
        return Results.ValidationProblem(new Dictionary<string, string[]> { [AntiforgeryHeader.Name] = [message] },
            detail: message, title: ApiTitle, statusCode: StatusCodes.Status400BadRequest);
    }
}
