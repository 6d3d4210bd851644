using ErpCrm.Ledger.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>
/// <c>{"name": "Currencies", "baseCurrency"?: "EUR", "currencies": [{"code": "USD", "name"?: "US Dollar", "minorUnits"?: 2, "active"?: true}]}</c>:
/// adds the currencies or brings them up to date, then makes <c>baseCurrency</c> (listed here or already known) the base.
/// The base cannot change once entries are posted; the step then fails and leaves everything as it was.
/// </summary>
public sealed class CurrenciesStep(LedgerSettingsService settings) : LedgerRecipeStep<CurrenciesStep.Input>
{
    public const string StepName = "Currencies";

    public override string Name => StepName;

    public sealed record Input(string? BaseCurrency, IReadOnlyList<CurrencyLine> Currencies);

    public sealed record CurrencyLine(string Path, string Code, string? Name, int? MinorUnits, bool? Active);

    private protected override async Task ApplyAsync(Input input, RecipeStepReader reader, CancellationToken cancellationToken)
    {
        var (baseCurrency, currencies) = input;
        // A currency switched off may be today's base, which the step moves away from: switch it off after the move.
        var current = (await settings.GetAsync(cancellationToken)).BaseCurrency;
        var later = currencies.Where(c => c.Active == false && c.Code == current && baseCurrency is not null && baseCurrency != current).ToList();
        foreach (var currency in currencies.Except(later))
        {
            if (!reader.Report(await settings.SaveCurrencyAsync(currency.Code, currency.Name, currency.MinorUnits, currency.Active, currency.Path, cancellationToken)))
            {
                return;
            }
        }
        if (baseCurrency is not null && !reader.Report(await settings.UpdateAsync(baseCurrency, null, null, cancellationToken)))
        {
            return;
        }
        foreach (var currency in later)
        {
            if (!reader.Report(await settings.SaveCurrencyAsync(currency.Code, currency.Name, currency.MinorUnits, currency.Active, currency.Path, cancellationToken)))
            {
                return;
            }
        }
    }

    private protected override Input Read(RecipeStepReader reader)
    {
        var baseText = reader.Text(reader.Step, "", "baseCurrency");
        var baseCurrency = baseText?.Trim().ToUpperInvariant();
        if (baseText is not null && !LedgerSettingsService.IsCurrencyCode(baseText))
        {
            reader.Error(RecipeStepReader.Field(reader.Step, "baseCurrency").Name, "baseCurrency must be three letters (ISO 4217, e.g. EUR).");
        }
        var items = reader.Objects("currencies", required: baseText is null);
        var lines = new List<CurrencyLine>(items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in items)
        {
            var code = reader.Text(item, path, "code", required: true);
            var name = reader.Text(item, path, "name");
            var minorUnits = reader.Integer(item, path, "minorUnits");
            var active = reader.Flag(item, path, "active");
            if (code is null)
            {
                continue;
            }
            var shape = new Dictionary<string, string>();
            LedgerSettingsService.CheckCurrencyShape(code, name, minorUnits, path, shape);
            foreach (var (at, reason) in shape)
            {
                reader.Error(at, reason);
            }
            var key = code.Trim().ToUpperInvariant();
            if (!seen.Add(key))
            {
                reader.Error(path + "code", $"{key} is listed twice.");
            }
            if (key == baseCurrency && active == false)
            {
                reader.Error(path + "active", $"{key} is the base currency and stays active.");
            }
            lines.Add(new CurrencyLine(path, key, name, minorUnits, active));
        }
        return new Input(baseCurrency, lines);
    }
}
