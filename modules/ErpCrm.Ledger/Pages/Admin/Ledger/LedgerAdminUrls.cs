using System.Globalization;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>The addresses of the ledger's admin pages, relative to the tenant (pages write them with <c>Url.Content("~" + …)</c>).</summary>
public static class LedgerAdminUrls
{
    public const string Entries = "/admin/ledger/entries";
    public const string NewEntry = "/admin/ledger/entries/new";
    public const string Accounts = "/admin/ledger/accounts";
    public const string Settings = "/admin/ledger/settings";

    public static string Entry(long id) => $"{Entries}/{Number(id)}";

    public static string EditEntry(long id) => $"{Entry(id)}/edit";

    /// <summary>The entries of one journal.</summary>
    public static string EntriesOf(string journal) => Entries + "?journal=" + Uri.EscapeDataString(journal);

    /// <summary>The chart of accounts with the form filled in to change <paramref name="code"/>.</summary>
    public static string EditAccount(string code) => Accounts + "?edit=" + Uri.EscapeDataString(code) + "#account-form";

    /// <summary>The settings page asking to confirm the close of fiscal year <paramref name="name"/>.</summary>
    public static string ConfirmClose(string name) => Settings + "?close=" + Uri.EscapeDataString(name) + "#close-year";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
