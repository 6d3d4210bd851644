using System.Data;
using System.Text.Json;
using ErpCrm.Content;
using ErpCrm.Data;

namespace ErpCrm.Core.Content.Items;

/// <summary>One field's change: its path in the item and its value before and after, as people read them.</summary>
public sealed record ContentFieldChange(string Field, string? From, string? To);

/// <summary>An entry of an item's trail.</summary>
public sealed record ContentChange(long Id, string VersionId, string OccurredUtc, string? Actor, string Action, IReadOnlyList<ContentFieldChange> Changes);

/// <summary>
/// The trail of every change to content items: who, when, what (created, updated, published, removed) and which fields
/// changed from what to what. Written in the unit of work of the change, so an entry exists exactly when the change committed.
/// </summary>
public sealed class ContentChangeLog(IUnitOfWork unitOfWork, ContentStatements statements, TimeProvider clock)
{
    /// <summary>The longest value kept for a field; longer ones are cut with an ellipsis.</summary>
    public const int MaxValueLength = 500;

    private sealed record Row
    {
        public long Id { get; init; }
        public string VersionId { get; init; } = "";
        public string OccurredUtc { get; init; } = "";
        public string? Actor { get; init; }
        public string Action { get; init; } = "";
        public string Changes { get; init; } = "[]";
    }

    private static readonly ContentStatement Insert = new(
        """
        INSERT INTO erp_content_changes (content_item_id, version_id, content_type, occurred_utc, actor, action, changes)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
        """, [DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String]);

    public async Task RecordAsync(ContentItem item, string action, string? actor, IReadOnlyList<ContentFieldChange> changes, CancellationToken cancellationToken) =>
        await statements.ExecuteAsync(Entry(item, action, actor, changes), cancellationToken);

    /// <summary>The entry <see cref="RecordAsync"/> writes, for a caller that sends it with the change's own rows (one round trip).</summary>
    public ContentWrite Entry(ContentItem item, string action, string? actor, IReadOnlyList<ContentFieldChange> changes) =>
        new(Insert,
        [
            item.ContentItemId, item.ContentItemVersionId, item.ContentType, ContentItemJson.IndexDate(clock.GetUtcNow()), actor ?? "system", action,
            JsonSerializer.Serialize(changes),
        ]);

    public async Task<IReadOnlyList<ContentChange>> ListAsync(string contentItemId, CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<Row>(
            """
            SELECT id AS Id, version_id AS VersionId, occurred_utc AS OccurredUtc, actor AS Actor, action AS Action, changes AS Changes
            FROM erp_content_changes WHERE content_item_id = @contentItemId ORDER BY id
            """, new { contentItemId }, cancellationToken))
        .Select(r => new ContentChange(r.Id, r.VersionId, r.OccurredUtc, r.Actor, r.Action, JsonSerializer.Deserialize<List<ContentFieldChange>>(r.Changes) ?? []))
        .ToList();

    /// <summary>A count of changes of one action on one UTC day (<c>yyyy-MM-dd</c>).</summary>
    public sealed record DayCount
    {
        public string Day { get; init; } = "";
        public string Action { get; init; } = "";
        public long Count { get; init; }
    }

    /// <summary>How many changes of each action were made per UTC day from <paramref name="from"/> on.</summary>
    public Task<IReadOnlyList<DayCount>> CountByDayAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<DayCount>(
            """
            SELECT substr(occurred_utc, 1, 10) AS Day, action AS Action, COUNT(*) AS Count
            FROM erp_content_changes WHERE occurred_utc >= @from
            GROUP BY substr(occurred_utc, 1, 10), action
            """, new { from = ContentItemJson.IndexDate(from) }, cancellationToken);

    /// <summary>The values that differ between two readings of an item (a missing one counts as empty), in the order of <paramref name="after"/>.</summary>
    public static IReadOnlyList<ContentFieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after)
    {
        var changes = new List<ContentFieldChange>();
        foreach (var (field, to) in after)
        {
            var from = before.GetValueOrDefault(field);
            if (!string.Equals(Empty(from), Empty(to), StringComparison.Ordinal))
            {
                changes.Add(new ContentFieldChange(field, Cut(from), Cut(to)));
            }
        }
        foreach (var (field, from) in before)
        {
            if (!after.ContainsKey(field) && Empty(from) is not null)
            {
                changes.Add(new ContentFieldChange(field, Cut(from), null));
            }
        }
        return changes;
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Cut(string? value) => value is { Length: > MaxValueLength } ? value[..(MaxValueLength - 1)] + "…" : Empty(value);
}
