using ErpCrm.Csv;
using ErpCrm.Ledger.Models;
using ErpCrm.Money;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The reports as CSV files for a spreadsheet: a header row, then one row per account (or line, or partner) and the totals, with
/// amounts as plain invariant numbers with the base currency's decimals (<c>-1150.00</c>, no thousands separators) so that they
/// read as numbers anywhere. Written by the kernel's <see cref="CsvWriter"/>: UTF-8 with a byte order mark, and a reference or
/// description that would start a spreadsheet formula neutralised (a plain number such as an amount is left a number).
/// </summary>
public static class LedgerReportCsv
{
    public const string ContentType = CsvWriter.ContentType;

    public static (byte[] Bytes, string FileName) TrialBalance(TrialBalance report, int digits) => (File(
    [
        ["account", "name", "type", "opening", "debit", "credit", "closing"],
        .. report.Lines.Select(l => Row(digits, [l.Account, l.Name, l.Type], l.Opening, l.Debit, l.Credit, l.Closing)),
        Row(digits, ["", "Total", ""], report.Opening, report.Debit, report.Credit, report.Closing),
    ]), $"trial-balance-{Dates(report.From, report.To)}.csv");

    public static (byte[] Bytes, string FileName) Statement(AccountStatement report, int digits) => (File(
    [
        ["date", "entry_id", "number", "journal", "reference", "description", "contact_id", "contact", "debit", "credit", "balance"],
        [LedgerDates.Text(report.From), "", "", "", "", "Opening balance", "", "", "", "", Amount(report.Opening, digits)],
        .. report.Lines.Select(l => Row(digits,
            [LedgerDates.Text(l.Date), Text(l.EntryId), l.Number ?? "", l.Journal, l.Reference ?? "", l.Description ?? "", l.ContactId ?? "", l.ContactName ?? ""],
            l.Debit, l.Credit, l.Balance)),
        Row(digits, [LedgerDates.Text(report.To), "", "", "", "", report.Truncated ? "Closing balance (lines cut)" : "Closing balance", "", ""],
            report.Debit, report.Credit, report.Closing),
    ]), $"general-ledger-{report.Account.Code}-{Dates(report.From, report.To)}.csv");

    public static (byte[] Bytes, string FileName) ProfitAndLoss(ProfitAndLoss report, int digits) => (File(
    [
        ["section", "account", "name", "amount"],
        .. SectionRows(report.Income, "Total income", digits),
        .. SectionRows(report.Expense, "Total expense", digits),
        Row(digits, ["result", "", "Net result"], report.Result),
    ]), $"profit-and-loss-{Dates(report.From, report.To)}.csv");

    public static (byte[] Bytes, string FileName) BalanceSheet(BalanceSheet report, int digits) => (File(
    [
        ["section", "account", "name", "amount"],
        .. SectionRows(report.Assets, "Total assets", digits),
        .. SectionRows(report.Liabilities, "Total liabilities", digits),
        .. SectionRows(report.Equity, "Total equity", digits),
        Row(digits, ["result", "", "Result of the current fiscal year"], report.CurrentYearResult),
        Row(digits, ["result", "", "Result of earlier years not yet closed"], report.EarlierYearsResult),
        Row(digits, ["total", "", "Total liabilities, equity and results"], report.LiabilitiesAndEquity),
    ]), $"balance-sheet-{LedgerDates.Text(report.At)}.csv");

    public static (byte[] Bytes, string FileName) Aged(AgedBalance report, int digits) => (File(
    [
        ["contact_id", "contact", "not_due", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"],
        .. report.Partners.Select(p => AgedRow(digits, [p.ContactId ?? "", p.Name ?? ""], p.Amounts)),
        AgedRow(digits, ["", "Total"], report.Totals),
    ]), $"aged-{(report.Subtype == AccountSubtypes.Receivable ? "receivables" : "payables")}-{LedgerDates.Text(report.At)}.csv");

    /// <summary>An amount as the files and the API write it: invariant, exactly <paramref name="digits"/> decimals.</summary>
    public static string Amount(long minorUnits, int digits) => CurrencyAmounts.FormatAmount(minorUnits, digits);

    private static IEnumerable<IReadOnlyList<string>> SectionRows(ReportSection section, string totalName, int digits) =>
    [
        .. section.Lines.Select(l => Row(digits, [section.Type, l.Account, l.Name], l.Amount)),
        Row(digits, [section.Type, "", totalName], section.Total),
    ];

    private static IReadOnlyList<string> AgedRow(int digits, IReadOnlyList<string> cells, AgedAmounts a) =>
        Row(digits, cells, a.NotDue, a.Days1To30, a.Days31To60, a.Days61To90, a.Over90, a.Total);

    private static IReadOnlyList<string> Row(int digits, IReadOnlyList<string> cells, params long[] amounts) =>
        [.. cells, .. amounts.Select(a => Amount(a, digits))];

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Dates(DateOnly from, DateOnly to) => $"{LedgerDates.Text(from)}-to-{LedgerDates.Text(to)}";

    private static byte[] File(IEnumerable<IReadOnlyList<string>> records) => CsvWriter.ToBytes(records);
}
