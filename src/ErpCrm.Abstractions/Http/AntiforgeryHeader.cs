namespace ErpCrm.Http;

/// <summary>
/// How a script of the admin sends the antiforgery token. The host refuses (400) every POST, PUT, PATCH and DELETE that a
/// sign-in cookie authenticates unless it carries the token, whatever its endpoint (API or page) and content type: a cookie is
/// sent by the browser on its own, so without the token another site could make the signed-in user's browser call the API.
/// Forms of Razor Pages post it as their hidden field; scripts send it in the header <see cref="Name"/>. The admin layout
/// renders it in <c>&lt;meta name="<see cref="MetaName"/>" content="…"&gt;</c>, and the admin's htmx sends it with every
/// request that is not a GET; a module's own script that calls <c>fetch</c> reads it from there:
/// <code>headers: { "RequestVerificationToken": document.querySelector('meta[name="erp-antiforgery"]').content }</code>
/// Calls with a bearer token (<c>Authorization: Bearer …</c>) need no token: no browser sends that header by itself.
/// </summary>
public static class AntiforgeryHeader
{
    /// <summary>The request header that carries the token (the ASP.NET Core default, so that Razor Pages read it too).</summary>
    public const string Name = "RequestVerificationToken";

    /// <summary>The name of the admin layout's meta tag whose content is the token.</summary>
    public const string MetaName = "erp-antiforgery";
}
