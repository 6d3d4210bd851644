using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Ledger.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>
/// Exports the ledger's configuration as a <c>Currencies</c> step, then a <c>ChartOfAccounts</c> step (accounts in tree order,
/// the journals, the fiscal year's first month and the lock date). One source for both: the exporter orders sources by name, and
/// the chart needs its currencies first (an account may be restricted to one).
/// </summary>
public sealed class LedgerExportSource(LedgerSettingsService settings, AccountService accounts, JournalService journals) : IRecipeExportSource
{
    public string Name => "Ledger";

    public string DisplayName => "Ledger: currencies, chart of accounts and journals";

    public async Task<IReadOnlyList<JsonObject>> ExportAsync(CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var currencies = new JsonArray();
        foreach (var currency in (await settings.CurrenciesAsync(cancellationToken)).Values.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            currencies.Add(new JsonObject { ["code"] = currency.Code, ["name"] = currency.Name, ["minorUnits"] = currency.MinorUnits, ["active"] = currency.Active });
        }
        var chart = new JsonArray();
        foreach (var (account, _) in await accounts.TreeAsync(cancellationToken))
        {
            var item = new JsonObject { ["code"] = account.Code, ["name"] = account.Name, ["type"] = account.Type };
            Optional(item, "subtype", account.Subtype);
            Optional(item, "parent", account.Parent);
            Optional(item, "currency", account.Currency);
            item["active"] = account.Active;
            chart.Add(item);
        }
        var journalList = new JsonArray();
        foreach (var journal in await journals.ListAsync(cancellationToken))
        {
            journalList.Add(new JsonObject { ["code"] = journal.Code, ["name"] = journal.Name, ["type"] = journal.Type, ["active"] = journal.Active });
        }
        return
        [
            new JsonObject { ["name"] = CurrenciesStep.StepName, ["baseCurrency"] = current.BaseCurrency, ["currencies"] = currencies },
            new JsonObject
            {
                ["name"] = ChartOfAccountsStep.StepName,
                ["accounts"] = chart,
                ["journals"] = journalList,
                ["fiscalYearStartMonth"] = current.FiscalYearStartMonth,
                ["lockDate"] = LedgerDates.TextOrNull(current.LockDate),
            },
        ];
    }

    private static void Optional(JsonObject item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }
}

/// <summary>
/// Exports every exchange rate as an <c>ExchangeRates</c> step (by currency, oldest first), the rate as the text it was set with.
/// A source of its own, since a rate history can be long; its name sorts after <see cref="LedgerExportSource"/>'s, whose
/// <c>Currencies</c> step the rates need.
/// </summary>
public sealed class ExchangeRatesExportSource(LedgerSettingsService settings) : IRecipeExportSource
{
    public string Name => "LedgerExchangeRates";

    public string DisplayName => "Ledger: exchange rates";

    public async Task<IReadOnlyList<JsonObject>> ExportAsync(CancellationToken cancellationToken)
    {
        var rates = new JsonArray();
        foreach (var rate in (await settings.RatesAsync(null, cancellationToken)).OrderBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Date))
        {
            rates.Add(new JsonObject
            {
                ["currency"] = rate.Currency,
                ["date"] = LedgerDates.Text(rate.Date),
                ["rate"] = rate.Rate.ToString(CultureInfo.InvariantCulture),
            });
        }
        return [new JsonObject { ["name"] = ExchangeRatesStep.StepName, ["rates"] = rates }];
    }
}
