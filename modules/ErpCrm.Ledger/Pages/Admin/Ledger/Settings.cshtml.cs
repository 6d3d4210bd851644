using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// How the books are set up, a form per part, each calling the service that holds its rules: the base currency, lock date and fiscal
/// year's first month (<see cref="LedgerSettingsService.UpdateAsync"/>), currencies and exchange rates, journals
/// (<see cref="JournalService.SaveAsync"/>), fiscal years (<see cref="FiscalYearService.CreateAsync"/>) and their close
/// (<see cref="YearEndCloseService.CloseAsync"/>), which the page asks to confirm first (<c>?close=name</c>). Errors stand next to the
/// inputs of the form that was sent, which keeps what was typed.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ManageLedgerName)]
public sealed class SettingsModel(LedgerSettingsService settings, JournalService journals, FiscalYearService years, YearEndCloseService closing,
    AccountService accounts) : LedgerPageModel
{
    public const string SettingsForm = "settings", CurrencyForm = "currency", RateForm = "rate", JournalForm = "journal", YearForm = "year", CloseForm = "close";

    /// <summary>The fiscal year whose close the page asks to confirm, from the URL.</summary>
    [BindProperty(Name = "close", SupportsGet = true)] public string? Close { get; set; }

    /// <summary>The form just saved, from the URL after the redirect.</summary>
    [BindProperty(Name = "saved", SupportsGet = true)] public string? Saved { get; set; }

    public LedgerSettings Current { get; private set; } = null!;
    public IReadOnlyList<LedgerCurrency> Currencies { get; private set; } = [];
    public IReadOnlyList<ExchangeRate> Rates { get; private set; } = [];
    public IReadOnlyList<LedgerJournal> Journals { get; private set; } = [];
    public IReadOnlyList<FiscalYear> Years { get; private set; } = [];
    public IReadOnlyList<LedgerAccount> EquityAccounts { get; private set; } = [];

    /// <summary>The year to confirm the close of, when the URL names an open one.</summary>
    public FiscalYear? Closing { get; private set; }

    /// <summary>The form that was sent, as typed, with its errors.</summary>
    public FormFields Sent { get; private set; } = new();

    public string? SavedMessage => Saved switch
    {
        SettingsForm => "The settings are saved.",
        CurrencyForm => "The currency is saved.",
        RateForm => "The exchange rate is saved.",
        JournalForm => "The journal is saved.",
        YearForm => "The fiscal year is added.",
        CloseForm => "The fiscal year is closed: its result is in retained earnings and the books are locked up to its end.",
        _ => null,
    };

    /// <summary>What form <paramref name="form"/> shows: what was typed into it when it was the one sent, else nothing.</summary>
    public FormFields Of(string form) => Sent.Form == form ? Sent : new FormFields(form);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var form = new FormFields(SettingsForm);
        form.Values["baseCurrency"] = Current.BaseCurrency;
        form.Values["lockDate"] = DateText(Current.LockDate);
        form.Values["fiscalYearStartMonth"] = Current.FiscalYearStartMonth.ToString(CultureInfo.InvariantCulture);
        Sent = form;
        if (Close is not null && Closing is null)
        {
            Sent = new FormFields(CloseForm);
            Sent.Problems.Add($"There is no open fiscal year {Close}.");
            return PageWith(StatusCodes.Status404NotFound);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        var sent = Read(SettingsForm, "baseCurrency", "lockDate", "fiscalYearStartMonth");
        if (!WholeNumber(sent, "fiscalYearStartMonth", "The month is a number from 1 to 12.", out var month))
        {
            return await InvalidAsync(sent, ct);
        }
        var result = await settings.UpdateAsync(Blank(sent.Value("baseCurrency")), sent.Value("lockDate").Trim(), month, ct);
        return await AnswerAsync(result, sent, ct);
    }

    public async Task<IActionResult> OnPostCurrencyAsync(CancellationToken ct)
    {
        var sent = Read(CurrencyForm, "code", "name", "minorUnits");
        if (!WholeNumber(sent, "minorUnits", "The decimals are a whole number from 0 to 4.", out var units))
        {
            return await InvalidAsync(sent, ct);
        }
        return await AnswerAsync(await settings.SaveCurrencyAsync(sent.Value("code"), Blank(sent.Value("name")), units, null, "", ct), sent, ct);
    }

    public async Task<IActionResult> OnPostRateAsync(CancellationToken ct)
    {
        var sent = Read(RateForm, "currency", "date", "rate");
        return await AnswerAsync(await settings.SaveRateAsync(sent.Value("currency"), sent.Value("date"), sent.Value("rate").Trim(), "", ct), sent, ct);
    }

    public async Task<IActionResult> OnPostJournalAsync(CancellationToken ct)
    {
        var sent = Read(JournalForm, "code", "name", "type");
        return await AnswerAsync(await journals.SaveAsync(new JournalInput(sent.Value("code"), sent.Value("name"), sent.Value("type"), null), "", ct), sent, ct);
    }

    public async Task<IActionResult> OnPostYearAsync(CancellationToken ct)
    {
        var sent = Read(YearForm, "name", "start", "end");
        return await AnswerAsync(await years.CreateAsync(sent.Value("name"), sent.Value("start"), sent.Value("end"), ct), sent, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var sent = Read(CloseForm, "account");
        return await AnswerAsync(await closing.CloseAsync(Close ?? "", Blank(sent.Value("account")), ct), sent, ct);
    }

    private FormFields Read(string form, params string[] inputs)
    {
        var sent = new FormFields(form);
        foreach (var input in inputs)
        {
            sent.Values[input] = Request.Form[input].ToString();
        }
        return sent;
    }

    private async Task<IActionResult> AnswerAsync<T>(Result<T> result, FormFields sent, CancellationToken ct)
    {
        if (result.Status == ResultStatus.Done)
        {
            return RedirectTo($"{LedgerAdminUrls.Settings}?saved={sent.Form}#{sent.Form}");
        }
        sent.Add(result.Errors, result.Detail, sent.Values.Keys.ToList());
        return await ShowAsync(sent, ApiResults.StatusCode(result.Status), ct);
    }

    private Task<IActionResult> InvalidAsync(FormFields sent, CancellationToken ct) => ShowAsync(sent, StatusCodes.Status400BadRequest, ct);

    /// <summary>The page again with the form sent, its errors also in the form's summary (its _Problems shows the rest).</summary>
    private async Task<IActionResult> ShowAsync(FormFields sent, int status, CancellationToken ct)
    {
        Summarize(sent, problems: false);
        Sent = sent;
        await LoadAsync(ct);
        return PageWith(status);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await settings.GetAsync(ct);
        Currencies = (await settings.CurrenciesAsync(ct)).Values.ToList();
        Rates = await settings.RatesAsync(null, ct);
        Journals = await journals.ListAsync(ct);
        Years = await years.ListAsync(ct);
        EquityAccounts = (await accounts.TreeAsync(ct)).Select(a => a.Account).Where(a => a.Type == AccountTypes.Equity && a.Active).ToList();
        Closing = Close is null ? null : Years.FirstOrDefault(y => y.Name == Close && y.State == FiscalYear.Open);
    }

    /// <summary>A whole number typed into <paramref name="input"/>: null when left empty; false, with <paramref name="error"/> next to it, when it is not one.</summary>
    private static bool WholeNumber(FormFields sent, string input, string error, out int? value)
    {
        value = null;
        if (sent.Value(input).Trim() is not { Length: > 0 } text)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }
        sent.Errors[input] = error;
        return false;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
}
