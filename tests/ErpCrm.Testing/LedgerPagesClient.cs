using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ErpCrm.Testing;

/// <summary>The ledger's admin pages as tests use them: the entry editor's form fields, and reading the pages' HTML.</summary>
public static partial class LedgerPagesClient
{
    public const string NewEntry = "admin/ledger/entries/new";

    /// <summary>A line of the entry editor: account, debit, credit (empty for none).</summary>
    public static (string Account, string Debit, string Credit) L(string account, string debit = "", string credit = "") => (account, debit, credit);

    /// <summary>The fields of the entry editor as a browser sends them; <paramref name="intent"/> is <c>draft</c> or <c>post</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> EntryForm(string intent, string date, string reference, params (string Account, string Debit, string Credit)[] lines)
    {
        var fields = new List<KeyValuePair<string, string>> { new("journal", "GEN"), new("date", date), new("dueDate", ""), new("reference", reference), new("intent", intent) };
        for (var i = 0; i < lines.Length; i++)
        {
            fields.Add(new($"lines[{i}].account", lines[i].Account));
            fields.Add(new($"lines[{i}].description", ""));
            fields.Add(new($"lines[{i}].contactId", ""));
            fields.Add(new($"lines[{i}].debit", lines[i].Debit));
            fields.Add(new($"lines[{i}].credit", lines[i].Credit));
        }
        return fields;
    }

    /// <summary>Sets the ledger's lock date through the API.</summary>
    public static async Task LockBooksAsync(this HttpClient admin, string date)
    {
        using var response = await admin.PutJsonAsync("api/ledger/settings", new JsonObject { ["lockDate"] = date });
        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>The entry id a redirect to an entry's page names.</summary>
    public static long EntryIdOf(HttpResponseMessage redirect)
    {
        var match = EntryAddress().Match(redirect.Headers.Location?.ToString() ?? "");
        Assert.True(match.Success, $"Expected a redirect to an entry's page, got {redirect.Headers.Location}");
        return long.Parse(match.Groups[1].Value);
    }

    /// <summary>The codes of the chart's rows in the order the tree shows them, with their depth.</summary>
    public static IReadOnlyList<(string Code, int Depth)> TreeRows(string html) =>
        TreeRow().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).ToList();

    /// <summary>The journals of the rows of the entry list.</summary>
    public static IReadOnlyList<string> ListedJournals(string html) =>
        ListRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The text of the error paragraph <c>{id}-error</c>, or null.</summary>
    public static string? ErrorText(string html, string id)
    {
        var match = Regex.Match(html, $"<p class=\"error\" id=\"{Regex.Escape(id)}-error\"[^>]*>([^<]*)</p>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"/admin/ledger/entries/(\d+)")]
    private static partial Regex EntryAddress();

    [GeneratedRegex("<tr id=\"account-[^\"]*\" data-account=\"([^\"]*)\" data-depth=\"(\\d+)\"")]
    private static partial Regex TreeRow();

    [GeneratedRegex("<tr data-entry=\"\\d+\" data-journal=\"([^\"]*)\">")]
    private static partial Regex ListRow();
}
