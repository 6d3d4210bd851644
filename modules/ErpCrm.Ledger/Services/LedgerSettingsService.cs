using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Money;
using ErpCrm.Tenants;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The base currency, the lock date, the fiscal year's first month, the currencies lines may be in and their exchange rates.
/// The base currency can change only while nothing is posted (every posted amount is in it). A currency's minor units are the
/// ISO 4217 ones for codes the host knows; other codes (a company's own token, a crypto asset) give theirs (0–3).
/// Settings and currencies come from the tenant's configuration cache (kind <see cref="Kind"/>), kept for the unit of work; a change
/// reads them from the database and invalidates the cache in its transaction. Postings read the lock date on their journals' rows
/// (<see cref="JournalLocks"/>), which a change of it sets in the same transaction: the cached one is for showing.
/// </summary>
public sealed partial class LedgerSettingsService(IUnitOfWork unitOfWork, ITenantConfigurationCache configuration)
{
    /// <summary>Rates are kept to this many decimals; more is refused.</summary>
    public const int MaxRateDecimals = 12;

    /// <summary>The settings with the currencies, as the configuration cache keeps them.</summary>
    public sealed record Snapshot(LedgerSettings Settings, FrozenDictionary<string, LedgerCurrency> Currencies);

    public static readonly ConfigurationKind<Snapshot> Kind = new("Ledger.Settings");

    private Snapshot? _snapshot;

    public async Task<LedgerSettings> GetAsync(CancellationToken cancellationToken) => (await SnapshotAsync(cancellationToken)).Settings;

