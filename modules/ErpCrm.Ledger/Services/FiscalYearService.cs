using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Tenants;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Fiscal years: numbering restarts in each, and a closed year takes no more entries. A year is made up when the first entry
/// of a date outside every year is posted (twelve months from the settings' start month, named after its first calendar year,
/// e.g. <c>2026</c> or <c>2026-27</c>); admins may declare years of other lengths beforehand. Years never overlap.
/// The years come from the tenant's configuration cache (kind <see cref="Kind"/>), kept for the unit of work; a change reads them from
/// the database and invalidates the cache in its transaction. Postings read the closed years again inside their transaction
/// (<see cref="EntryChecker.PeriodClosedAsync"/>).
/// </summary>
public sealed class FiscalYearService(IUnitOfWork unitOfWork, LedgerSettingsService settings, ITenantConfigurationCache configuration)
{
    public static readonly ConfigurationKind<IReadOnlyList<FiscalYear>> Kind = new("Ledger.FiscalYears");

    private IReadOnlyList<FiscalYear>? _years;

    public async Task<IReadOnlyList<FiscalYear>> ListAsync(CancellationToken cancellationToken) =>
        _years ??= await configuration.GetAsync<IReadOnlyList<FiscalYear>>(Kind, async ct => (await unitOfWork.QueryAsync<YearRow>(
                "SELECT name AS Name, start_date AS StartDate, end_date AS EndDate, state AS State, closing_entry_id AS ClosingEntryId FROM ledger_fiscal_years ORDER BY start_date",
                cancellationToken: ct))
            .Select(r => new FiscalYear(r.Name, LedgerDates.Parse(r.StartDate), LedgerDates.Parse(r.EndDate), r.State, r.ClosingEntryId)).ToList().AsReadOnly(),
            cancellationToken);

    /// <summary>Before a change of the years: invalidates the cache with it, and reads the years from the database from now on.</summary>
    public async Task ChangingAsync(CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(Kind, cancellationToken);
        _years = null;
    }

    /// <summary>The year that contains the date, if one is declared.</summary>
    public async Task<FiscalYear?> FindAsync(DateOnly date, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(y => y.Contains(date));

    /// <summary>The year the date falls in as it is or would be made up (not stored).</summary>
    public async Task<FiscalYear> ForDateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        if (await FindAsync(date, cancellationToken) is { } declared)
        {
            return declared;
        }
        var startMonth = (await settings.GetAsync(cancellationToken)).FiscalYearStartMonth;
        var startYear = date.Month >= startMonth ? date.Year : date.Year - 1;
        var start = new DateOnly(startYear, startMonth, 1);
        var end = start.AddYears(1).AddDays(-1);
        // Cut the made-up year where a declared one begins or ends, so years never overlap.
        foreach (var year in await ListAsync(cancellationToken))
        {
            if (year.Start > date && year.Start <= end)
            {
                end = year.Start.AddDays(-1);
            }
            if (year.End < date && year.End >= start)
            {
                start = year.End.AddDays(1);
            }
        }
        var name = start.Year == end.Year ? $"{start.Year}" : $"{start.Year}-{end.Year % 100:00}";
        if ((await ListAsync(cancellationToken)).Any(y => y.Name == name))
        {
            name = $"{LedgerDates.Text(start)}";
        }
        return new FiscalYear(name, start, end, FiscalYear.Open, null);
    }

    /// <summary>The year of the date, stored if it was made up (inside the caller's transaction).</summary>
    public async Task<FiscalYear> EnsureAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var year = await ForDateAsync(date, cancellationToken);
        if (await FindAsync(date, cancellationToken) is null)
        {
            await configuration.InvalidateAsync(Kind, cancellationToken);
            await unitOfWork.ExecuteAsync("""
                INSERT INTO ledger_fiscal_years (name, start_date, end_date, state) VALUES (@Name, @Start, @End, 'open')
                ON CONFLICT (name) DO NOTHING
                """, new { year.Name, Start = LedgerDates.Text(year.Start), End = LedgerDates.Text(year.End) }, cancellationToken);
            _years = null;
        }
        return year;
    }

    /// <summary>Declares a year. It may not overlap another, nor begin after a gap the entries already posted fall in.</summary>
    public async Task<Result<FiscalYear>> CreateAsync(string? name, string? start, string? end, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var from = LedgerDates.Accept(start);
        var to = LedgerDates.Accept(end);
        if (from is null)
        {
            errors["start"] = LedgerDates.Refusal("start", start, "start must be a date (yyyy-MM-dd).");
        }
        if (to is null)
        {
            errors["end"] = LedgerDates.Refusal("end", end, "end must be a date (yyyy-MM-dd).");
        }
        else if (from is not null && (to <= from || to > from.Value.AddMonths(24)))
        {
            errors["end"] = "end must be after start, at most 24 months later.";
        }
        var label = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (label is { Length: > 16 })
        {
            errors["name"] = "name is at most 16 characters.";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        label ??= from!.Value.Year == to!.Value.Year ? $"{from.Value.Year}" : $"{from.Value.Year}-{to.Value.Year % 100:00}";
        await ChangingAsync(cancellationToken);
        var years = await ListAsync(cancellationToken);
        if (years.FirstOrDefault(y => y.Name == label) is { } same)
        {
            return same.Start == from && same.End == to ? Result.Done(same) : Result.Conflict($"There is already a fiscal year {label}.", "name");
        }
        if (years.FirstOrDefault(y => y.Start <= to && y.End >= from) is { } overlap)
        {
            return Result.Conflict($"Fiscal year {overlap.Name} ({LedgerDates.Text(overlap.Start)} to {LedgerDates.Text(overlap.End)}) overlaps it.", "start");
        }
        if (await unitOfWork.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger_entries WHERE state = 'posted' AND date >= @From AND date <= @To",
                new { From = LedgerDates.Text(from!.Value), To = LedgerDates.Text(to!.Value) }, cancellationToken) > 0)
        {
            return Result.Conflict("Entries are already posted in those dates under another fiscal year.", "start");
        }
        await unitOfWork.ExecuteAsync("INSERT INTO ledger_fiscal_years (name, start_date, end_date, state) VALUES (@Name, @Start, @End, 'open')",
            new { Name = label, Start = LedgerDates.Text(from.Value), End = LedgerDates.Text(to.Value) }, cancellationToken);
        _years = null;
        return Result.Done(new FiscalYear(label, from.Value, to.Value, FiscalYear.Open, null));
    }

    /// <summary>Marks a year closed with its closing entry (the year-end close calls this in its transaction).</summary>
    internal async Task MarkClosedAsync(string name, long? closingEntryId, CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(Kind, cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE ledger_fiscal_years SET state = 'closed', closing_entry_id = @Entry WHERE name = @Name",
            new { Name = name, Entry = closingEntryId }, cancellationToken);
        _years = null;
    }

    private sealed class YearRow
    {
        public string Name { get; init; } = "";
        public string StartDate { get; init; } = "";
        public string EndDate { get; init; } = "";
        public string State { get; init; } = "";
        public long? ClosingEntryId { get; init; }
    }
}
