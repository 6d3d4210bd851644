using ErpCrm.Admin;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>
/// Aged receivables (<c>/admin/ledger/reports/aged-receivables</c>) or payables (<c>…/aged-payables</c>) at the end of a day
/// (<see cref="AgedBalanceService"/>): what each partner owes or is owed by age, the partner linking to its contact page, the open
/// items behind the figures linking to their entries, and the buckets' totals as a chart. With <c>contact=</c>, one partner's
/// (the partner ledger the contact's page links to).
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class AgedModel(AgedBalanceService aged, PartnerNames partners) : LedgerReportPageModel
{
    /// <summary><c>receivables</c> or <c>payables</c>, from the address.</summary>
    [BindProperty(Name = "side", SupportsGet = true)] public string Side { get; set; } = "";

    /// <summary>The one partner to show, from the address; blank for every partner.</summary>
    [BindProperty(Name = "contact", SupportsGet = true)] public string? Contact { get; set; }

    /// <summary>The partner's name when the report shows one partner.</summary>
    public string? ContactName { get; private set; }

    public override IReadOnlyList<(string Name, string Value)> KeptFilters => string.IsNullOrWhiteSpace(Contact) ? [] : [("contact", Contact.Trim())];

    public override bool ShowsPeriod => false;

    public bool Receivables => Side == "receivables";

    public string Title => Receivables ? "Aged receivables" : "Aged payables";

    public AgedBalance? Report { get; private set; }

    public DashboardWidgetModel? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Checked here rather than by a route constraint, so that the permission is asked for before the address is judged.
        if (Side is not ("receivables" or "payables"))
        {
            return NotFound();
        }
        if (await DayAsync(ct) is { } at)
        {
            var contact = string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim();
            Report = await aged.AgedAsync(Receivables ? AccountSubtypes.Receivable : AccountSubtypes.Payable, at, contact, ct);
            Chart = LedgerCharts.AgedBuckets($"Open amounts by age ({Settings.BaseCurrency})", Report, Settings.BaseDigits);
            if (contact is null)
            {
                // The CSV is of every partner: offered where the page shows every partner too.
                CsvUrl = LedgerAdminUrls.Csv("aged-" + Side, ("at", LedgerDates.Text(at)));
            }
            else
            {
                ContactName = await partners.NameOfAsync(contact, ct) ?? contact;
            }
        }
        return Shown();
    }
}
