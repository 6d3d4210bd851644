using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Ledger.Models;
using ErpCrm.Money;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Reads an entry as the API, the entry editor and recipes send it into an <see cref="EntryDraft"/>, reporting every field that does not
/// read at once. Amounts are a JSON number or a string, read digit by digit (never through a double): at most the currency's decimals,
/// more is an error, never rounded. <c>debit</c> and <c>credit</c> are in the base currency; <c>amountCurrency</c> in the line's currency.
/// </summary>
public sealed class EntryRequestReader(LedgerSettingsService settings, LedgerPostingService posting)
{
    /// <summary>The most entries one batch takes.</summary>
    public const int MaxBatch = 10_000;

    /// <summary>The entry and whether it asks to be posted, or null with errors keyed by JSON path under <paramref name="path"/>.</summary>
    public async Task<(EntryDraft? Entry, bool Post)> ReadAsync(JsonNode? node, string path, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (node is not JsonObject body)
        {
            errors[path.Length == 0 ? "body" : path.TrimEnd('.')] = "An entry is a JSON object: {\"journal\", \"date\", \"reference\", \"lines\": [...]}.";
            return (null, false);
        }
        var ledger = await settings.GetAsync(cancellationToken);
        var currencies = await settings.CurrenciesAsync(cancellationToken);
        var before = errors.Count;
        var journal = Text(body, "journal", path, errors)?.ToUpperInvariant();
        if (journal is null && !errors.ContainsKey($"{path}journal"))
        {
            errors[$"{path}journal"] = "journal is required (e.g. GEN, SAL, PUR, BNK, CSH).";
        }
        var date = Date(body, "date", path, errors, required: true);
        var due = Date(body, "dueDate", path, errors, required: false);
        var reference = Text(body, "reference", path, errors);
        var post = false;
        if (Property(body, "post") is { } postNode)
        {
            if (postNode.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                post = postNode.GetValue<bool>();
            }
            else
            {
                errors[$"{path}post"] = "post is true or false.";
            }
        }
        var lines = new List<LineDraft>();
        switch (Property(body, "lines"))
        {
            case null:
                errors[$"{path}lines"] = "lines is required: a list of {\"account\", \"debit\" or \"credit\"}.";
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count && i <= EntryChecker.MaxLines; i++)
                {
                    // A line that did not read whole stays in place (as far as it read), so the references below are checked at their index.
                    lines.Add(ReadLine(array[i], $"{path}lines[{i}].", ledger, currencies, errors) ?? new LineDraft("", 0, 0));
                }
                break;
            default:
                errors[$"{path}lines"] = "lines is a list of {\"account\", \"debit\" or \"credit\"}.";
                break;
        }
        var entry = new EntryDraft(journal ?? "", date ?? SomeDate, reference, lines) { DueDate = due };
        if (errors.Count > before)
        {
            // Name every bad field at once: what the body got wrong, and which accounts, contacts and journal it names do not exist.
            await posting.AddReferenceProblemsAsync(entry, path, errors, cancellationToken);
            return (null, post);
        }
        return (entry, post);
    }

    /// <summary>A batch: <c>{"entries": [...]}</c>, every entry read, errors keyed <c>entries[i].…</c>.</summary>
    public async Task<IReadOnlyList<EntryDraft>?> ReadBatchAsync(JsonNode? node, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if ((node is JsonObject body ? Property(body, "entries") : null) is not JsonArray array)
        {
            errors["entries"] = "The body is {\"entries\": [...]}, a list of entries.";
            return null;
        }
        if (array.Count is 0 or > MaxBatch)
        {
            errors["entries"] = $"A batch has from 1 to {MaxBatch} entries.";
            return null;
        }
        var entries = new List<EntryDraft>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var (entry, _) = await ReadAsync(array[i], $"entries[{i}].", errors, cancellationToken);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }
        return errors.Count > 0 ? null : entries;
    }

    private static LineDraft? ReadLine(JsonNode? node, string at, LedgerSettings ledger, IReadOnlyDictionary<string, LedgerCurrency> currencies, IDictionary<string, string> errors)
    {
        if (node is not JsonObject line)
        {
            errors[at.TrimEnd('.')] = "A line is a JSON object: {\"account\", \"debit\" or \"credit\"}.";
            return null;
        }
        var account = Text(line, "account", at, errors);
        if (account is null && !errors.ContainsKey($"{at}account"))
        {
            errors[$"{at}account"] = "account is required: an account's code.";
        }
        var debit = Amount(line, "debit", at, ledger.BaseDigits, ledger.BaseCurrency, errors);
        var credit = Amount(line, "credit", at, ledger.BaseDigits, ledger.BaseCurrency, errors);
        var currency = Text(line, "currency", at, errors)?.ToUpperInvariant();
        long? amountCurrency = null;
        if (currency is not null && currency != ledger.BaseCurrency && !currencies.ContainsKey(currency))
        {
            errors[$"{at}currency"] = $"Currency '{currency}' is not one of the ledger's currencies ({string.Join(", ", currencies.Keys)}).";
        }
        else if (Property(line, "amountCurrency") is not null)
        {
            var code = currency ?? ledger.BaseCurrency;
            amountCurrency = Amount(line, "amountCurrency", at, code == ledger.BaseCurrency ? ledger.BaseDigits : currencies[code].MinorUnits, code, errors, signed: true);
        }
        var contact = Text(line, "contactId", at, errors);
        var description = Text(line, "description", at, errors);
        return new LineDraft(account ?? "", debit ?? 0, credit ?? 0)
        {
            Currency = currency, AmountCurrency = amountCurrency, ContactId = contact, Description = description,
        };
    }

    // Stands in for a date that did not read while the references of an entry that did not read whole are checked.
    private static readonly DateOnly SomeDate = new(2000, 1, 1);

    /// <summary>An amount in minor units from a JSON number or string; null when absent or null.</summary>
    public static long? Amount(JsonObject owner, string name, string at, int digits, string currency, IDictionary<string, string> errors, bool signed = false)
    {
        var node = Property(owner, name);
        if (node is null)
        {
            return null;
        }
        var kind = node.GetValueKind();
        var text = kind switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>(),
            _ => null,
        };
        if (text is null)
        {
            errors[$"{at}{name}"] = $"{name} is an amount: a number or a string such as \"1150.00\".";
            return null;
        }
        if (text.Trim().Length == 0 && kind == JsonValueKind.String)
        {
            return null;
        }
        if (!CurrencyAmounts.TryParseAmount(text, digits, out var minor, out var error))
        {
            errors[$"{at}{name}"] = $"{name} {error} ({currency} has {digits} decimal{(digits == 1 ? "" : "s")}).";
            return null;
        }
        if (!signed && minor < 0)
        {
            errors[$"{at}{name}"] = $"{name} is above zero: a negative {name} is a {(name == "debit" ? "credit" : "debit")}.";
            return null;
        }
        return minor;
    }

    private static string? Text(JsonObject owner, string name, string at, IDictionary<string, string> errors)
    {
        var node = Property(owner, name);
        if (node is null)
        {
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors[$"{at}{name}"] = $"{name} is text.";
            return null;
        }
        var text = node.GetValue<string>().Trim();
        return text.Length == 0 ? null : text;
    }

    private static DateOnly? Date(JsonObject owner, string name, string at, IDictionary<string, string> errors, bool required)
    {
        var node = Property(owner, name);
        if (node is null)
        {
            if (required)
            {
                errors[$"{at}{name}"] = $"{name} is required (yyyy-MM-dd).";
            }
            return null;
        }
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        var date = LedgerDates.Accept(text);
        if (date is null)
        {
            errors[$"{at}{name}"] = LedgerDates.Refusal(name, text, $"{name} must be a date (yyyy-MM-dd).");
        }
        return date;
    }

    /// <summary>A property by name ignoring case; a JSON null counts as absent.</summary>
    public static JsonNode? Property(JsonObject owner, string name) =>
        owner.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
