using ErpCrm.Security;

namespace ErpCrm.Ledger;

/// <summary>
/// Who may read the books, who may write entries, and who may shape the ledger (chart of accounts, journals, currencies,
/// fiscal years, the lock date and the year-end close). Staff see nothing of the books by default; Editors read them.
/// </summary>
public sealed class Permissions : IPermissionProvider
{
    public const string Category = "Ledger";

    /// <summary>The names of the permissions, for <c>[RequirePermission]</c> on pages.</summary>
    public const string ViewLedgerName = "ViewLedger", PostEntriesName = "PostEntries", ManageLedgerName = "ManageLedger";

    public static readonly Permission ViewLedger = new(ViewLedgerName, "View the chart of accounts, journal entries and ledger reports", Category);
    public static readonly Permission PostEntries = new(PostEntriesName, "Write, post and reverse journal entries and match partner lines", Category);
    public static readonly Permission ManageLedger = new(ManageLedgerName, "Change the chart of accounts, journals, currencies, fiscal years and the lock date; close years", Category);

    public IEnumerable<Permission> GetPermissions() => [ViewLedger, PostEntries, ManageLedger];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Editor", [ViewLedger]),
    ];
}
