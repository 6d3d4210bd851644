namespace ErpCrm.Leads.Models;

/// <summary>An amount of one currency: exact minor units, and the same as a decimal and as text for people.</summary>
public sealed record MoneyTotal(string Currency, long MinorUnits, decimal Amount, string Text);

/// <summary>The open leads in one stage now: how many, and their expected revenue by currency.</summary>
public sealed record StageFigures(string Stage, int Position, long Count, IReadOnlyList<MoneyTotal> ExpectedRevenue);

/// <summary>Leads won and lost over the period (by when they closed), with their expected revenue by currency.</summary>
/// <param name="Key">The source or the owner's user id; null for leads without one.</param>
/// <param name="Name">What to show: the source, the owner's name, or "(none)".</param>
public sealed record ClosedFigures(string? Key, string Name, long Won, long Lost, IReadOnlyList<MoneyTotal> WonRevenue, IReadOnlyList<MoneyTotal> LostRevenue);

/// <summary>How leads closed over the period.</summary>
/// <param name="Won">Leads won in the period.</param>
/// <param name="Lost">Leads lost in the period.</param>
/// <param name="Rate">Won ÷ (won + lost), 0 to 1 with 4 decimals; null when none closed.</param>
/// <param name="Converted">Leads converted to contacts in the period.</param>
public sealed record ConversionFigures(long Won, long Lost, decimal? Rate, long Converted);

/// <summary>The leads report over a period of the tenant's days, <paramref name="From"/> to <paramref name="To"/> inclusive (yyyy-MM-dd).</summary>
public sealed record LeadReport(
    string From,
    string To,
    IReadOnlyList<StageFigures> Stages,
    ConversionFigures Conversion,
    IReadOnlyList<ClosedFigures> BySource,
    IReadOnlyList<ClosedFigures> ByOwner);
