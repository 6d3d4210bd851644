using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The Accounting panel on a contact's page (Customer 360), the tenant's today being 2026-03-10: Alpha Retail's invoice of 1,200.00
/// due 2026-01-20, 500.00 of it paid and matched; a second invoice of 300.00 due 2026-03-31; and a supplier bill of 250.00 it sent,
/// due 2026-04-05.
/// </summary>
public abstract partial class LedgerContactPanelHttpTests(DatabaseProvider provider, TestClock clock) : SetUpHostTests(provider, clock: clock)
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private BrowserSession _browser = null!;
    private string _alpha = "";
    private long _partlyPaid, _notDue, _bill;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        _alpha = (await Admin.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true, supplier: true))).Id();
        _partlyPaid = await Admin.PostPartlyPaidInvoiceAsync(_alpha);
        _notDue = (await Admin.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-03-01", dueDate = "2026-03-31", reference = "INV-2", post = true,
            lines = new[] { Dr("1200", "300", _alpha), Cr("4000", "300") },
        })).Id();
        _bill = (await Admin.PostEntryAsync(new
        {
            journal = "GEN", date = "2026-03-05", dueDate = "2026-04-05", reference = "BILL-7", post = true,
            lines = new[] { Dr("6100", "250"), Cr("2000", "250", _alpha) },
        })).Id();
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task The_contact_page_shows_what_is_owed_each_way_the_overdue_part_and_the_open_items_linked_to_their_entries()
    {
        var panel = Panel(await _browser.GetPageAsync($"admin/contacts/{_alpha}"));

        Assert.Equal(
            [("Receivable", "1,000.00 USD"), ("Overdue receivable", "700.00 USD"), ("Payable", "250.00 USD"), ("Overdue payable", "0.00 USD")],
            Figures(panel));
        // Oldest due first; the partly paid invoice shows what is left of it, and only it is overdue; the matched payment is not open.
        Assert.Equal(
        [
            $"/admin/ledger/entries/{_partlyPaid} | 2026-01-05 | 2026-01-20 | 700.00 | Receivable overdue",
            $"/admin/ledger/entries/{_notDue} | 2026-03-01 | 2026-03-31 | 300.00 | Receivable",
            $"/admin/ledger/entries/{_bill} | 2026-03-05 | 2026-04-05 | 250.00 | Payable",
        ], Rows(panel));
        Assert.Contains("<th scope=\"col\">Open (USD)</th>", panel);
        Assert.Contains("erp-badge-danger\">Receivable overdue</span>", panel);
        Assert.Contains($"<a href=\"/admin/ledger/reports/aged-receivables?contact={_alpha}\">Partner ledger (receivables)</a>", panel);
    }

    [Fact]
    public async Task The_partner_ledger_is_the_aged_report_of_that_contact_only_and_its_filter_keeps_the_contact()
    {
        var beta = (await Admin.CreateContactAsync(ContactsClient.Company("Beta Stores", customer: true))).Id();
        await Admin.PostEntryAsync(Entry("SAL", "2026-03-02", "INV-3", true, Dr("1200", "90", beta), Cr("4000", "90")));

        var page = await _browser.GetPageAsync($"admin/ledger/reports/aged-receivables?contact={_alpha}");
        var payables = await _browser.GetPageAsync($"admin/ledger/reports/aged-payables?contact={_alpha}&at=2026-03-04");

        Assert.Contains("Of <strong>Alpha Retail</strong> only.", page);
        Assert.Contains($"<tr data-contact=\"{_alpha}\">", page);
        Assert.DoesNotContain(beta, page);
        Assert.Contains($"<input type=\"hidden\" name=\"contact\" value=\"{_alpha}\">", page);
        Assert.DoesNotContain("data-csv", page);
        Assert.Contains("Nothing is open at the end of 2026-03-04.", payables);
        Assert.Contains($"<tr data-contact=\"{beta}\">", await _browser.GetPageAsync("admin/ledger/reports/aged-receivables"));
    }

    [Fact]
    public async Task Only_those_who_may_view_the_ledger_see_the_panel_and_it_goes_with_the_feature()
    {
        var sam = await BrowserSession.SignInNewUserAsync(Host, Admin, "sam", "ViewContacts", "ViewContent");
        var bea = await BrowserSession.SignInNewUserAsync(Host, Admin, "bea", "ViewContacts", "ViewContent", "ViewLedger");

        var seenBySam = await sam.GetPageAsync($"admin/contacts/{_alpha}");
        Assert.Contains("Alpha Retail", seenBySam);
        Assert.DoesNotContain("data-panel=\"Accounting\"", seenBySam);
        Assert.DoesNotContain("700.00", seenBySam);
        Assert.Equal(("Receivable", "1,000.00 USD"), Figures(Panel(await bea.GetPageAsync($"admin/contacts/{_alpha}")))[0]);

        await Admin.DisableFeaturesAsync(Feature);
        Assert.DoesNotContain("data-panel=\"Accounting\"", await _browser.GetPageAsync($"admin/contacts/{_alpha}"));
    }

    private static string Panel(string page)
    {
        var match = Regex.Match(page, "data-panel=\"Accounting\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, "The page has no Accounting panel.");
        return match.Groups[1].Value;
    }

    private static IReadOnlyList<(string Label, string Value)> Figures(string panel) =>
        FigureItem().Matches(panel).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    private static IReadOnlyList<string> Rows(string panel) =>
        Regex.Matches(Regex.Match(panel, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => string.Join(" | ", Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(Cell)))
            .ToList();

    // A cell as a user reads it: the address of its link, else its text.
    private static string Cell(Match cell)
    {
        var html = cell.Groups[1].Value;
        return Regex.Match(html, "<a href=\"([^\"]+)\"") is { Success: true } link ? link.Groups[1].Value : WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")).Trim();
    }

    [GeneratedRegex("<dt[^>]*>([^<]*)</dt><dd[^>]*>([^<]*)</dd>")]
    private static partial Regex FigureItem();
}

public sealed class SqliteLedgerContactPanelHttpTests() : LedgerContactPanelHttpTests(DatabaseProvider.Sqlite, new TestClock(Now));

public sealed class PostgresLedgerContactPanelHttpTests() : LedgerContactPanelHttpTests(DatabaseProvider.Postgres, new TestClock(Now));
