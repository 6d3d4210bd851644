using System.Globalization;
using ErpCrm.Admin;
using ErpCrm.Ledger.Models;
using ErpCrm.Money;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The reports as chart models for the host's chart partial and the dashboard: amounts in the base currency's major unit (exact
/// decimals, never doubles), months labelled <c>Jan 2026</c>.
/// </summary>
public static class LedgerCharts
{
    /// <summary>Income, expense and the result of each month of a profit and loss.</summary>
    public static DashboardWidgetModel ProfitAndLossByMonth(string title, ProfitAndLoss report, int digits, string? caption = null, string? link = null) =>
        new(title, DashboardWidgetKind.Bar, report.Months.Select(m => MonthLabel(m.Month)).ToList(),
        [
            new DashboardSeries("Income", report.Months.Select(m => Major(m.Income, digits)).ToList()),
            new DashboardSeries("Expense", report.Months.Select(m => Major(m.Expense, digits)).ToList()),
            new DashboardSeries("Result", report.Months.Select(m => Major(m.Result, digits)).ToList()),
        ], Caption: caption, LinkUrl: link);

    /// <summary>The total of each age bucket of an aged balance.</summary>
    public static DashboardWidgetModel AgedBuckets(string title, AgedBalance report, int digits)
    {
        var totals = report.Totals;
        return new(title, DashboardWidgetKind.Bar, BucketNames,
        [
            new DashboardSeries("Open amount", new[] { totals.NotDue, totals.Days1To30, totals.Days31To60, totals.Days61To90, totals.Over90 }
                .Select(a => Major(a, digits)).ToList()),
        ]);
    }

    /// <summary>The buckets' names in their order, as the reports' headings show them.</summary>
    public static readonly IReadOnlyList<string> BucketNames = ["Not due", "1–30 days", "31–60 days", "61–90 days", "Over 90 days"];

    /// <summary><c>2026-01</c> as <c>Jan 2026</c>.</summary>
    public static string MonthLabel(string month) =>
        DateOnly.TryParseExact(month + "-01", LedgerDates.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMM yyyy", CultureInfo.InvariantCulture)
            : month;

    private static decimal Major(long minorUnits, int digits) => CurrencyAmounts.ToMajorUnits(minorUnits, digits);
}
