using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;
using ErpCrm.Money;
using ErpCrm.Security;
using ErpCrm.Tenants;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The leads report, read from the module's tables only (the lead index and the history), never from documents:
/// - the pipeline: open leads now, per open stage in pipeline order (stages without leads included), count and expected revenue;
/// - over the period (the tenant's days <c>from</c>..<c>to</c> inclusive, by <see cref="ITenantClock"/>): leads won and lost by when they
///   closed, the conversion rate won ÷ (won + lost), leads converted to contacts, and won and lost by source and by owner;
/// - money is summed per currency and never mixed; a lead without expected revenue counts with no amount.
/// </summary>
public sealed class LeadReportService(IUnitOfWork unitOfWork, PipelineStageService stages, IUserDirectory users, ITenantClock clock)
{
    /// <summary>The days a report covers when no period is given, ending today.</summary>
    public const int DefaultDays = 30;

    /// <summary>How "none" shows for a lead without a source or an owner.</summary>
    public const string None = "(none)";

    private sealed class Row
    {
        public string? Key { get; init; }
        public string? Owner { get; init; }
        public string? Status { get; init; }
        public string? Currency { get; init; }
        public long Count { get; init; }
        public long? Total { get; init; }
    }

    /// <summary>The period of a report from query text (yyyy-MM-dd, either may be empty), or errors keyed <c>from</c> and <c>to</c>.</summary>
    public async Task<(DateOnly From, DateOnly To)?> PeriodAsync(string? from, string? to, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var first = LeadActivityService.ParseDate(from, "from", "from", errors, required: false);
        var last = LeadActivityService.ParseDate(to, "to", "to", errors, required: false);
        if (errors.Count > 0)
        {
            return null;
        }
        var end = last ?? (first is { } f && string.IsNullOrWhiteSpace(to) ? f.AddDays(DefaultDays - 1) : await clock.GetTodayAsync(cancellationToken));
        var start = first ?? end.AddDays(1 - DefaultDays);
        if (start > end)
        {
            errors["from"] = $"from ({LeadActivityService.Text(start)}) is after to ({LeadActivityService.Text(end)}).";
            return null;
        }
        return (start, end);
    }

    /// <summary>The pipeline now: open leads per open stage.</summary>
    public async Task<IReadOnlyList<StageFigures>> PipelineAsync(CancellationToken cancellationToken)
    {
        var rows = await unitOfWork.QueryAsync<Row>(
            $"""
            SELECT stage_key AS Key, currency AS Currency, COUNT(*) AS Count, CAST(SUM(expected_revenue) AS BIGINT) AS Total
            FROM {LeadIndex.TableName} WHERE latest = @yes AND status = @open GROUP BY stage_key, currency
            """, new { yes = true, open = "open" }, cancellationToken);
        return (await stages.ListAsync(cancellationToken))
            .Select((stage, position) => (stage, position))
            .Where(s => s.stage.IsOpen)
            .Select(s =>
            {
                var mine = rows.Where(r => string.Equals(r.Key, s.stage.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                return new StageFigures(s.stage.Name, s.position, mine.Sum(r => r.Count), Totals(mine));
            })
            .ToList();
    }

    /// <summary>The whole report over a period.</summary>
    public async Task<LeadReport> ReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = Iso(await clock.GetStartOfDayUtcAsync(from, cancellationToken));
        var end = Iso(await clock.GetStartOfDayUtcAsync(to.AddDays(1), cancellationToken));
        var closed = await unitOfWork.QueryAsync<Row>(
            $"""
            SELECT source AS Key, owner_id AS Owner, status AS Status, currency AS Currency, COUNT(*) AS Count, CAST(SUM(expected_revenue) AS BIGINT) AS Total
            FROM {LeadIndex.TableName}
            WHERE latest = @yes AND status IN (@won, @lost) AND closed_utc >= @start AND closed_utc < @end
            GROUP BY source, owner_id, status, currency
            """, new { yes = true, won = "won", lost = "lost", start, end }, cancellationToken);
        var converted = await unitOfWork.QuerySingleOrDefaultAsync<long>(
            $"""
            SELECT COUNT(DISTINCT h.lead_id) FROM lead_history h
            WHERE h.event = @converted AND h.occurred_utc >= @start AND h.occurred_utc < @end
              AND EXISTS (SELECT 1 FROM {LeadIndex.TableName} l WHERE l.content_item_id = h.lead_id AND l.latest = @yes)
            """, new { converted = nameof(LeadConverted), start, end, yes = true }, cancellationToken);
        var won = closed.Where(r => r.Status == "won").Sum(r => r.Count);
        var lost = closed.Where(r => r.Status == "lost").Sum(r => r.Count);
        var owners = (await users.FindUsersAsync(closed.Select(r => r.Owner).OfType<string>().Distinct().ToList(), cancellationToken))
            .ToDictionary(u => u.Id, u => u.DisplayName);
        return new LeadReport(
            LeadActivityService.Text(from), LeadActivityService.Text(to),
            await PipelineAsync(cancellationToken),
            new ConversionFigures(won, lost, won + lost == 0 ? null : Math.Round((decimal)won / (won + lost), 4), converted),
            Closed(closed, r => r.Key?.Trim().ToLowerInvariant(), r => r.Key?.Trim(), key => key ?? None),
            Closed(closed, r => r.Owner, r => r.Owner, key => key is null ? None : owners.GetValueOrDefault(key, $"user {key}")));
    }

    /// <summary>Won and lost per group: rows grouped by <paramref name="group"/>, shown by the first row's <paramref name="key"/> and its <paramref name="name"/>.</summary>
    private static List<ClosedFigures> Closed(IReadOnlyList<Row> rows, Func<Row, string?> group, Func<Row, string?> key, Func<string?, string> name) =>
        rows.GroupBy(group)
            .Select(g =>
            {
                var won = g.Where(r => r.Status == "won").ToList();
                var lost = g.Where(r => r.Status == "lost").ToList();
                var shown = key(g.First());
                return new ClosedFigures(shown, name(shown), won.Sum(r => r.Count), lost.Sum(r => r.Count), Totals(won), Totals(lost));
            })
            .OrderByDescending(f => f.Won).ThenByDescending(f => f.Lost).ThenBy(f => f.Key is null).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static IReadOnlyList<MoneyTotal> Totals(IEnumerable<Row> rows) =>
        rows.Where(r => r.Currency is not null && r.Total is not null)
            .GroupBy(r => r.Currency!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Money(g.Key, g.Sum(r => r.Total!.Value)))
            .ToList();

    /// <summary>Minor units of a currency as the report shows them.</summary>
    public static MoneyTotal Money(string currency, long minorUnits) =>
        new(currency, minorUnits, CurrencyAmounts.ToMajorUnits(minorUnits, currency), $"{CurrencyAmounts.Format(minorUnits, currency)} {currency}");

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
