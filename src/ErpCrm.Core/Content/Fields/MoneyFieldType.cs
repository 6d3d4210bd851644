using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Money;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>MoneyField</c>: <c>{"Amount": "1150.00", "Currency": "EUR"}</c>. Exact: Amount comes as a JSON number or a string,
/// is read digit by digit (see <see cref="Currencies"/>) and stored as a string with exactly the currency's decimals;
/// more decimals than the currency has is an error, never rounded. Settings <c>MoneyFieldSettings</c>: Required, Hint,
/// Currency (a fixed ISO 4217 code: the value's Currency must be absent or equal, and is filled in), Minimum, Maximum.
/// Without a fixed currency each value names its own. Errors about one property are keyed by it (Path.Amount, Path.Currency).
/// </summary>
internal sealed class MoneyFieldType : ContentFieldTypeBase
{
    public override string Name => "MoneyField";

    public override string DisplayName => "Money";

    public override ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Number;

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        Read(value) is var (minorUnits, _, digits) ? new ContentFieldIndexValue(Number: Currencies.ToMajorUnits(minorUnits, digits)) : null;

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        Read(value) is var (minorUnits, currency, digits) ? $"{Currencies.FormatAmount(minorUnits, digits, groupThousands: true)} {currency}" : null;

    protected override void CheckSettings(SettingsReader settings)
    {
        if (settings.Text("Currency") is { } currency && !Currencies.TryGetMinorUnits(currency, out _))
        {
            settings.Error("Currency", $"Currency '{currency}' is not a known ISO 4217 currency code (three uppercase letters, e.g. EUR).");
        }
        settings.CheckNumberRange();
    }

    protected override void Validate(FieldInput input)
    {
        var amountNode = input.Value["Amount"];
        if (!input.HasValue(JsonScalars.IsBlank(amountNode)) || !input.TryGetText("Currency", out var given, "Currency"))
        {
            return;
        }
        var fixedCurrency = input.Settings.Text("Currency");
        given = string.IsNullOrWhiteSpace(given) ? null : given.Trim().ToUpperInvariant();
        if (fixedCurrency is not null && given is not null && given != fixedCurrency)
        {
            input.Error($"is in {given}; it must be in {fixedCurrency}", "Currency");
            return;
        }
        var currency = given ?? fixedCurrency;
        if (currency is null)
        {
            input.Error("needs a currency (an ISO 4217 code such as EUR)", "Currency");
            return;
        }
        if (!Currencies.TryGetMinorUnits(currency, out var digits))
        {
            input.Error($"has an unknown currency '{currency}'", "Currency");
            return;
        }
        if (!JsonScalars.TryGetNumberText(amountNode, out var text))
        {
            input.Error("must be an amount such as 1150.00", "Amount");
            return;
        }
        if (!Currencies.TryParseAmount(text, currency, out var minorUnits, out var error))
        {
            input.Error(error!, "Amount");
            return;
        }
        input.Value["Amount"] = Currencies.FormatAmount(minorUnits, digits);
        input.Value["Currency"] = currency;
        input.WithinRange(Currencies.ToMajorUnits(minorUnits, digits), currency, "Amount");
    }

    /// <summary>A stored value's amount, currency and decimals; null when it has none (or is not in its stored form).</summary>
    private static (long MinorUnits, string Currency, int Digits)? Read(JsonObject? value) =>
        StringOf(value, "Currency") is { } currency && Currencies.TryGetMinorUnits(currency, out var digits)
            && JsonScalars.TryGetNumberText(value?["Amount"], out var text) && Currencies.TryParseAmount(text, digits, out var minorUnits, out _)
            ? (minorUnits, currency, digits)
            : null;
}
