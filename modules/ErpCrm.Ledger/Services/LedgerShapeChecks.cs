using ErpCrm.Money;

namespace ErpCrm.Ledger.Services;

// Shape checks that need no tenant: a recipe step validates with them before any step runs (the services check the same again,
// with the tenant's data, when the step runs). They reuse the services' own patterns so that the two never disagree.

public sealed partial class LedgerSettingsService
{
    /// <summary>Whether <paramref name="code"/> reads as a currency code (three letters, any case).</summary>
    public static bool IsCurrencyCode(string? code) => CurrencyCode().IsMatch(code?.Trim().ToUpperInvariant() ?? "");

    /// <summary>Whether <paramref name="text"/> is a rate the ledger keeps: above zero, at most <see cref="MaxRateDecimals"/> decimals.</summary>
    public static bool IsRate(string? text) => ReadRate(text) is not null;

    /// <summary>What <see cref="SaveCurrencyAsync"/> refuses whatever the tenant holds: a bad code, minor units ISO 4217 contradicts
    /// or, for a code it does not list, none; a long name. Errors are keyed <paramref name="path"/> + field.</summary>
    public static void CheckCurrencyShape(string? code, string? name, int? minorUnits, string path, IDictionary<string, string> errors)
    {
        var key = code?.Trim().ToUpperInvariant() ?? "";
        if (!CurrencyCode().IsMatch(key))
        {
            errors[$"{path}code"] = "code must be three letters (ISO 4217, e.g. EUR).";
            return;
        }
        var known = CurrencyAmounts.TryGetMinorUnits(key, out var isoDigits);
        if (minorUnits is { } digits && (digits is < 0 or > CurrencyAmounts.MaxMinorUnits || (known && digits != isoDigits)))
        {
            errors[$"{path}minorUnits"] = known ? $"{key} has {isoDigits} decimals (ISO 4217)." : $"minorUnits must be from 0 to {CurrencyAmounts.MaxMinorUnits}.";
        }
        else if (!known && minorUnits is null)
        {
            errors[$"{path}minorUnits"] = $"minorUnits is required for {key}, a code ISO 4217 does not list here.";
        }
        if (name is { Length: > 100 })
        {
            errors[$"{path}name"] = "name is at most 100 characters.";
        }
    }
}

public sealed partial class AccountService
{
    /// <summary>Whether <paramref name="code"/> reads as an account code.</summary>
    public static bool IsAccountCode(string? code) => AccountCode().IsMatch(code?.Trim() ?? "");
}

public sealed partial class JournalService
{
    /// <summary>Whether <paramref name="code"/> reads as a journal code (any case: journals are stored upper case).</summary>
    public static bool IsJournalCode(string? code) => JournalCode().IsMatch(code?.Trim().ToUpperInvariant() ?? "");
}
