using ErpCrm.Admin;
using ErpCrm.Ledger.Pages.Admin.Ledger;
using ErpCrm.Money;
using ErpCrm.Security;
using ErpCrm.Tenants;

namespace ErpCrm.Ledger.Services;

/// <summary>The dashboard's profit and loss: income, expense and result per month of the current fiscal year up to the tenant's today, linking to the report.</summary>
public sealed class ProfitAndLossWidget(LedgerReportService reports, FiscalYearService years, LedgerSettingsService settings, ITenantClock clock) : IDashboardWidget
{
    public const string Title = "Profit and loss this year by month";

    public Permission? Permission => Permissions.ViewLedger;

    public int Position => 40;

    public async Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var today = await clock.GetTodayAsync(cancellationToken);
        var year = await years.ForDateAsync(today, cancellationToken);
        var report = await reports.ProfitAndLossAsync(year.Start, today, cancellationToken);
        var current = await settings.GetAsync(cancellationToken);
        var result = CurrencyAmounts.FormatAmount(report.Result, current.BaseDigits, groupThousands: true);
        return LedgerCharts.ProfitAndLossByMonth(Title, report, current.BaseDigits,
            caption: $"Net result of fiscal year {year.Name} so far: {result} {current.BaseCurrency}", link: LedgerAdminUrls.ProfitAndLossPage);
    }
}
