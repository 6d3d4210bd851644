using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Money;

namespace ErpCrm.Ledger.Endpoints;

/// <summary>An entry as the API answers it: amounts as strings with exactly their currency's decimals.</summary>
public sealed record EntryDto(long Id, string Journal, string? Number, string State, string Date, string? DueDate, string? Reference,
    string? FiscalYear, bool IsClosing, long? ReversalOf, long? ReversedBy, int Version, string Currency, string Total, string? Hash, string? PrevHash,
    DateTimeOffset CreatedUtc, string? CreatedBy, DateTimeOffset? PostedUtc, string? PostedBy, IReadOnlyList<LineDto>? Lines);

/// <summary>A line as the API answers it.</summary>
public sealed record LineDto(long Id, int LineNo, string Account, string? AccountName, string Debit, string Credit, string? Currency,
    string? AmountCurrency, string? ContactId, string? Description);

/// <summary>A page of entries.</summary>
public sealed record EntryPageDto(IReadOnlyList<EntryDto> Items, long Total, int Page, int PageSize);

/// <summary>The ledger settings as the API answers them.</summary>
public sealed record SettingsDto(string BaseCurrency, int BaseDigits, string? LockDate, int FiscalYearStartMonth);

/// <summary>A fiscal year and its periods (months).</summary>
public sealed record FiscalYearDto(string Name, string Start, string End, string State, long? ClosingEntryId, IReadOnlyList<PeriodDto> Periods);

public sealed record PeriodDto(string Start, string End, bool Locked);

/// <summary>An exchange rate as the API answers it.</summary>
public sealed record RateDto(string Currency, string Date, string Rate);

/// <summary>Shapes the ledger's values for answers; built per request from the tenant's settings, currencies and chart.</summary>
public sealed class LedgerDtos(LedgerSettings settings, IReadOnlyDictionary<string, LedgerCurrency> currencies, IReadOnlyDictionary<string, LedgerAccount> chart)
{
    public static async Task<LedgerDtos> CreateAsync(LedgerSettingsService settings, AccountService accounts, CancellationToken cancellationToken) =>
        new(await settings.GetAsync(cancellationToken), await settings.CurrenciesAsync(cancellationToken), await accounts.AllAsync(cancellationToken));

    public string Base(long minorUnits) => CurrencyAmounts.FormatAmount(minorUnits, settings.BaseDigits);

    public EntryDto Entry(LedgerEntry e, bool withLines = true) =>
        new(e.Id, e.Journal, e.Number, e.State, LedgerDates.Text(e.Date), LedgerDates.TextOrNull(e.DueDate), e.Reference, e.FiscalYear, e.IsClosing,
            e.ReversalOf, e.ReversedBy, e.Version, settings.BaseCurrency, Base(e.Total), e.Hash, e.PrevHash, e.CreatedUtc, e.CreatedBy, e.PostedUtc, e.PostedBy,
            withLines ? e.Lines.Select(Line).ToList() : null);

    public LineDto Line(LedgerLine l) =>
        new(l.Id, l.LineNo, l.Account, chart.GetValueOrDefault(l.Account)?.Name, Base(l.Debit), Base(l.Credit), l.Currency,
            l.AmountCurrency is { } amount && l.Currency is { } code
                ? CurrencyAmounts.FormatAmount(amount, currencies.TryGetValue(code, out var c) ? c.MinorUnits : settings.BaseDigits)
                : null,
            l.ContactId, l.Description);

    public static SettingsDto Settings(LedgerSettings s) => new(s.BaseCurrency, s.BaseDigits, LedgerDates.TextOrNull(s.LockDate), s.FiscalYearStartMonth);

    public static FiscalYearDto Year(FiscalYear y, DateOnly? lockDate) =>
        new(y.Name, LedgerDates.Text(y.Start), LedgerDates.Text(y.End), y.State, y.ClosingEntryId,
            y.Periods().Select(p => new PeriodDto(LedgerDates.Text(p.Start), LedgerDates.Text(p.End), y.State == FiscalYear.Closed || (lockDate is { } l && p.End <= l))).ToList());

    public static RateDto Rate(ExchangeRate r) => new(r.Currency, LedgerDates.Text(r.Date), r.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
