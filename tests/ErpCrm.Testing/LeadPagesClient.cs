using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ErpCrm.Testing;

/// <summary>What the tests of the lead pages share: leads with money and owners, htmx posts, and reading the kanban's HTML.</summary>
public static partial class LeadPagesClient
{
    /// <summary>LeadPart fields for a lead's expected revenue (and optionally its owner and source).</summary>
    public static JsonObject Extra(string? amount = null, string currency = "EUR", string? owner = null, string? source = null)
    {
        var extra = new JsonObject();
        if (amount is not null)
        {
            extra["ExpectedRevenue"] = new JsonObject { ["Amount"] = amount, ["Currency"] = currency };
        }
        if (owner is not null)
        {
            extra["Owner"] = new JsonObject { ["UserIds"] = new JsonArray(owner) };
        }
        if (source is not null)
        {
            extra["Source"] = new JsonObject { ["Text"] = source };
        }
        return extra;
    }

    /// <summary>Creates a lead through the API; its id and revision (the ETag without quotes).</summary>
    public static async Task<(string Id, long Revision)> NewLeadAsync(this HttpClient admin, string name, string? stage = null, JsonObject? extra = null, string? company = null, string? email = null)
    {
        var (lead, etag) = await admin.CreateLeadAsync(LeadsClient.Lead(name, email, company, stage, extra));
        return (lead.Id(), long.Parse(etag.Trim('"', 'W', '/')));
    }

    /// <summary>Posts a form as htmx does (HX-Request), with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostHtmxAsync(this BrowserSession browser, string path, IEnumerable<KeyValuePair<string, string>> fields, string formPage)
    {
        var token = BrowserSession.AntiforgeryToken(await browser.GetPageAsync(formPage));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]) };
        request.Headers.Add("HX-Request", "true");
        return await browser.Client.SendAsync(request);
    }

    /// <summary>The stages of the kanban, in order, with the count and the totals their headers show.</summary>
    public static IReadOnlyList<(string Stage, int Count, string Totals)> Columns(string html) =>
        Column().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups["stage"].Value), int.Parse(m.Groups["count"].Value),
            string.Join(" + ", TotalLine().Matches(m.Groups["totals"].Value).Select(t => t.Groups[1].Value)))).ToList();

    /// <summary>The titles of the cards in a column of the kanban.</summary>
    public static IReadOnlyList<string> Cards(string html, string stage)
    {
        var column = Regex.Match(html, $"<section [^>]*data-stage=\"{Regex.Escape(stage)}\"[^>]*>(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        return CardTitle().Matches(column).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<section [^>]*data-stage=\"(?<stage>[^\"]*)\"[^>]*>\\s*<header[^>]*>\\s*<h2[^>]*>[^<]*<span[^>]*data-count[^>]*>(?<count>\\d+)</span></h2>\\s*<p[^>]*data-total>(?<totals>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Column();

    [GeneratedRegex("<span class=\"d-block\">([^<]*)</span>")]
    private static partial Regex TotalLine();

    [GeneratedRegex("<h3><a href=\"[^\"]*\">([^<]*)</a></h3>")]
    private static partial Regex CardTitle();
}
