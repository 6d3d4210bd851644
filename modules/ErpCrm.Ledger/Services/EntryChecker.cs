using ErpCrm.Contacts.Services;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Money;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Checks an entry before anything is written and works out what the writer needs: base amounts of foreign lines at the entry
/// date's rate, the fiscal year. Every problem is reported at once, keyed by its JSON path (<c>lines[1].account</c>). What a
/// request got wrong is invalid (400); what the books' state forbids (a locked date, a closed year) is a conflict (409).
/// </summary>
internal sealed class EntryChecker(LedgerSettingsService settings, AccountService accounts, JournalService journals, FiscalYearService years,
    ContactIndexQueries contacts)
{
    /// <summary>Limits that keep one entry, and sums over it, well inside a 64-bit integer.</summary>
    public const int MaxLines = 1000, MaxReferenceLength = 200, MaxDescriptionLength = 500;
    public const long MaxAmount = 1_000_000_000_000_000;

    private readonly Dictionary<string, bool> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, DateOnly), decimal?> _rates = [];

    /// <summary>The entry ready to write, or null with its problems in <paramref name="errors"/>. Posting also needs it balanced.</summary>
    public async Task<LedgerWriter.Prepared?> CheckAsync(EntryDraft draft, bool posting, string path, IDictionary<string, string> errors,
        CancellationToken cancellationToken, bool isClosing = false, long? reversalOf = null)
    {
        var before = errors.Count;
        var ledger = await settings.GetAsync(cancellationToken);
        var chart = await accounts.AllAsync(cancellationToken);
        var currencies = await settings.CurrenciesAsync(cancellationToken);
        if (!(await journals.AllAsync(cancellationToken)).TryGetValue(draft.Journal, out var journal))
        {
            errors[$"{path}journal"] = $"Journal '{draft.Journal}' does not exist.";
        }
        else if (!journal.Active)
        {
            errors[$"{path}journal"] = $"Journal {journal.Code} is inactive.";
        }
        if (draft.Reference is { Length: > MaxReferenceLength })
        {
            errors[$"{path}reference"] = $"reference is at most {MaxReferenceLength} characters.";
        }
        if (draft.DueDate is { } due && due < draft.Date)
        {
            errors[$"{path}dueDate"] = "dueDate cannot be before the entry's date.";
        }
        if (draft.Lines.Count > MaxLines)
        {
            errors[$"{path}lines"] = $"An entry has at most {MaxLines} lines.";
            return null;
        }
        if (posting && draft.Lines.Count < 2)
        {
            errors[$"{path}lines"] = "A posted entry has at least two lines.";
        }

        var lines = new List<LedgerLine>(draft.Lines.Count);
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            // The line's key prefix is built only when a problem needs it: a valid line, as most are, costs no string.
            string? prefix = null;
            string At() => prefix ??= $"{path}lines[{i}].";
            var problems = errors.Count;
            chart.TryGetValue(line.Account, out var account);
            if (account is null)
            {
                errors[$"{At()}account"] = $"Account '{line.Account}' does not exist.";
            }
            else if (!account.Active)
            {
                errors[$"{At()}account"] = $"Account {account.Code} ({account.Name}) is archived.";
            }
            if (line.Debit < 0 || line.Credit < 0)
            {
                errors[$"{At()}{(line.Debit < 0 ? "debit" : "credit")}"] = "An amount is above zero: a negative debit is a credit (and the other way round).";
            }
            else if (line.Debit > MaxAmount || line.Credit > MaxAmount)
            {
                errors[$"{At()}{(line.Debit > MaxAmount ? "debit" : "credit")}"] = "The amount is too large for one line.";
            }
            else if (line.Debit > 0 && line.Credit > 0)
            {
                errors[$"{At()}debit"] = "A line has a debit or a credit, not both.";
            }
            var currency = line.Currency is null || line.Currency == ledger.BaseCurrency ? null : line.Currency;
            var debit = line.Debit;
            var credit = line.Credit;
            long? amountCurrency = null;
            if (currency is null)
            {
                if (line.Debit == 0 && line.Credit == 0 && !errors.ContainsKey($"{At()}debit"))
                {
                    errors[$"{At()}debit"] = "A line needs a debit or a credit above zero.";
                }
                if (line.AmountCurrency is { } same && line.Currency is not null && same != line.Debit - line.Credit)
                {
                    errors[$"{At()}amountCurrency"] = $"A {ledger.BaseCurrency} line's amountCurrency is its debit (positive) or credit (negative).";
                }
                if (account?.Currency is { } only && only != ledger.BaseCurrency)
                {
                    errors[$"{At()}currency"] = $"Account {account.Code} takes only {only} lines.";
                }
            }
            else if (!currencies.TryGetValue(currency, out var known) || !known.Active)
            {
                errors[$"{At()}currency"] = $"Currency '{currency}' is not one of the ledger's active currencies.";
            }
            else if (line.AmountCurrency is not { } foreign || foreign == 0)
            {
                errors[$"{At()}amountCurrency"] = $"A {currency} line needs amountCurrency: its amount in {currency}, positive for a debit, negative for a credit.";
            }
            else if (Math.Abs(foreign) > MaxAmount)
            {
                errors[$"{At()}amountCurrency"] = "The amount is too large for one line.";
            }
            else if ((line.Debit > 0 && foreign < 0) || (line.Credit > 0 && foreign > 0))
            {
                errors[$"{At()}amountCurrency"] = $"amountCurrency is {(foreign < 0 ? "negative on a debit" : "positive on a credit")} line: a debit is positive in {currency}, a credit negative.";
            }
            else if (account?.Currency is { } only && only != currency)
            {
                errors[$"{At()}currency"] = $"Account {account.Code} takes only {only} lines.";
            }
            else
            {
                amountCurrency = foreign;
                if (line.Debit == 0 && line.Credit == 0)
                {
                    if (await RateAsync(currency, draft.Date, cancellationToken) is not { } rate)
                    {
                        errors[$"{At()}currency"] = $"There is no {currency} rate on or before {LedgerDates.Text(draft.Date)}: set one, or give the line's debit or credit in {ledger.BaseCurrency}.";
                    }
                    else
                    {
                        var converted = Convert(foreign, known.MinorUnits, rate, ledger.BaseDigits);
                        (debit, credit) = converted >= 0 ? (converted, 0L) : (0L, -converted);
                        if (converted == 0)
                        {
                            errors[$"{At()}amountCurrency"] = $"The amount is worth nothing in {ledger.BaseCurrency} at the rate {rate}.";
                        }
                    }
                }
            }
            if (account is not null && AccountSubtypes.IsPartnerAccount(account.Subtype) && line.ContactId is null)
            {
                errors[$"{At()}contactId"] = $"Account {account.Code} is {account.Subtype}: its lines carry the contact they are owed by or to.";
            }
            if (line.ContactId is { } contactId && !await ContactExistsAsync(contactId, cancellationToken))
            {
                errors[$"{At()}contactId"] = $"Contact '{contactId}' does not exist.";
            }
            if (line.Description is { Length: > MaxDescriptionLength })
            {
                errors[$"{At()}description"] = $"description is at most {MaxDescriptionLength} characters.";
            }
            if (errors.Count == problems)
            {
                lines.Add(new LedgerLine(0, i + 1, line.Account, debit, credit, currency, amountCurrency, line.ContactId, line.Description));
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        if (posting && !Balanced(lines, draft.Lines, ledger, currencies, path, errors))
        {
            return null;
        }
        var year = await years.ForDateAsync(draft.Date, cancellationToken);
        return new LedgerWriter.Prepared(draft, lines, year, isClosing, reversalOf);
    }

    /// <summary>
    /// Why nothing can be posted on one of the dates (a conflict with the books' state), or null when all can. <paramref name="lockDate"/>
    /// is the one read on the rows of the posting's journals, taken for this transaction (<see cref="LedgerWriter.LockJournalsAsync"/>):
    /// a lock date moved or a year closed by someone else takes those rows first (<see cref="JournalLocks"/>), so it either committed
    /// before they were read or waits until this posting commits. A closed year always ends on or before the lock date (closing moves it
    /// there, and it never moves back past a closed year), so the lock date decides; the cached years name the year in the answer.
    /// </summary>
    public async Task<(int Index, string Reason)?> PeriodClosedAsync(IReadOnlyList<DateOnly> dates, DateOnly? lockDate, CancellationToken cancellationToken)
    {
        var closed = (await years.ListAsync(cancellationToken)).Where(y => y.State == FiscalYear.Closed).ToList();
        for (var i = 0; i < dates.Count; i++)
        {
            var date = dates[i];
            if (lockDate is { } locked && date <= locked)
            {
                return (i, $"The books are locked up to {LedgerDates.Text(locked)}: nothing can be posted on {LedgerDates.Text(date)}.");
            }
            if (closed.FirstOrDefault(y => y.Contains(date)) is { } year)
            {
                return (i, $"Fiscal year {year.Name} is closed: nothing can be posted on {LedgerDates.Text(date)}.");
            }
        }
        return null;
    }

    /// <summary>
    /// Debits equal credits in the base currency, above zero; an entry whose lines are all in one foreign currency balances in it too.
    /// When such an entry's base amounts were all converted at the rate and differ only by rounding (a minor unit per line at most),
    /// the difference goes to the largest line on the short side, as a bank would round.
    /// </summary>
    private static bool Balanced(List<LedgerLine> lines, IReadOnlyList<LineDraft> drafts, LedgerSettings ledger,
        IReadOnlyDictionary<string, LedgerCurrency> currencies, string path, IDictionary<string, string> errors)
    {
        var debits = lines.Sum(l => l.Debit);
        var credits = lines.Sum(l => l.Credit);
        var foreign = lines.Select(l => l.Currency).Distinct().ToList();
        if (foreign is [{ } only])
        {
            var inCurrency = lines.Sum(l => l.AmountCurrency!.Value);
            if (inCurrency != 0)
            {
                errors[$"{path}lines"] = $"The {only} lines are unbalanced: they add up to {CurrencyAmounts.FormatAmount(inCurrency, currencies[only].MinorUnits)} {only}, not zero.";
                return false;
            }
            var difference = debits - credits;
            if (difference != 0 && Math.Abs(difference) <= lines.Count && drafts.All(d => d.Debit == 0 && d.Credit == 0))
            {
                var shortSide = difference > 0 ? lines.Where(l => l.Credit > 0) : lines.Where(l => l.Debit > 0);
                var largest = shortSide.MaxBy(l => l.Debit + l.Credit)!;
                lines[lines.IndexOf(largest)] = difference > 0 ? largest with { Credit = largest.Credit + difference } : largest with { Debit = largest.Debit - difference };
                debits = lines.Sum(l => l.Debit);
                credits = lines.Sum(l => l.Credit);
            }
        }
        if (debits != credits)
        {
            var digits = ledger.BaseDigits;
            errors[$"{path}lines"] = $"The entry is unbalanced: debits {CurrencyAmounts.FormatAmount(debits, digits)} and credits {CurrencyAmounts.FormatAmount(credits, digits)} {ledger.BaseCurrency} differ by {CurrencyAmounts.FormatAmount(Math.Abs(debits - credits), digits)}.";
            return false;
        }
        if (debits == 0)
        {
            errors[$"{path}lines"] = "The entry moves nothing: its debits and credits are zero.";
            return false;
        }
        return true;
    }

    /// <summary>A foreign amount in the base currency's minor units at the rate, rounded half away from zero (conversion, not input).</summary>
    public static long Convert(long minorUnits, int digits, decimal rate, int baseDigits)
    {
        var major = CurrencyAmounts.ToMajorUnits(minorUnits, digits) * rate;
        var rounded = Math.Round(major, baseDigits, MidpointRounding.AwayFromZero);
        return (long)(rounded * Pow10(baseDigits));
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };

    private async Task<decimal?> RateAsync(string currency, DateOnly date, CancellationToken cancellationToken)
    {
        if (!_rates.TryGetValue((currency, date), out var rate))
        {
            _rates[(currency, date)] = rate = await settings.RateAsync(currency, date, cancellationToken);
        }
        return rate;
    }

    private async Task<bool> ContactExistsAsync(string id, CancellationToken cancellationToken)
    {
        if (!_contacts.TryGetValue(id, out var exists))
        {
            _contacts[id] = exists = await contacts.ContentTypeOfAsync(id, cancellationToken) is not null;
        }
        return exists;
    }
}
