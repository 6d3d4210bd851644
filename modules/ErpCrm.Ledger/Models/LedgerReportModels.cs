namespace ErpCrm.Ledger.Models;

// The reports as the services answer them: amounts in minor units of the base currency. The API and the CSV files write them
// with exactly the base currency's decimals.

/// <summary>An account of a trial balance: what it held before <c>from</c>, its movements in the range, what it holds at <c>to</c>.
/// A debit balance is positive.</summary>
public sealed record TrialBalanceLine(string Account, string Name, string Type, long Opening, long Debit, long Credit)
{
    public long Closing => Opening + Debit - Credit;
}

public sealed record TrialBalance(DateOnly From, DateOnly To, IReadOnlyList<TrialBalanceLine> Lines)
{
    public long Debit => Lines.Sum(l => l.Debit);
    public long Credit => Lines.Sum(l => l.Credit);
    public long Opening => Lines.Sum(l => l.Opening);
    public long Closing => Lines.Sum(l => l.Closing);
}

/// <summary>An account's amount in a report section, on the side the section counts positive.</summary>
public sealed record ReportAccountLine(string Account, string Name, string? Subtype, long Amount);

/// <summary>A group of accounts of one type and its total.</summary>
public sealed record ReportSection(string Type, IReadOnlyList<ReportAccountLine> Lines)
{
    public long Total => Lines.Sum(l => l.Amount);
}

/// <summary>One month of the profit and loss, for a chart. <paramref name="Month"/> is <c>yyyy-MM</c>.</summary>
public sealed record ProfitAndLossMonth(string Month, long Income, long Expense)
{
    public long Result => Income - Expense;
}

/// <summary>Income (credit − debit) and expense (debit − credit) in a range, leaving out year-end closing entries.</summary>
public sealed record ProfitAndLoss(DateOnly From, DateOnly To, ReportSection Income, ReportSection Expense, IReadOnlyList<ProfitAndLossMonth> Months)
{
    public long Result => Income.Total - Expense.Total;
}

/// <summary>
/// Assets (debit balances), liabilities and equity (credit balances) at a date, and the income and expense not yet carried into
/// retained earnings: the current fiscal year's result and that of earlier years not closed. Assets = liabilities + equity + both
/// results whenever every posted entry balances.
/// </summary>
public sealed record BalanceSheet(DateOnly At, FiscalYear Year, ReportSection Assets, ReportSection Liabilities, ReportSection Equity,
    long CurrentYearResult, long EarlierYearsResult)
{
    public long LiabilitiesAndEquity => Liabilities.Total + Equity.Total + CurrentYearResult + EarlierYearsResult;
    public bool Balanced => Assets.Total == LiabilitiesAndEquity;
}

/// <summary>A statement line: a posted line of the account and the balance after it.</summary>
public sealed record StatementLine(DateOnly Date, long EntryId, string? Number, string Journal, string? Reference, string? Description,
    string? ContactId, string? ContactName, long Debit, long Credit, long Balance);

/// <summary>
/// An account's statement over a range: the balance before it, each posted line with the running balance, and the balance after
/// it. <paramref name="Truncated"/>: there were more lines than the report shows; the totals and the closing balance count them all.
/// </summary>
public sealed record AccountStatement(LedgerAccount Account, DateOnly From, DateOnly To, long Opening, long Debit, long Credit,
    IReadOnlyList<StatementLine> Lines, bool Truncated)
{
    public long Closing => Opening + Debit - Credit;
}

/// <summary>How overdue an open item is, from its due date (or its date) to the report's date.</summary>
public enum AgeBucket
{
    NotDue,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

/// <summary>
/// A posted line on a receivable or payable account not yet fully matched at the report's date. <paramref name="Amount"/> and
/// <paramref name="Residual"/> are on the report's side: what the customer owes (aged receivables) or what is owed to the supplier
/// (aged payables); a payment not matched yet counts negative.
/// </summary>
public sealed record OpenItem(long LineId, long EntryId, string? Number, string Account, DateOnly Date, DateOnly DueDate, string? Reference,
    long Amount, long Residual, int DaysOverdue, AgeBucket Bucket);

/// <summary>Amounts per age bucket.</summary>
public sealed record AgedAmounts(long NotDue, long Days1To30, long Days31To60, long Days61To90, long Over90)
{
    public static readonly AgedAmounts Zero = new(0, 0, 0, 0, 0);

    public long Total => NotDue + Days1To30 + Days31To60 + Days61To90 + Over90;

    public AgedAmounts Add(AgeBucket bucket, long amount) => bucket switch
    {
        AgeBucket.NotDue => this with { NotDue = NotDue + amount },
        AgeBucket.Days1To30 => this with { Days1To30 = Days1To30 + amount },
        AgeBucket.Days31To60 => this with { Days31To60 = Days31To60 + amount },
        AgeBucket.Days61To90 => this with { Days61To90 = Days61To90 + amount },
        _ => this with { Over90 = Over90 + amount },
    };

    public AgedAmounts Add(AgedAmounts other) => new(NotDue + other.NotDue, Days1To30 + other.Days1To30, Days31To60 + other.Days31To60,
        Days61To90 + other.Days61To90, Over90 + other.Over90);
}

/// <summary>A partner's open items and their totals by age. <paramref name="ContactId"/> is null for lines without a contact.</summary>
public sealed record AgedPartner(string? ContactId, string? Name, AgedAmounts Amounts, IReadOnlyList<OpenItem> Items);

/// <summary>Aged receivables (<see cref="AccountSubtypes.Receivable"/>) or payables (<see cref="AccountSubtypes.Payable"/>) at a date.</summary>
public sealed record AgedBalance(DateOnly At, string Subtype, IReadOnlyList<AgedPartner> Partners)
{
    public AgedAmounts Totals => Partners.Aggregate(AgedAmounts.Zero, (sum, p) => sum.Add(p.Amounts));
}

/// <summary>A break <c>GET /api/ledger/verify</c> found. <paramref name="Kind"/>: chain, hash, balance, number, entry, head.</summary>
public sealed record VerifyProblem(string Kind, string? Journal, long? EntryId, string? Number, string Message);

/// <summary>What the verification read and what it found; <see cref="Ok"/> when nothing.</summary>
public sealed record VerifyReport(long Entries, long Lines, IReadOnlyList<VerifyProblem> Problems, bool ProblemsCut)
{
    public bool Ok => Problems.Count == 0;
}
