namespace ErpCrm.Ledger.Models;

/// <summary>The five account types and the side each one's balance normally sits on.</summary>
public static class AccountTypes
{
    public const string Asset = "asset", Liability = "liability", Equity = "equity", Income = "income", Expense = "expense";

    public static readonly IReadOnlyList<string> All = [Asset, Liability, Equity, Income, Expense];

    /// <summary>Assets and expenses grow with debits; liabilities, equity and income with credits.</summary>
    public static bool IsDebitNormal(string type) => type is Asset or Expense;

    /// <summary>Income and expense accounts make the profit and loss and are carried into retained earnings at year end.</summary>
    public static bool IsProfitAndLoss(string type) => type is Income or Expense;
}

/// <summary>Subtypes say what an account is for: receivable and payable lines carry a partner, retained earnings receives the
/// year-end close, bank and cash feed the bank journals, and the balance sheet and aged reports group by them.</summary>
public static class AccountSubtypes
{
    public const string Receivable = "receivable", Payable = "payable", Bank = "bank", Cash = "cash", Stock = "stock", Tax = "tax",
        RetainedEarnings = "retained_earnings", CurrentAsset = "current_asset", FixedAsset = "fixed_asset", Depreciation = "depreciation",
        Prepayment = "prepayment", CurrentLiability = "current_liability", LongTermLiability = "long_term_liability", Equity = "equity",
        Revenue = "revenue", OtherIncome = "other_income", CostOfSales = "cost_of_sales", OperatingExpense = "operating_expense",
        OtherExpense = "other_expense", ExchangeDifference = "exchange_difference";

    /// <summary>The subtypes each type allows.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByType = new Dictionary<string, IReadOnlyList<string>>
    {
        [AccountTypes.Asset] = [Receivable, Bank, Cash, Stock, Tax, CurrentAsset, FixedAsset, Depreciation, Prepayment],
        [AccountTypes.Liability] = [Payable, Tax, CurrentLiability, LongTermLiability],
        [AccountTypes.Equity] = [Equity, RetainedEarnings],
        [AccountTypes.Income] = [Revenue, OtherIncome, ExchangeDifference],
        [AccountTypes.Expense] = [CostOfSales, OperatingExpense, Depreciation, OtherExpense, ExchangeDifference],
    };

    /// <summary>Lines on these accounts carry a contact and can be matched.</summary>
    public static bool IsPartnerAccount(string? subtype) => subtype is Receivable or Payable;
}

/// <summary>An account of the chart.</summary>
public sealed record LedgerAccount(string Code, string Name, string Type, string? Subtype, string? Parent, string? Currency, bool Active);

/// <summary>The body that creates or changes an account; on a change, what is left out stays as it was.</summary>
public sealed record AccountInput(string? Code, string? Name, string? Type, string? Subtype, string? Parent, string? Currency, bool? Active);

/// <summary>The journal types: what the journal records.</summary>
public static class JournalTypes
{
    public const string General = "general", Sale = "sale", Purchase = "purchase", Bank = "bank", Cash = "cash";

    public static readonly IReadOnlyList<string> All = [General, Sale, Purchase, Bank, Cash];
}

/// <summary>A journal and how many entries it has posted.</summary>
public sealed record LedgerJournal(string Code, string Name, string Type, bool Active, long Posted);

/// <summary>The body that creates or changes a journal.</summary>
public sealed record JournalInput(string? Code, string? Name, string? Type, bool? Active);

/// <summary>The tenant's ledger settings.</summary>
/// <param name="BaseCurrency">The currency the books are kept in; every line's debit and credit are in it.</param>
/// <param name="BaseDigits">The base currency's decimals.</param>
/// <param name="LockDate">Nothing can be posted on or before this date.</param>
/// <param name="FiscalYearStartMonth">The month (1–12) fiscal years begin with when the ledger makes one up for a date.</param>
public sealed record LedgerSettings(string BaseCurrency, int BaseDigits, DateOnly? LockDate, int FiscalYearStartMonth);

/// <summary>A currency the ledger accepts on lines, with its minor unit's decimals.</summary>
public sealed record LedgerCurrency(string Code, string Name, int MinorUnits, bool Active);

/// <summary>How many base-currency units one unit of <paramref name="Currency"/> bought from <paramref name="Date"/> on.</summary>
public sealed record ExchangeRate(string Currency, DateOnly Date, decimal Rate);

/// <summary>A fiscal year: its periods are its months; closed once its income and expense went to retained earnings.</summary>
public sealed record FiscalYear(string Name, DateOnly Start, DateOnly End, string State, long? ClosingEntryId)
{
    public const string Open = "open", Closed = "closed";

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The year's periods: its months, the first and last cut to the year's bounds.</summary>
    public IReadOnlyList<(DateOnly Start, DateOnly End)> Periods()
    {
        var periods = new List<(DateOnly, DateOnly)>();
        for (var start = Start; start <= End;)
        {
            var monthEnd = new DateOnly(start.Year, start.Month, DateTime.DaysInMonth(start.Year, start.Month));
            var end = monthEnd < End ? monthEnd : End;
            periods.Add((start, end));
            start = end.AddDays(1);
        }
        return periods;
    }
}

/// <summary>An entry is written as a draft, then posted once; posted entries never change.</summary>
public static class EntryStates
{
    public const string Draft = "draft", Posted = "posted";
}

/// <summary>A journal entry as stored; amounts in the base currency's minor unit (foreign amounts in their own).</summary>
public sealed record LedgerEntry(
    long Id, string Journal, string? FiscalYear, string? Number, string State, DateOnly Date, DateOnly? DueDate, string? Reference,
    bool IsClosing, long? ReversalOf, long? ReversedBy, int Version, long Total, string? PrevHash, string? Hash,
    DateTimeOffset CreatedUtc, string? CreatedBy, DateTimeOffset? PostedUtc, string? PostedBy, IReadOnlyList<LedgerLine> Lines)
{
    public bool IsPosted => State == EntryStates.Posted;
}

/// <summary>A line of an entry. Exactly one of debit and credit is above zero; a foreign line also carries its amount in its own
/// currency, signed (positive on a debit line, negative on a credit line).</summary>
public sealed record LedgerLine(long Id, int LineNo, string Account, long Debit, long Credit, string? Currency, long? AmountCurrency,
    string? ContactId, string? Description);

/// <summary>
/// An entry to write, already read from its source (a request, a recipe, another module). Amounts are in minor units. A foreign line
/// (<see cref="LineDraft.Currency"/> other than the base) carries <see cref="LineDraft.AmountCurrency"/>; when both its debit and
/// credit are zero the ledger converts that amount at the rate of the entry's date.
/// </summary>
public sealed record EntryDraft(string Journal, DateOnly Date, string? Reference, IReadOnlyList<LineDraft> Lines)
{
    public DateOnly? DueDate { get; init; }
}

/// <summary>A line to write. See <see cref="EntryDraft"/>.</summary>
public sealed record LineDraft(string Account, long Debit, long Credit)
{
    public string? Currency { get; init; }
    public long? AmountCurrency { get; init; }
    public string? ContactId { get; init; }
    public string? Description { get; init; }
}

/// <summary>What lists of entries filter on.</summary>
public sealed record EntryFilter(string? Journal, DateOnly? From, DateOnly? To, string? Account, string? State, string? Search, int Page, int PageSize);

/// <summary>A page of entries (without their lines) and how many match in all.</summary>
public sealed record EntryPage(IReadOnlyList<LedgerEntry> Items, long Total);
