using ErpCrm.Admin;
using ErpCrm.Ledger.Pages.Admin.Ledger;

namespace ErpCrm.Ledger;

/// <summary>The ledger's entries of the admin menu, in the Accounting group: the entries, a new entry, matching, the chart of accounts, the reports and the ledger's settings.</summary>
public sealed class AdminMenu : IAdminMenu
{
    public const string Group = "Accounting";

    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Journal entries", LedgerAdminUrls.Entries, Permissions.ViewLedger, Group, 10),
        new("New entry", LedgerAdminUrls.NewEntry, Permissions.PostEntries, Group, 11),
        new("Matching", LedgerAdminUrls.MatchingPage, Permissions.ViewLedger, Group, 12),
        new("Chart of accounts", LedgerAdminUrls.Accounts, Permissions.ViewLedger, Group, 20),
        new("Reports", LedgerAdminUrls.Reports, Permissions.ViewLedger, Group, 30),
        new("Ledger settings", LedgerAdminUrls.Settings, Permissions.ManageLedger, Group, 40),
    ];
}
