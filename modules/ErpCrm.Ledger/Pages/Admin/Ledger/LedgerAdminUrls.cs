using System.Globalization;
using ErpCrm.Ledger.Services;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// The addresses of the ledger's admin pages, relative to the tenant (pages write them with <c>Url.Content("~" + …)</c>), and of the
/// CSV files the reports API serves for the report pages: the reports link to each other with the same dates, which is how a figure
/// drills down to the lines behind it.
/// </summary>
public static class LedgerAdminUrls
{
    public const string Entries = "/admin/ledger/entries";
    public const string NewEntry = "/admin/ledger/entries/new";
    public const string Accounts = "/admin/ledger/accounts";
    public const string Settings = "/admin/ledger/settings";
    public const string MatchingPage = "/admin/ledger/matching";

    /// <summary>The accounts' lookup, what an account picker searches (<c>?q=</c>: a code's start or a part of the name; ViewLedger).</summary>
    public const string AccountLookup = "/api/ledger/lookup/accounts";

    public static string Entry(long id) => $"{Entries}/{Number(id)}";

    public static string EditEntry(long id) => $"{Entry(id)}/edit";

    /// <summary>The entries of one journal.</summary>
    public static string EntriesOf(string journal) => Entries + "?journal=" + Uri.EscapeDataString(journal);

    /// <summary>The chart of accounts with the form filled in to change <paramref name="code"/>.</summary>
    public static string EditAccount(string code) => Accounts + "?edit=" + Uri.EscapeDataString(code) + "#account-form";

    /// <summary>The settings page asking to confirm the close of fiscal year <paramref name="name"/>.</summary>
    public static string ConfirmClose(string name) => Settings + "?close=" + Uri.EscapeDataString(name) + "#close-year";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // The reports.
    public const string Reports = "/admin/ledger/reports";
    public const string TrialBalancePage = Reports + "/trial-balance";
    public const string GeneralLedgerPage = Reports + "/general-ledger";
    public const string ProfitAndLossPage = Reports + "/profit-and-loss";
    public const string BalanceSheetPage = Reports + "/balance-sheet";
    public const string AgedReceivablesPage = Reports + "/aged-receivables";
    public const string AgedPayablesPage = Reports + "/aged-payables";

    private const string Api = "/api/ledger/reports";

    /// <summary>The check of the books, run on the reports' index.</summary>
    public const string Verify = Reports + "?verify=1#verify";

    public static string TrialBalance(DateOnly from, DateOnly to) => TrialBalancePage + Period(from, to);

    public static string GeneralLedger(string account, DateOnly from, DateOnly to) =>
        GeneralLedgerPage + Query(("account", account), ("from", Date(from)), ("to", Date(to)));

    public static string ProfitAndLoss(DateOnly from, DateOnly to) => ProfitAndLossPage + Period(from, to);

    public static string BalanceSheet(DateOnly at) => BalanceSheetPage + Query(("at", Date(at)));

    /// <summary>A partner's ledger: the aged receivables (or payables) of one contact, at today.</summary>
    public static string AgedOf(string contactId, bool receivables) =>
        (receivables ? AgedReceivablesPage : AgedPayablesPage) + Query(("contact", contactId));

    /// <summary>The matching page of a contact's open items, on one receivable or payable account or (null) on all of them.</summary>
    public static string Matching(string contactId, string? account = null) =>
        MatchingPage + (account is null ? Query(("contact", contactId)) : Query(("contact", contactId), ("account", account)));

    /// <summary>The CSV of a report: <paramref name="report"/> is the API's name (<c>trial-balance</c>, <c>aged-payables</c>…), the query its dates.</summary>
    public static string Csv(string report, params (string Name, string Value)[] query) => $"{Api}/{report}" + Query([.. query, ("format", "csv")]);

    private static string Period(DateOnly from, DateOnly to) => Query(("from", Date(from)), ("to", Date(to)));

    private static string Date(DateOnly date) => LedgerDates.Text(date);

    private static string Query(params (string Name, string Value)[] values) =>
        QueryString.Create(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value))).ToString();
}

