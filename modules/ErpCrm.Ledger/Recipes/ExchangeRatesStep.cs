using ErpCrm.Ledger.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>
/// <c>{"name": "ExchangeRates", "rates": [{"currency": "USD", "date": "2026-01-01", "rate": "0.92"}]}</c>: sets each rate (base-currency
/// units per unit of the currency, from that date on), replacing one already set for the same currency and date. A rate is a JSON
/// number or a string, above zero with at most <see cref="LedgerSettingsService.MaxRateDecimals"/> decimals, taken as written.
/// </summary>
public sealed class ExchangeRatesStep(LedgerSettingsService settings) : LedgerRecipeStep<IReadOnlyList<ExchangeRatesStep.RateLine>>
{
    public const string StepName = "ExchangeRates";

    public override string Name => StepName;

    public sealed record RateLine(string Path, string Currency, string Date, string Rate);

    private protected override async Task ApplyAsync(IReadOnlyList<RateLine> rates, RecipeStepReader reader, CancellationToken cancellationToken)
    {
        foreach (var rate in rates)
        {
            if (!reader.Report(await settings.SaveRateAsync(rate.Currency, rate.Date, rate.Rate, rate.Path, cancellationToken)))
            {
                return;
            }
        }
    }

    private protected override IReadOnlyList<RateLine> Read(RecipeStepReader reader)
    {
        var lines = new List<RateLine>();
        var seen = new HashSet<(string, string)>();
        foreach (var (path, item) in reader.Objects("rates", required: true))
        {
            var currency = reader.Text(item, path, "currency", required: true);
            var date = reader.Text(item, path, "date", required: true);
            var rate = reader.DecimalText(item, path, "rate");
            if (currency is not null && !LedgerSettingsService.IsCurrencyCode(currency))
            {
                reader.Error(path + RecipeStepReader.Field(item, "currency").Name, "currency must be three letters (ISO 4217, e.g. USD).");
            }
            if (date is not null && LedgerDates.Accept(date) is null)
            {
                reader.Error(path + RecipeStepReader.Field(item, "date").Name, LedgerDates.Refusal("date", date, "date must be a date (yyyy-MM-dd)."));
            }
            if (rate is not null && !LedgerSettingsService.IsRate(rate))
            {
                reader.Error(path + RecipeStepReader.Field(item, "rate").Name,
                    $"rate must be a number above zero with at most {LedgerSettingsService.MaxRateDecimals} decimals ('{rate}' given).");
            }
            if (currency is null || date is null || rate is null)
            {
                continue;
            }
            if (!seen.Add((currency.Trim().ToUpperInvariant(), date.Trim())))
            {
                reader.Error(path + "date", $"{currency} has a second rate for {date} in this step.");
            }
            lines.Add(new RateLine(path, currency, date, rate));
        }
        return lines;
    }
}
