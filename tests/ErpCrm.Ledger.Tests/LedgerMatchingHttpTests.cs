using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The matching page without JavaScript (forms posted as a browser sends them): Alpha Retail owes INV-1 (1,200.00, 2026-01-05) and INV-2
/// (500.00, 2026-02-03) on 1200 Receivables and paid 1,000.00 (PAY-1, 2026-02-10); Beta Shop owes INV-B (300.00). The page lists a
/// contact's open items, previews and makes a match (a partial one leaves the rest open, oldest first), undoes a group, refuses a
/// selection it cannot match with the error at the selection, and serves one of two users matching the same lines; a contact of
/// another tenant is unknown here.
/// </summary>
public abstract partial class LedgerMatchingHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Page = "admin/ledger/matching";

    private BrowserSession _browser = null!;
    private string _alpha = "", _beta = "";
    private long _inv1, _inv2, _pay1, _invB;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        _alpha = (await Admin.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true))).Id();
        _beta = (await Admin.CreateContactAsync(ContactsClient.Company("Beta Shop", customer: true))).Id();
        _inv1 = await InvoiceAsync("INV-1", "2026-01-05", "1200", _alpha);
        _inv2 = await InvoiceAsync("INV-2", "2026-02-03", "500", _alpha);
        _pay1 = LineId(await Admin.PostEntryAsync(Entry("GEN", "2026-02-10", "PAY-1", true, Dr("1100", "1000"), Cr("1200", "1000", _alpha))), 1);
        _invB = await InvoiceAsync("INV-B", "2026-01-07", "300", _beta);
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task The_page_lists_a_contact_s_open_invoices_and_payments_with_their_entries_and_open_amounts()
    {
        var html = await _browser.GetPageAsync($"{Page}?contact={_alpha}");

        Assert.Contains("<h1>Matching: Alpha Retail</h1>", html);
        Assert.Equal([_inv1, _inv2, _pay1], Listed(html));
        Assert.Equal(("debit", "1,200.00"), Row(html, _inv1));
        Assert.Equal(("credit", "1,000.00"), Row(html, _pay1));
        Assert.Matches($"<tr data-line=\"{_inv1}\".*?<a href=\"/admin/ledger/entries/\\d+\">SAL/2026/0001</a>.*?2026-01-05.*?2026-01-20.*?INV-1", Flat(html));
        Assert.Equal("Choose at least one debit and one credit.", Outcome(html));
        Assert.Matches("<h2 id=\"groups-heading\">\\s*Matched\\s*</h2>\\s*<p class=\"mb-0\">Nothing of Alpha Retail is matched yet.</p>", html);
        Assert.Contains("data-picker-text=\"Alpha Retail\"", html);

        var start = await _browser.GetPageAsync(Page);
        Assert.Contains("Choose a contact to see its open invoices and payments", start);
        Assert.Contains("<a href=\"/admin/ledger/reports/aged-receivables\">aged receivables</a>", start);
        Assert.Empty(Listed(start));

        // The aged receivables' partner, the partner ledger and the contact's Accounting panel lead here.
        Assert.Contains($"<a class=\"small ms-2\" href=\"/admin/ledger/matching?contact={_alpha}\" data-match-link aria-label=\"Match the items of Alpha Retail\">Match</a>",
            await _browser.GetPageAsync("admin/ledger/reports/aged-receivables?at=2026-03-31"));
        Assert.Contains($"href=\"/admin/ledger/matching?contact={_alpha}\" data-match-link>Match its open items</a>",
            await _browser.GetPageAsync($"admin/ledger/reports/aged-receivables?contact={_alpha}"));
        Assert.Contains($"href=\"/admin/ledger/matching?contact={_alpha}\">Match open items</a>", await _browser.GetPageAsync($"admin/contacts/{_alpha}"));

        var onAccount = await _browser.GetPageAsync($"{Page}?contact={_alpha}&account=1200");
        Assert.Equal([_inv1, _inv2, _pay1], Listed(onAccount));
        Assert.Contains("data-picker-text=\"1200 Receivables\"", onAccount);
        Assert.Empty(Listed(await _browser.GetPageAsync($"{Page}?contact={_alpha}&account=2000")));
        using var notPartner = await _browser.Client.GetAsync($"{Page}?contact={_alpha}&account=1100");
        Assert.Equal(HttpStatusCode.BadRequest, notPartner.StatusCode);
        Assert.Contains("1100 Bank is not a receivable or payable account", Error(await notPartner.Content.ReadAsStringAsync(), "matching-account"));
    }

    [Fact]
    public async Task A_partial_match_leaves_the_rest_of_the_oldest_invoice_open_and_a_full_match_closes_every_line()
    {
        var preview = await SendAsync(_browser, "preview", [_inv1, _pay1]);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("200.00 of the debits stays open.", Outcome(preview.Html));
        Assert.Equal(["1,200.00", "1,000.00"], Totals(preview.Html));
        Assert.Equal("200.00", OpenAfter(preview.Html, _inv1));
        Assert.Equal("0.00", OpenAfter(preview.Html, _pay1));
        Assert.Matches($"id=\"match-line-{_inv1}\"\\s+checked=\"checked\"", preview.Html);

        var matched = await SendAsync(_browser, "match", [_inv1, _pay1]);
        Assert.Equal(HttpStatusCode.Redirect, matched.Status);
        var after = await _browser.GetPageAsync(matched.Location!);
        Assert.Contains("The lines are matched.", after);
        Assert.Equal([_inv1, _inv2], Listed(after));
        Assert.Equal(("debit", "200.00"), Row(after, _inv1));
        Assert.Equal([_inv1, _pay1], Groups(after).Single());
        Assert.Contains("<strong>1,000.00 USD</strong> matched on 2026-02-10", after);

        // A second payment of 700.00 settles what is left of INV-1 and all of INV-2.
        var pay2 = LineId(await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "PAY-2", true, Dr("1100", "700"), Cr("1200", "700", _alpha))), 1);
        var full = await SendAsync(_browser, "preview", [_inv1, _inv2, pay2]);
        Assert.Equal("Fully matched: nothing stays open.", Outcome(full.Html));
        Assert.Equal(["700.00", "700.00"], Totals(full.Html));
        var closed = await SendAsync(_browser, "match", [_inv1, _inv2, pay2]);
        var none = await _browser.GetPageAsync(closed.Location!);
        Assert.Empty(Listed(none));
        Assert.Contains("Nothing is open: every invoice and payment of Alpha Retail is matched.", none);
        Assert.Single(Groups(none));
        Assert.Equal([_inv1, _inv2, _pay1, pay2], Groups(none)[0].Order());
        var aged = await Admin.GetLedgerJsonAsync($"api/ledger/reports/aged-receivables?at=2026-03-31");
        Assert.DoesNotContain(aged.GetProperty("partners").EnumerateArray(), p => p.Text("contactId") == _alpha);
    }

    [Fact]
    public async Task Undoing_a_match_reopens_its_items()
    {
        // The oldest invoice takes the whole payment: INV-1 keeps 200.00 open, INV-2 all of its 500.00.
        await SendAsync(_browser, "match", [_inv1, _inv2, _pay1]);
        var matched = await _browser.GetPageAsync($"{Page}?contact={_alpha}");
        Assert.Equal([_inv1, _inv2], Listed(matched));
        Assert.Equal(("debit", "200.00"), Row(matched, _inv1));
        Assert.Equal(("debit", "500.00"), Row(matched, _inv2));
        Assert.Matches("<form method=\"post\" action=\"/admin/ledger/matching\\?handler=undo\" class=\"d-inline\" data-confirm=\"Undo this match of 1,000.00 USD\\? Its 2 items are open again.\"", matched);

        var group = Groups(matched).Single();
        using var undone = await _browser.PostFormAsync($"{Page}?handler=undo", [new("contact", _alpha), .. group.Select(id => Field("lines", id))], $"{Page}?contact={_alpha}");
        var reopened = await _browser.FollowAsync(undone);
        Assert.Contains("The match is undone: its items are open again.", reopened);
        Assert.Equal([_inv1, _inv2, _pay1], Listed(reopened));
        Assert.Equal(("debit", "1,200.00"), Row(reopened, _inv1));
        Assert.Equal(("credit", "1,000.00"), Row(reopened, _pay1));
        Assert.Empty(Groups(reopened));

        // Undone again (a second tab): nothing is left to undo, and the page says so.
        using var again = await _browser.PostFormAsync($"{Page}?handler=undo", [new("contact", _alpha), .. group.Select(id => Field("lines", id))], $"{Page}?contact={_alpha}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("This match is no longer there: someone undid it meanwhile.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Lines_of_two_contacts_or_accounts_one_side_or_none_are_refused_at_the_selection_which_stays_chosen()
    {
        var mixed = await SendAsync(_browser, "match", [_inv1, _invB, _pay1]);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.Status);
        Assert.Equal("Only open items of Alpha Retail can be matched here: 1 of the lines chosen are not.", Error(mixed.Html, "matching-lines"));
        Assert.Matches($"id=\"match-line-{_inv1}\"\\s+checked=\"checked\"", mixed.Html);
        Assert.Matches($"id=\"match-line-{_pay1}\"\\s+checked=\"checked\"", mixed.Html);

        var nothing = await SendAsync(_browser, "match", []);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.Status);
        Assert.Equal("Choose the lines to match: at least one debit and one credit.", Error(nothing.Html, "matching-lines"));

        using (var noContact = await _browser.PostFormAsync(Page, [new("intent", "match"), Field("lines", _inv1), Field("lines", _pay1)], $"{Page}?contact={_alpha}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noContact.StatusCode);
            Assert.Equal("Choose the contact whose items to match.", Error(await noContact.Content.ReadAsStringAsync(), "matching-contact"));
        }

        // A supplier bill of Alpha's on 2000 Payables is its open item too, but is not matched with a receivable.
        var bill = LineId(await Admin.PostEntryAsync(Entry("GEN", "2026-02-12", "BILL-1", true, Dr("6100", "80"), Cr("2000", "80", _alpha))), 1);
        var twoAccounts = await SendAsync(_browser, "match", [_inv1, bill]);
        Assert.Equal(HttpStatusCode.BadRequest, twoAccounts.Status);
        Assert.Equal("Matched lines share one account and one contact.", Error(twoAccounts.Html, "matching-lines"));
        Assert.Matches($"id=\"match-line-{bill}\"\\s+checked=\"checked\"", twoAccounts.Html);

        var oneSide = await SendAsync(_browser, "match", [_inv1, _inv2]);
        Assert.Equal(HttpStatusCode.Conflict, oneSide.Status);
        Assert.Contains("Nothing to match: the lines need an open debit and an open credit.", Error(oneSide.Html, "matching-lines"));
        Assert.Empty(Groups(await _browser.GetPageAsync($"{Page}?contact={_alpha}")));
        Assert.Equal(3, (await Admin.GetLedgerJsonAsync("api/ledger/reports/aged-receivables?at=2026-03-31")).GetProperty("partners")
            .EnumerateArray().Single(p => p.Text("contactId") == _alpha).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Of_two_users_matching_the_same_lines_at_once_one_wins_and_the_other_is_told_they_were_matched_meanwhile()
    {
        var clerk = await BrowserSession.SignInNewUserAsync(Host, Admin, "clerk", "ViewLedger", "PostEntries");
        var first = await FormAsync(_browser, "match", [_inv1, _pay1]);
        var second = await FormAsync(clerk, "match", [_inv1, _pay1]);

        var answers = await Task.WhenAll(_browser.Client.PostAsync(Page, first), clerk.Client.PostAsync(Page, second));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var loser = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        Assert.Contains("some of these lines meanwhile", Error(loser, "matching-lines"));
        var page = await _browser.GetPageAsync($"{Page}?contact={_alpha}");
        Assert.Equal([_inv1, _pay1], Groups(page).Single());
        Assert.Equal(("debit", "200.00"), Row(page, _inv1));
    }

    [Fact]
    public async Task Matching_needs_PostEntries_and_the_page_ViewLedger()
    {
        var reader = await BrowserSession.SignInNewUserAsync(Host, Admin, "reader", "ViewLedger");
        var shown = await reader.GetPageAsync($"{Page}?contact={_alpha}");
        Assert.Equal([_inv1, _inv2, _pay1], Listed(shown));
        Assert.DoesNotContain("Match the chosen lines", shown);
        Assert.Matches($"id=\"match-line-{_inv1}\"\\s+disabled=\"disabled\"", shown);
        using var refused = await reader.Client.PostAsync(Page, await FormAsync(reader, "match", [_inv1, _pay1]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(Groups(await _browser.GetPageAsync($"{Page}?contact={_alpha}")));

        var stranger = await BrowserSession.SignInNewUserAsync(Host, Admin, "stranger");
        using var denied = await stranger.Client.GetAsync($"{Page}?contact={_alpha}");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain("/admin/ledger/matching", await stranger.GetPageAsync("admin"));
        Assert.Contains("/admin/ledger/matching", await reader.GetPageAsync("admin"));
    }

    [Fact]
    public async Task Another_tenant_s_contact_and_lines_never_appear()
    {
        using var other = await Host.SetUpAnotherTenantAsync("Beta");
        await other.EnableFeaturesAsync(Feature);
        await other.CreateSmallChartAsync();
        var theirs = (await other.CreateContactAsync(ContactsClient.Company("Gamma Elsewhere", customer: true))).Id();
        await InvoiceAsync(other, "INV-G", "2026-01-09", "900", theirs);

        using var response = await _browser.Client.GetAsync($"{Page}?contact={theirs}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"There is no contact {theirs}.", Error(html, "matching-contact"));
        Assert.DoesNotContain("Gamma Elsewhere", html);
        Assert.Empty(Listed(html));
        Assert.DoesNotContain("INV-G", html);
    }

    private Task<long> InvoiceAsync(string reference, string date, string amount, string contact) => InvoiceAsync(Admin, reference, date, amount, contact);

    private static async Task<long> InvoiceAsync(HttpClient api, string reference, string date, string amount, string contact) =>
        LineId(await api.PostEntryAsync(new
        {
            journal = "SAL", date, dueDate = LedgerDatePlus(date, 15), reference, post = true,
            lines = new[] { Dr("1200", amount, contact), Cr("4000", amount) },
        }), 0);

    private static string LedgerDatePlus(string date, int days) => DateOnly.Parse(date).AddDays(days).ToString("yyyy-MM-dd");

    private static long LineId(JsonElement entry, int index) => entry.GetProperty("lines")[index].GetProperty("id").GetInt64();

    private static KeyValuePair<string, string> Field(string name, long value) => new(name, value.ToString());

    /// <summary>The matching form of Alpha Retail as a browser sends it: the open amounts the page showed, the lines chosen and the button.</summary>
    private async Task<FormUrlEncodedContent> FormAsync(BrowserSession browser, string intent, long[] lines)
    {
        var html = await browser.GetPageAsync($"{Page}?contact={_alpha}");
        var fields = new List<KeyValuePair<string, string>> { new("contact", _alpha), new("intent", intent) };
        fields.AddRange(SeenInput().Matches(html).Select(m => new KeyValuePair<string, string>("seen", m.Groups[1].Value)));
        fields.AddRange(lines.Select(id => Field("lines", id)));
        fields.Add(new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(html)));
        return new FormUrlEncodedContent(fields);
    }

    private async Task<(HttpStatusCode Status, string Html, string? Location)> SendAsync(BrowserSession browser, string intent, long[] lines)
    {
        using var response = await browser.Client.PostAsync(Page, await FormAsync(browser, intent, lines));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
    }

    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

    private static IReadOnlyList<long> Listed(string html) => OpenRow().Matches(html).Select(m => long.Parse(m.Groups[1].Value)).ToList();

    private static (string Side, string Open) Row(string html, long line)
    {
        var match = Regex.Match(Flat(html), $"<tr data-line=\"{line}\" data-side=\"(\\w+)\">.*?data-open-cell>([^<]*)</td>");
        Assert.True(match.Success, $"No open item {line}.");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    private static string OpenAfter(string html, long line) =>
        Regex.Match(Flat(html), $"<tr data-line=\"{line}\" .*?data-open-after>([^<]*)</td>").Groups[1].Value;

    private static string Outcome(string html) => WebUtility.HtmlDecode(Regex.Match(html, "<output id=\"match-outcome\"[^>]*>([^<]*)</output>").Groups[1].Value);

    private static IReadOnlyList<string> Totals(string html) =>
        new[] { "debit", "credit" }.Select(side => Regex.Match(html, $"data-match-total=\"{side}\">([^<]*)<").Groups[1].Value).ToList();

    private static IReadOnlyList<IReadOnlyList<long>> Groups(string html) =>
        Regex.Matches(Flat(html), "<tbody data-group=\"\\d+\">(.*?)</tbody>")
            .Select(g => (IReadOnlyList<long>)MatchedLine().Matches(g.Groups[1].Value).Select(m => long.Parse(m.Groups[1].Value)).ToList()).ToList();

    private static string? Error(string html, string id) => LedgerPagesClient.ErrorText(html, id);

    [GeneratedRegex("<tr data-line=\"(\\d+)\" data-side=")]
    private static partial Regex OpenRow();

    [GeneratedRegex("name=\"seen\" value=\"([^\"]*)\"")]
    private static partial Regex SeenInput();

    [GeneratedRegex("data-matched-line=\"(\\d+)\"")]
    private static partial Regex MatchedLine();
}

public sealed class SqliteLedgerMatchingHttpTests() : LedgerMatchingHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerMatchingHttpTests() : LedgerMatchingHttpTests(DatabaseProvider.Postgres);
