using System.Globalization;
using ErpCrm.Money;

namespace ErpCrm.Core.Money;

/// <summary><see cref="IMoneyFormat"/> over <see cref="Currencies"/>, the same text as MoneyField's display.</summary>
internal sealed class MoneyFormat : IMoneyFormat
{
    public string Format(long minorUnits, string currency) =>
        Currencies.TryGetMinorUnits(currency, out var digits)
            ? $"{Currencies.FormatAmount(minorUnits, digits, groupThousands: true)} {currency}"
            : $"{minorUnits.ToString(CultureInfo.InvariantCulture)} {currency}";
}