    /// <summary>The ledger's currencies by code.</summary>
    public async Task<IReadOnlyDictionary<string, LedgerCurrency>> CurrenciesAsync(CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Currencies;

    /// <summary>Before a change of the settings or currencies: invalidates the cache with it, and reads them from the database from now on.</summary>
    public async Task ChangingAsync(CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(Kind, cancellationToken);
        _snapshot = null;
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        _snapshot ??= await configuration.GetAsync(Kind, LoadAsync, cancellationToken);

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var row = await unitOfWork.QuerySingleOrDefaultAsync<SettingsRow>(
            "SELECT base_currency AS BaseCurrency, lock_date AS LockDate, fiscal_year_start_month AS StartMonth FROM ledger_settings WHERE id = 1",
            cancellationToken: cancellationToken) ?? throw new InvalidOperationException("The ledger's settings row is missing: the Ledger migration did not run.");
        var rows = await unitOfWork.QueryAsync<CurrencyRow>(
            "SELECT code AS Code, name AS Name, minor_units AS MinorUnits, active AS Active FROM ledger_currencies ORDER BY code",
            cancellationToken: cancellationToken);
        var currencies = rows.ToFrozenDictionary(r => r.Code, r => new LedgerCurrency(r.Code, r.Name, r.MinorUnits, r.Active != 0), StringComparer.Ordinal);
        var digits = currencies.TryGetValue(row.BaseCurrency, out var currency) ? currency.MinorUnits : CurrencyAmounts.TryGetMinorUnits(row.BaseCurrency, out var d) ? d : 2;
        return new Snapshot(new LedgerSettings(row.BaseCurrency, digits, LedgerDates.ParseOrNull(row.LockDate), row.StartMonth), currencies);
    }

    /// <summary>Changes the settings given (null leaves one as it is). The lock date moves only forward past a closed year's end.</summary>
    public async Task<Result<LedgerSettings>> UpdateAsync(string? baseCurrency, string? lockDate, int? fiscalYearStartMonth, CancellationToken cancellationToken)
    {
        await ChangingAsync(cancellationToken);
        var current = await GetAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        var code = baseCurrency?.Trim().ToUpperInvariant();
        if (code is "")
        {
            errors["baseCurrency"] = "baseCurrency cannot be empty; leave it out to keep the current one.";
        }
        else if (code is not null && !(await CurrenciesAsync(cancellationToken)).ContainsKey(code))
        {
            errors["baseCurrency"] = $"baseCurrency '{baseCurrency}' is not one of the ledger's currencies; add it first.";
        }
        DateOnly? newLock = current.LockDate;
        if (lockDate is not null)
        {
            if (lockDate.Length == 0)
            {
                newLock = null;
            }
            else if (LedgerDates.Accept(lockDate) is { } parsed)
            {
                newLock = parsed;
            }
            else
            {
                errors["lockDate"] = LedgerDates.Refusal("lockDate", lockDate, "lockDate must be a date (yyyy-MM-dd), or empty for none.");
            }
        }
        if (fiscalYearStartMonth is < 1 or > 12)
        {
            errors["fiscalYearStartMonth"] = "fiscalYearStartMonth must be a month from 1 to 12.";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        if (code is not null && code != current.BaseCurrency
            && await unitOfWork.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger_entries WHERE state = 'posted'", cancellationToken: cancellationToken) > 0)
        {
            return Result.Conflict("The base currency cannot change once entries are posted: every posted amount is in it.", "baseCurrency");
        }
        var lastClosedEnd = await unitOfWork.ExecuteScalarAsync<string?>(
            "SELECT MAX(end_date) FROM ledger_fiscal_years WHERE state = 'closed'", cancellationToken: cancellationToken);
        if (lastClosedEnd is not null && (newLock is null || newLock.Value < LedgerDates.Parse(lastClosedEnd)))
        {
            return Result.Conflict($"The lock date cannot be before {lastClosedEnd}, the end of the last closed fiscal year.", "lockDate");
        }
        await unitOfWork.ExecuteAsync(
            "UPDATE ledger_settings SET base_currency = @Base, lock_date = @Lock, fiscal_year_start_month = @Month WHERE id = 1",
            new { Base = code ?? current.BaseCurrency, Lock = LedgerDates.TextOrNull(newLock), Month = fiscalYearStartMonth ?? current.FiscalYearStartMonth },
            cancellationToken);
        if (newLock != current.LockDate)
        {
            // Postings read the lock date on their journals' rows, which this takes first: those in flight commit before, later ones see it.
            await JournalLocks.SetLockDateAsync(unitOfWork, LedgerDates.TextOrNull(newLock), cancellationToken);
        }
        _snapshot = null;
        return Result.Done(await GetAsync(cancellationToken));
    }

    /// <summary>Adds a currency or changes its name and whether it is active. Minor units are fixed once set (amounts are stored in them).</summary>
    public async Task<Result<LedgerCurrency>> SaveCurrencyAsync(string? code, string? name, int? minorUnits, bool? active, string path, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var key = code?.Trim().ToUpperInvariant() ?? "";
        if (!CurrencyCode().IsMatch(key))
        {
            errors[$"{path}code"] = "code must be three letters (ISO 4217, e.g. EUR).";
        }
        var known = CurrencyAmounts.TryGetMinorUnits(key, out var isoDigits);
        if (minorUnits is { } digits && (digits is < 0 or > CurrencyAmounts.MaxMinorUnits || (known && digits != isoDigits)))
        {
            errors[$"{path}minorUnits"] = known ? $"{key} has {isoDigits} decimals (ISO 4217)." : $"minorUnits must be from 0 to {CurrencyAmounts.MaxMinorUnits}.";
        }
        if (!known && minorUnits is null && errors.Count == 0)
        {
            errors[$"{path}minorUnits"] = $"minorUnits is required for {key}, a code ISO 4217 does not list here.";
        }
        if (name is { Length: > 100 })
        {
            errors[$"{path}name"] = "name is at most 100 characters.";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        await ChangingAsync(cancellationToken);
        var existing = (await CurrenciesAsync(cancellationToken)).GetValueOrDefault(key);
        var units = minorUnits ?? isoDigits;
        if (existing is not null && existing.MinorUnits != units)
        {
            return Result.Conflict($"{key} already has {existing.MinorUnits} decimals; amounts are stored in them.", $"{path}minorUnits");
        }
        var settings = await GetAsync(cancellationToken);
        if (active == false && key == settings.BaseCurrency)
        {
            return Result.Conflict($"{key} is the base currency and stays active.", $"{path}active");
        }
        var saved = new LedgerCurrency(key, string.IsNullOrWhiteSpace(name) ? existing?.Name ?? key : name.Trim(), units, active ?? existing?.Active ?? true);
        await unitOfWork.ExecuteAsync("""
            INSERT INTO ledger_currencies (code, name, minor_units, active) VALUES (@Code, @Name, @MinorUnits, @Active)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, active = excluded.active
            """, new { saved.Code, saved.Name, saved.MinorUnits, Active = saved.Active ? 1 : 0 }, cancellationToken);
        _snapshot = null;
        return Result.Done(saved);
    }

    /// <summary>The rate of <paramref name="currency"/> on <paramref name="date"/>: the latest set on or before it.</summary>
    public async Task<decimal?> RateAsync(string currency, DateOnly date, CancellationToken cancellationToken)
    {
        var text = await unitOfWork.QuerySingleOrDefaultAsync<string>(
            "SELECT rate FROM ledger_exchange_rates WHERE currency = @Currency AND date <= @Date ORDER BY date DESC LIMIT 1",
            new { Currency = currency, Date = LedgerDates.Text(date) }, cancellationToken);
        return text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>The rates of a currency (or all), newest first.</summary>
    public async Task<IReadOnlyList<ExchangeRate>> RatesAsync(string? currency, CancellationToken cancellationToken)
    {
        var rows = await unitOfWork.QueryAsync<(string Currency, string Date, string Rate)>(
            "SELECT currency, date, rate FROM ledger_exchange_rates WHERE (@Currency IS NULL OR currency = @Currency) ORDER BY currency, date DESC",
            new { Currency = currency }, cancellationToken);
        return rows.Select(r => new ExchangeRate(r.Currency, LedgerDates.Parse(r.Date), decimal.Parse(r.Rate, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Sets the rate of a currency from a date on (replacing one set for that date).</summary>
    public async Task<Result<ExchangeRate>> SaveRateAsync(string? currency, string? date, string? rate, string path, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        var settings = await GetAsync(cancellationToken);
        if (!(await CurrenciesAsync(cancellationToken)).ContainsKey(code))
        {
            errors[$"{path}currency"] = $"currency '{currency}' is not one of the ledger's currencies.";
        }
        else if (code == settings.BaseCurrency)
        {
            errors[$"{path}currency"] = $"{code} is the base currency: its rate is 1.";
        }
        var day = LedgerDates.Accept(date);
        if (day is null)
        {
            errors[$"{path}date"] = LedgerDates.Refusal("date", date, "date must be a date (yyyy-MM-dd).");
        }
        var value = ReadRate(rate);
        if (value is null)
        {
            errors[$"{path}rate"] = $"rate must be a number above zero with at most {MaxRateDecimals} decimals (base currency units per unit of the currency).";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        var text = value!.Value.ToString(CultureInfo.InvariantCulture);
        await unitOfWork.ExecuteAsync("""
            INSERT INTO ledger_exchange_rates (currency, date, rate) VALUES (@Currency, @Date, @Rate)
            ON CONFLICT (currency, date) DO UPDATE SET rate = excluded.rate
            """, new { Currency = code, Date = LedgerDates.Text(day!.Value), Rate = text }, cancellationToken);
        return Result.Done(new ExchangeRate(code, day!.Value, value.Value));
    }

    private static decimal? ReadRate(string? text)
    {
        if (text is null || !RateText().IsMatch(text.Trim()) ||
            !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return null;
        }
        return value;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"^\d{1,12}(\.\d{1,12})?$")]
    private static partial Regex RateText();

    private sealed class SettingsRow
    {
        public string BaseCurrency { get; init; } = "";
        public string? LockDate { get; init; }
        public int StartMonth { get; init; }
    }

    private sealed class CurrencyRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public int MinorUnits { get; init; }
        public int Active { get; init; }
    }
}
