using System.Net;
using System.Text.RegularExpressions;

namespace ErpCrm.Testing;

/// <summary>
/// A browser without JavaScript: keeps its cookies, shows redirects as answered, and posts forms the way a browser does,
/// with the antiforgery token of the page it got them from.
/// </summary>
public sealed partial class BrowserSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    /// <summary>A browser of the tenant under <paramref name="pathPrefix"/>; with <paramref name="from"/>, connecting from that (loopback) address.</summary>
    public static BrowserSession Open(TestHost host, string pathPrefix = "", IPAddress? from = null) => new(host.CreateClient(pathPrefix, followRedirects: false, from));

    /// <summary>GETs a page that must answer 200 and returns its HTML.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>Opens <paramref name="formPage"/> (or <paramref name="path"/>) for its antiforgery token, then posts the fields to <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = AntiforgeryToken(await GetPageAsync(formPage ?? path));
        return await Client.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    /// <summary>Posts the sign-in form; returns the answer (a redirect when it worked).</summary>
    public Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        PostFormAsync("login", [new("userName", userName), new("password", password)]);

    /// <summary>Signs in and insists that it worked.</summary>
    public async Task SignInOrFailAsync(string userName, string password)
    {
        var response = await SignInAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A signed-in browser of a new user (password <c>Secret-pass-1</c>) with a role of its own that has AccessAdmin and <paramref name="permissions"/>.</summary>
    public static async Task<BrowserSession> SignInNewUserAsync(TestHost host, HttpClient admin, string userName, params string[] permissions)
    {
        await admin.CreateRoleAsync(userName + " role", ["AccessAdmin", .. permissions]);
        await admin.CreateUserAsync(userName, userName + " role");
        var browser = Open(host);
        await browser.SignInOrFailAsync(userName, "Secret-pass-1");
        return browser;
    }

    /// <summary>Follows a redirect answer and returns the page it leads to.</summary>
    public async Task<string> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)redirect.StatusCode}: {await redirect.Content.ReadAsStringAsync()}");
        return await GetPageAsync(new Uri(Client.BaseAddress!, redirect.Headers.Location!).ToString());
    }

    /// <summary>The antiforgery token the admin's scripts send (the layout's meta tag), read from <paramref name="page"/>.</summary>
    public async Task<string> ScriptTokenAsync(string page = "admin")
    {
        var match = ScriptTokenMeta().Match(await GetPageAsync(page));
        Assert.True(match.Success, "The page has no antiforgery meta tag.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Sends a request as the admin's scripts do: with the sign-in cookie and <paramref name="token"/> in the antiforgery header.</summary>
    public Task<HttpResponseMessage> SendAsScriptAsync(HttpRequestMessage request, string token)
    {
        request.Headers.Add(ErpCrm.Http.AntiforgeryHeader.Name, token);
        return Client.SendAsync(request);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The value of the first input named <paramref name="name"/> on the page.</summary>
    /// <summary>The error a form shows under the input with this id (<c>&lt;p class="error" id="{id}-error"&gt;</c>), empty when none.</summary>
    public static string FieldError(string html, string inputId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<p class=\"error\" id=\"{Regex.Escape(inputId)}-error\">([^<]*)</p>").Groups[1].Value);

    public static string InputValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no input '{name}' with a value.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<meta name=\"erp-antiforgery\" content=\"([^\"]+)\"")]
    private static partial Regex ScriptTokenMeta();
}
