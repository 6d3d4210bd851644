using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Modules;

namespace ErpCrm.Core.Content.Items;

/// <summary>A stored version: the item (flags and dates as the index holds them now) and its concurrency revision.</summary>
public sealed record StoredItem(ContentItem Item, int Number, long Revision, bool Removed);

/// <summary>A version as the history lists it.</summary>
public sealed record ContentVersionInfo
{
    public string VersionId { get; init; } = "";
    public int Number { get; init; }
    public bool Latest { get; init; }
    public bool Published { get; init; }
    public string? Author { get; init; }
    public string? DisplayText { get; init; }
    public string CreatedUtc { get; init; } = "";
    public string ModifiedUtc { get; init; } = "";
    public string? PublishedUtc { get; init; }
}

/// <summary>A field's value in the field index.</summary>
public sealed record FieldIndexRow(string PartName, string FieldName, ContentFieldIndexValue Value);

/// <summary>
/// The SQL of content items: documents, the map index of every version, the field index and modules' part indexes.
/// Invariants (the manager relies on them):
/// - an item that is not removed has exactly one latest version and at most one published one;
/// - the latest version's revision grows on every write to the item, and every write names the revision it read,
///   so of two writers who read the same revision one changes the item and the other changes nothing (a conflict);
/// - the field index and the part indexes carry the latest/published flags of their version.
/// </summary>
public sealed class ContentItemStore(IUnitOfWork unitOfWork, ContentStatements statements, IFeatureServices<ContentPartIndex> partIndexes)
{
    private const string Columns = """
        i.version_id AS VersionId, i.content_item_id AS ContentItemId, i.number AS Number, i.latest AS Latest, i.published AS Published,
        i.removed AS Removed, i.published_utc AS PublishedUtc, i.revision AS Revision, d.document AS Document
        """;

    private sealed record Row
    {
        public string VersionId { get; init; } = "";
        public string ContentItemId { get; init; } = "";
        public int Number { get; init; }
        public bool Latest { get; init; }
        public bool Published { get; init; }
        public bool Removed { get; init; }
        public string? PublishedUtc { get; init; }
        public long Revision { get; init; }
        public string Document { get; init; } = "";
    }

