using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>
/// What the report pages share: the dates of the query (<c>from</c> and <c>to</c>, or <c>at</c>) with their defaults — the current
/// fiscal year up to the tenant's today (<see cref="ITenantClock"/>) — a bad date said next to its input with the typed text kept
/// (and 400, no report), and the base currency the amounts are in. The reports themselves come from the services.
/// </summary>
public abstract class LedgerReportPageModel : LedgerPageModel
{
    [BindProperty(Name = "from", SupportsGet = true)] public string? From { get; set; }
    [BindProperty(Name = "to", SupportsGet = true)] public string? To { get; set; }
    [BindProperty(Name = "at", SupportsGet = true)] public string? At { get; set; }

    /// <summary>The filter's inputs: the dates as typed (or as defaulted), and what is wrong with them.</summary>
    public FormFields Filters { get; } = new("report");

    public LedgerSettings Settings { get; private set; } = null!;

    /// <summary>The address of the report's CSV (the reports API, same sign-in), once the report is shown.</summary>
    public string? CsvUrl { get; protected set; }

    /// <summary>True when the page shows a period (from, to); false when a day (at).</summary>
    public abstract bool ShowsPeriod { get; }

    /// <summary>Filters of the address that the report's filter form keeps as they are (e.g. the partner of an aged report).</summary>
    public virtual IReadOnlyList<(string Name, string Value)> KeptFilters => [];

    /// <summary>Whether the report is of one account, chosen in the filter.</summary>
    public virtual bool ChoosesAccount => false;

    /// <summary>The chosen account's code and name, which its picker shows; null when none is chosen or the code is unknown.</summary>
    public string? AccountLabel { get; protected set; }

    /// <summary>An amount of the report in the base currency, with ',' between thousands.</summary>
    public string Money(long minorUnits) => Amount(minorUnits, Settings.BaseDigits);

    /// <summary>Reads the period of the query. A blank <c>from</c> is the start of the fiscal year of <c>to</c>; a blank <c>to</c> is today.</summary>
    protected async Task<(DateOnly From, DateOnly To)?> PeriodAsync(CancellationToken ct)
    {
        await LoadSettingsAsync(ct);
        var to = Read("to", To);
        var from = Read("from", From);
        if (Filters.Errors.Count > 0)
        {
            return null;
        }
        var end = to ?? await TodayAsync(ct);
        var start = from ?? (await Service<FiscalYearService>().ForDateAsync(end, ct)).Start;
        if (start > end)
        {
            Filters.Values["to"] = To!.Trim();
            Filters.Errors["to"] = $"To is on or after From ({LedgerDates.Text(start)}).";
            return null;
        }
        (Filters.Values["from"], Filters.Values["to"]) = (LedgerDates.Text(start), LedgerDates.Text(end));
        return (start, end);
    }

    /// <summary>Reads the day of the query (<c>at</c>); blank is today.</summary>
    protected async Task<DateOnly?> DayAsync(CancellationToken ct)
    {
        await LoadSettingsAsync(ct);
        if (Read("at", At) is { } at)
        {
            return at;
        }
        if (Filters.Errors.Count > 0)
        {
            return null;
        }
        var today = await TodayAsync(ct);
        Filters.Values["at"] = LedgerDates.Text(today);
        return today;
    }

    /// <summary>The page as it is: 200 with the report, 400 with the filter's errors and no report.</summary>
    protected IActionResult Shown() => PageWith(Filters.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private DateOnly? Read(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        Filters.Values[name] = text.Trim();
        var date = LedgerDates.Accept(text);
        if (date is null)
        {
            Filters.Errors[name] = LedgerDates.Refusal($"'{text.Trim()}'", text, $"'{text.Trim()}' is not a date (yyyy-MM-dd).");
        }
        return date;
    }

    private async Task LoadSettingsAsync(CancellationToken ct) => Settings ??= await Service<LedgerSettingsService>().GetAsync(ct);

    private Task<DateOnly> TodayAsync(CancellationToken ct) => Service<ITenantClock>().GetTodayAsync(ct);

    private T Service<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();
}
