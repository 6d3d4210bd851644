using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Money;

namespace ErpCrm.Leads.Services;

/// <summary>A lead as a kanban card or a list row shows it.</summary>
public sealed record LeadCard(
    string Id, string Title, string Stage, LeadStatus Status, long Revision,
    string? ContactName, string? CompanyName, string? Email, string? Source, string? Revenue, string? OwnerId, long? Score, int? Probability)
{
    public static LeadCard Of(StoredContentItem stored, IMoneyFormat money)
    {
        var part = stored.Item.Part(LeadPartValues.PartName);
        return new LeadCard(
            stored.Item.ContentItemId, stored.Item.DisplayText ?? stored.Item.ContentItemId, LeadPartValues.Text(part, LeadPartValues.Stage) ?? "",
            LeadPartValues.StatusOf(part), stored.Revision,
            LeadPartValues.Text(part, LeadPartValues.ContactName), LeadPartValues.Text(part, LeadPartValues.CompanyName), LeadPartValues.EmailOf(part),
            LeadPartValues.Text(part, LeadPartValues.Source),
            LeadPartValues.Revenue(part) is { } revenue ? money.Format(revenue.MinorUnits, revenue.Currency) : null, LeadPartValues.OwnerOf(part),
            (long?)LeadPartValues.Number(part, LeadPartValues.Score), (int?)LeadPartValues.Number(part, LeadPartValues.Probability));
    }
}

/// <summary>A column of the kanban: a stage, how many leads match in it, their expected revenue per currency, and the first cards.</summary>
public sealed record LeadColumn(PipelineStage Stage, long Count, IReadOnlyList<string> Totals, IReadOnlyList<LeadCard> Cards)
{
    /// <summary>Leads of the stage that match but are not shown as cards (see the list).</summary>
    public long More => Count - Cards.Count;
}

/// <summary>
/// The kanban: a column per pipeline stage in the pipeline's order, for the leads that match a filter. Counts and totals come
/// from the lead index (exact: minor units added up per currency, never mixed); the cards of a column are read through the
/// content service, so the caller's view permission applies, newest first, at most <see cref="MaxCardsPerColumn"/>.
/// </summary>
public sealed class LeadBoardService(PipelineStageService stages, LeadIndexQueries index, LeadService leads, IMoneyFormat money)
{
    public const int MaxCardsPerColumn = 50;

    public async Task<IReadOnlyList<LeadColumn>> BoardAsync(LeadListRequest filter, CancellationToken cancellationToken)
    {
        var totals = await index.StageTotalsAsync(filter, cancellationToken);
        var columns = new List<LeadColumn>();
        foreach (var stage in await stages.ListAsync(cancellationToken))
        {
            var key = stage.Name.ToLowerInvariant();
            var inStage = totals.Where(t => t.StageKey == key).ToList();
            var count = inStage.Sum(t => t.Count);
            var cards = new List<LeadCard>();
            if (count > 0)
            {
                var (items, _) = await leads.ListAsync(filter with { Stage = stage.Name, Page = 1, PageSize = MaxCardsPerColumn, Sort = LeadIndexQueries.DefaultSort }, cancellationToken);
                cards.AddRange(items.Select(i => LeadCard.Of(i, money)));
            }
            var sums = inStage.Where(t => t.Currency is not null).OrderBy(t => t.Currency, StringComparer.Ordinal).Select(t => money.Format(t.Revenue, t.Currency!)).ToList();
            columns.Add(new LeadColumn(stage, count, sums, cards));
        }
        return columns;
    }
}