    /// <summary>The latest version of an item that is not removed.</summary>
    public async Task<StoredItem?> LatestAsync(string contentItemId, CancellationToken cancellationToken) =>
        ToStored(await unitOfWork.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id WHERE i.content_item_id = @contentItemId AND i.latest = @yes",
            new { contentItemId, yes = true }, cancellationToken));

    /// <summary>The published version of an item, if it has one.</summary>
    public async Task<StoredItem?> PublishedAsync(string contentItemId, CancellationToken cancellationToken) =>
        ToStored(await unitOfWork.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id WHERE i.content_item_id = @contentItemId AND i.published = @yes",
            new { contentItemId, yes = true }, cancellationToken));

    /// <summary>One version of an item, removed or not.</summary>
    public async Task<StoredItem?> VersionAsync(string contentItemId, string versionId, CancellationToken cancellationToken) =>
        ToStored(await unitOfWork.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id WHERE i.content_item_id = @contentItemId AND i.version_id = @versionId",
            new { contentItemId, versionId }, cancellationToken));

    /// <summary>The latest version of every item of a type that is not removed, by item id (for exports).</summary>
    public async Task<IReadOnlyList<ContentItem>> LatestOfTypeAsync(string contentType, CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<Row>(
            $"SELECT {Columns} FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id WHERE i.content_type = @contentType AND i.latest = @yes",
            new { contentType, yes = true }, cancellationToken))
        .OrderBy(r => r.ContentItemId, StringComparer.Ordinal)
        .Select(r => ToStored(r)!.Item)
        .ToList();

    /// <summary>The versions of an item, oldest first.</summary>
    public Task<IReadOnlyList<ContentVersionInfo>> VersionsAsync(string contentItemId, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<ContentVersionInfo>(
            """
            SELECT version_id AS VersionId, number AS Number, latest AS Latest, published AS Published, author AS Author, display_text AS DisplayText,
                   created_utc AS CreatedUtc, modified_utc AS ModifiedUtc, published_utc AS PublishedUtc
            FROM erp_content_items WHERE content_item_id = @contentItemId ORDER BY number
            """, new { contentItemId }, cancellationToken);

    /// <summary>Whether an item (even removed) or a version already uses one of these ids.</summary>
    public async Task<bool> IdTakenAsync(string contentItemId, string versionId, CancellationToken cancellationToken) =>
        await unitOfWork.QuerySingleOrDefaultAsync<int?>(
            "SELECT 1 FROM erp_content_items WHERE content_item_id = @contentItemId OR version_id = @versionId LIMIT 1",
            new { contentItemId, versionId }, cancellationToken) is not null;

    /// <summary>The type of the latest version of an item that is not removed.</summary>
    public Task<string?> ContentTypeOfAsync(string contentItemId, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<string>(
            "SELECT content_type FROM erp_content_items WHERE content_item_id = @contentItemId AND latest = @yes",
            new { contentItemId, yes = true }, cancellationToken);

    /// <summary>Stores a new version with its indexes (see the overload), its trail entry left to the caller.</summary>
    public Task<bool> InsertAsync(ContentItem item, int number, long revision, IReadOnlyList<FieldIndexRow> fields, CancellationToken cancellationToken) =>
        InsertAsync(item, number, revision, fields, null, cancellationToken);

    /// <summary>
    /// Stores a new version (its flags as the item says) with its indexes, and <paramref name="trail"/> (its entry in the item's
    /// trail, <see cref="ContentChangeLog.Entry"/>) when given, all in one round trip where the engine allows; false when its ids or
    /// number are taken meanwhile (a concurrent writer won; the transaction must be rolled back).
    /// </summary>
    public Task<bool> InsertAsync(ContentItem item, int number, long revision, IReadOnlyList<FieldIndexRow> fields, ContentWrite? trail,
        CancellationToken cancellationToken) =>
        InsertAsync(item, number, revision, fields, trail, hold: false, cancellationToken);

    /// <summary>
    /// Stores a new item's first version under ids this host generated (130 random bits: no other writer takes them), with its
    /// indexes and <paramref name="trail"/>; its rows may wait to travel with the next writes (<see cref="ContentStatements.HoldAsync"/>),
    /// so that a unit of work creating many items sends them in few round trips.
    /// </summary>
    public Task InsertGeneratedAsync(ContentItem item, IReadOnlyList<FieldIndexRow> fields, ContentWrite trail, CancellationToken cancellationToken) =>
        InsertAsync(item, 1, 1, fields, trail, hold: true, cancellationToken);

    private async Task<bool> InsertAsync(ContentItem item, int number, long revision, IReadOnlyList<FieldIndexRow> fields, ContentWrite? trail,
        bool hold, CancellationToken cancellationToken)
    {
        var writes = new List<ContentWrite>(6) { ContentRowWrites.DocumentOf(item), ContentRowWrites.ItemOf(item, number, revision) };
        var unbound = IndexWrites(item, fields, writes);
        if (unbound.Count == 0 && trail is { } entry)
        {
            writes.Add(entry);
        }
        if (hold)
        {
            await statements.HoldAsync(writes, cancellationToken);
        }
        else
        {
            try
            {
                await statements.ExecuteAsync(writes, cancellationToken);
            }
            // Only the version's own rows can be taken by a concurrent writer; any other failure is an error.
            catch (Exception e) when (unitOfWork.Dialect.IsUniqueViolation(e) && statements.FailedWrite < 2)
            {
                return false;
            }
        }
        await WriteUnboundAsync(unbound, cancellationToken);
        if (unbound.Count > 0 && trail is { } later)
        {
            await statements.ExecuteAsync(later, cancellationToken);
        }
        return true;
    }

    /// <summary>Rewrites a version in place if its revision is still <paramref name="expectedRevision"/>; false when it is not (a conflict).</summary>
    public async Task<bool> ReplaceAsync(ContentItem item, long expectedRevision, IReadOnlyList<FieldIndexRow> fields, CancellationToken cancellationToken)
    {
        var changed = await unitOfWork.ExecuteAsync(
            """
            UPDATE erp_content_items SET display_text = @displayText, display_text_key = @key, owner = @Owner, author = @Author, latest = @Latest,
                   published = @Published, modified_utc = @modified, published_utc = @publishedUtc, revision = revision + 1
            WHERE version_id = @ContentItemVersionId AND revision = @expectedRevision
            """,
            new
            {
                item.ContentItemVersionId, displayText = ContentRowWrites.Clip(item.DisplayText), key = ContentRowWrites.Clip(item.DisplayText?.ToLowerInvariant()) ?? "", item.Owner, item.Author,
                item.Latest, item.Published, modified = ContentItemJson.IndexDate(item.ModifiedUtc), publishedUtc = ContentItemJson.IndexDate(item.PublishedUtc),
                expectedRevision,
            }, cancellationToken);
        if (changed == 0)
        {
            return false;
        }
        await unitOfWork.ExecuteAsync("UPDATE erp_content_documents SET document = @document WHERE version_id = @ContentItemVersionId",
            new { item.ContentItemVersionId, document = ContentItemJson.Text(item) }, cancellationToken);
        await DeleteIndexesAsync(item.ContentItemVersionId, cancellationToken);
        await WriteIndexesAsync(item, fields, cancellationToken);
        return true;
    }

    /// <summary>
    /// Sets a version's flags if its revision is still <paramref name="expectedRevision"/> (bumping it); false when it is not.
    /// </summary>
    public async Task<bool> SetFlagsAsync(string versionId, long expectedRevision, bool latest, bool published, string? publishedUtc, CancellationToken cancellationToken)
    {
        var changed = await unitOfWork.ExecuteAsync(
            """
            UPDATE erp_content_items SET latest = @latest, published = @published, published_utc = @publishedUtc, revision = revision + 1
            WHERE version_id = @versionId AND revision = @expectedRevision
            """, new { versionId, expectedRevision, latest, published, publishedUtc }, cancellationToken);
        if (changed == 1)
        {
            await SetIndexFlagsAsync(versionId, latest, published, cancellationToken);
        }
        return changed == 1;
    }

    /// <summary>Unpublishes every other version of the item that is published (there is at most one).</summary>
    public async Task UnpublishOthersAsync(string contentItemId, string keptVersionId, CancellationToken cancellationToken)
    {
        var others = await unitOfWork.QueryAsync<string>(
            "SELECT version_id FROM erp_content_items WHERE content_item_id = @contentItemId AND published = @yes AND version_id <> @keptVersionId",
            new { contentItemId, keptVersionId, yes = true }, cancellationToken);
        foreach (var versionId in others)
        {
            await unitOfWork.ExecuteAsync("UPDATE erp_content_items SET published = @no WHERE version_id = @versionId", new { versionId, no = false }, cancellationToken);
            await SetIndexFlagsAsync(versionId, latest: false, published: false, cancellationToken);
        }
    }

    /// <summary>Marks every version of the item removed, neither latest nor published.</summary>
    public async Task RemoveAsync(string contentItemId, CancellationToken cancellationToken)
    {
        await unitOfWork.ExecuteAsync(
            "UPDATE erp_content_items SET latest = @no, published = @no, removed = @yes, revision = revision + 1 WHERE content_item_id = @contentItemId",
            new { contentItemId, yes = true, no = false }, cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE erp_content_field_index SET latest = @no, published = @no WHERE content_item_id = @contentItemId",
            new { contentItemId, no = false }, cancellationToken);
        foreach (var index in partIndexes)
        {
            await unitOfWork.ExecuteAsync($"UPDATE {index.Table} SET latest = @no, published = @no WHERE content_item_id = @contentItemId",
                new { contentItemId, no = false }, cancellationToken);
        }
    }

    private async Task SetIndexFlagsAsync(string versionId, bool latest, bool published, CancellationToken cancellationToken)
    {
        await unitOfWork.ExecuteAsync("UPDATE erp_content_field_index SET latest = @latest, published = @published WHERE version_id = @versionId",
            new { versionId, latest, published }, cancellationToken);
        foreach (var index in partIndexes)
        {
            await unitOfWork.ExecuteAsync($"UPDATE {index.Table} SET latest = @latest, published = @published WHERE version_id = @versionId",
                new { versionId, latest, published }, cancellationToken);
        }
    }

    private async Task DeleteIndexesAsync(string versionId, CancellationToken cancellationToken)
    {
        await unitOfWork.ExecuteAsync("DELETE FROM erp_content_field_index WHERE version_id = @versionId", new { versionId }, cancellationToken);
        foreach (var index in partIndexes)
        {
            await unitOfWork.ExecuteAsync($"DELETE FROM {index.Table} WHERE version_id = @versionId", new { versionId }, cancellationToken);
        }
    }

    private async Task WriteIndexesAsync(ContentItem item, IReadOnlyList<FieldIndexRow> fields, CancellationToken cancellationToken)
    {
        var writes = new List<ContentWrite>(2);
        var unbound = IndexWrites(item, fields, writes);
        await statements.ExecuteAsync(writes, cancellationToken);
        await WriteUnboundAsync(unbound, cancellationToken);
    }

    /// <summary>Inserts a version's field index rows (the caller deleted the old ones).</summary>
    public async Task WriteFieldIndexAsync(ContentItem item, IReadOnlyList<FieldIndexRow> fields, CancellationToken cancellationToken)
    {
        if (ContentRowWrites.FieldIndexOf(item, fields) is { } write)
        {
            await statements.ExecuteAsync(write, cancellationToken);
        }
    }

    /// <summary>
    /// Adds a version's field index and part index rows to <paramref name="writes"/>, in that order; returns the part index rows
    /// with a value that only Dapper binds, which must follow.
    /// </summary>
    private List<ContentWrite> IndexWrites(ContentItem item, IReadOnlyList<FieldIndexRow> fields, List<ContentWrite> writes)
    {
        if (ContentRowWrites.FieldIndexOf(item, fields) is { } fieldRows)
        {
            writes.Add(fieldRows);
        }
        var unbound = new List<ContentWrite>();
        foreach (var index in partIndexes)
        {
            if (ContentRowWrites.PartIndexOf(index, item, out var bindable) is { } row)
            {
                (bindable && unbound.Count == 0 ? writes : unbound).Add(row);
            }
        }
        return unbound;
    }

    private async Task WriteUnboundAsync(List<ContentWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            var parameters = new Dapper.DynamicParameters();
            for (var i = 0; i < write.Values.Length; i++)
            {
                parameters.Add(ContentStatement.Parameter(i)[1..], write.Values[i]);
            }
            await unitOfWork.ExecuteAsync(write.Statement.Sql, parameters, cancellationToken);
        }
    }


    private static StoredItem? ToStored(Row? row)
    {
        if (row is null)
        {
            return null;
        }
        var errors = new Dictionary<string, string>();
        var item = ContentItemJson.Read(JsonNode.Parse(row.Document), errors)
            ?? throw new InvalidOperationException($"The stored content item version '{row.VersionId}' does not read back: {string.Join(" ", errors.Values)}");
        item.Latest = row.Latest;
        item.Published = row.Published;
        item.PublishedUtc = ContentItemJson.ParseIndexDate(row.PublishedUtc);
        return new StoredItem(item, row.Number, row.Revision, row.Removed);
    }
}

/// <summary>Checks the table and column names that modules give for their part indexes (they go into SQL text).</summary>
public static class ContentIndexNames
{
    public static string Column(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new InvalidOperationException($"'{name}' is not a valid index table or column name (letters, digits and '_', starting with a letter).");
}
