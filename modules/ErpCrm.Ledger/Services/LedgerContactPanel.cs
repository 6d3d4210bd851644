using System.Globalization;
using ErpCrm.Contacts.Services;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Pages.Admin.Ledger;
using ErpCrm.Security;
using ErpCrm.Tenants;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The money panel of a contact's page (Customer 360), for those who may view the ledger: what the contact owes (receivable) and
/// is owed (payable) at the tenant's today, how much of each is overdue, and its open items — the oldest due first, each linking
/// to its entry — with the partner's ledger (the aged report filtered on the contact) as "see all" and the matching page of its open items. The figures are the aged
/// report's (<see cref="AgedBalanceService"/>, partial matches and unmatched payments included), so the page and the report agree.
/// </summary>
public sealed class LedgerContactPanel(AgedBalanceService aged, LedgerSettingsService settings, ITenantClock clock) : IContactPanel
{
    public const string Title = "Accounting";

    /// <summary>How many open items the panel lists; the partner's ledger has them all.</summary>
    public const int MaxRows = 10;

    public Permission? Permission => Permissions.ViewLedger;

    public int Position => 110;

    public async Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken)
    {
        var today = await clock.GetTodayAsync(cancellationToken);
        var books = await settings.GetAsync(cancellationToken);
        var receivable = await OpenAsync(AccountSubtypes.Receivable, today, context.ContactId, cancellationToken);
        var payable = await OpenAsync(AccountSubtypes.Payable, today, context.ContactId, cancellationToken);
        string Money(long minorUnits) => LedgerPageModel.Amount(minorUnits, books.BaseDigits) + " " + books.BaseCurrency;

        var items = receivable.Select(i => (Side: "Receivable", Item: i)).Concat(payable.Select(i => (Side: "Payable", Item: i)))
            .OrderBy(x => x.Item.DueDate).ThenBy(x => x.Item.LineId).ToList();
        // The side is the row's badge, red when overdue; amounts without the currency, as the ledger's tables show them (the
        // figures above say it), so that a row fits the half-width panel at 1366 px.
        var rows = items.Take(MaxRows).Select(x => new ContactPanelRow(
            x.Item.Number ?? x.Item.EntryId.ToString(CultureInfo.InvariantCulture), LedgerAdminUrls.Entry(x.Item.EntryId),
            [LedgerPageModel.DateText(x.Item.Date), LedgerPageModel.DateText(x.Item.DueDate), LedgerPageModel.Amount(x.Item.Residual, books.BaseDigits)],
            Overdue(x.Item) ? x.Side + " overdue" : x.Side, Overdue(x.Item) ? ContactPanelTone.Danger : ContactPanelTone.Neutral)).ToList();
        List<ContactPanelFigure> figures =
        [
            new("Receivable", Money(receivable.Sum(i => i.Residual))),
            new("Overdue receivable", Money(receivable.Where(Overdue).Sum(i => i.Residual))),
            new("Payable", Money(payable.Sum(i => i.Residual))),
            new("Overdue payable", Money(payable.Where(Overdue).Sum(i => i.Residual))),
        ];
        if (items.Count > rows.Count)
        {
            figures.Add(new("Open items", items.Count.ToString("N0", CultureInfo.InvariantCulture)));
        }
        // The partner's ledger on the side it has items on; a contact with only payables is a supplier.
        var receivables = receivable.Count > 0 || payable.Count == 0;
        return new ContactPanelModel(Title)
        {
            Figures = figures,
            Columns = ["Date", "Due", $"Open ({books.BaseCurrency})"],
            Rows = rows,
            EmptyText = "Nothing open in the ledger.",
            SeeAll = new ContactPanelLink(receivables ? "Partner ledger (receivables)" : "Partner ledger (payables)",
                LedgerAdminUrls.AgedOf(context.ContactId, receivables)),
            // Where the open items are settled against each other (the page lets those who may post entries match them).
            New = items.Count > 0 ? new ContactPanelLink("Match open items", LedgerAdminUrls.Matching(context.ContactId)) : null,
        };
    }

    /// <summary>Past its due date with something still owed (an unmatched payment, negative, is never overdue).</summary>
    private static bool Overdue(OpenItem item) => item.DaysOverdue > 0 && item.Residual > 0;

    private async Task<IReadOnlyList<OpenItem>> OpenAsync(string subtype, DateOnly at, string contactId, CancellationToken cancellationToken) =>
        (await aged.AgedAsync(subtype, at, contactId, cancellationToken)).Partners.SelectMany(p => p.Items).ToList();
}
