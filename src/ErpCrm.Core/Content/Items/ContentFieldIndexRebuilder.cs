using System.Text.Json.Nodes;
using ErpCrm.Data;

namespace ErpCrm.Core.Content.Items;

/// <summary>The queryable fields of these types changed: their field index must be rebuilt.</summary>
public sealed record ContentFieldIndexOutdated(IReadOnlyList<string> ContentTypes) : IDomainEvent;

/// <summary>
/// Rewrites the field index of a type's current versions (latest and published) after the set of its queryable fields
/// changed, so that filters and sorts on a field marked queryable find the items that existed before. Runs in the unit of
/// work of the definition change, a page of versions at a time.
/// </summary>
public sealed class ContentFieldIndexRebuilder(IUnitOfWork unitOfWork, ContentValidator validator, ContentItemStore store, ContentDefinitionStore definitions)
    : IDomainEventHandler<ContentFieldIndexOutdated>
{
    private const int PageSize = 500;

    private sealed record Row
    {
        public string VersionId { get; init; } = "";
        public bool Latest { get; init; }
        public bool Published { get; init; }
        public string Document { get; init; } = "";
    }

    /// <summary>The queryable fields of a type as one comparable text ("" when the type does not exist).</summary>
    public static string Signature(ContentSchema? schema) =>
        schema is null ? "" : string.Join(",", schema.Fields.Where(f => ContentSchema.IsQueryable(f.Field)).Select(f => $"{f.Part.Name}.{f.Field.Name}:{f.Field.FieldName}").Order(StringComparer.Ordinal));

    public async Task HandleAsync(ContentFieldIndexOutdated domainEvent, CancellationToken cancellationToken)
    {
        foreach (var typeName in domainEvent.ContentTypes)
        {
            if (await definitions.SchemaAsync(typeName, cancellationToken) is { } schema)
            {
                await RebuildAsync(schema, cancellationToken);
            }
        }
    }

    /// <summary>Returns how many versions were re-indexed.</summary>
    public async Task<int> RebuildAsync(ContentSchema schema, CancellationToken cancellationToken)
    {
        await unitOfWork.ExecuteAsync("DELETE FROM erp_content_field_index WHERE content_type = @type", new { type = schema.Type.Name }, cancellationToken);
        var done = 0;
        var after = "";
        while (true)
        {
            var rows = await unitOfWork.QueryAsync<Row>(
                """
                SELECT i.version_id AS VersionId, i.latest AS Latest, i.published AS Published, d.document AS Document
                FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id
                WHERE i.content_type = @type AND (i.latest = @yes OR i.published = @yes) AND i.version_id > @after
                ORDER BY i.version_id LIMIT @take
                """, new { type = schema.Type.Name, yes = true, after, take = PageSize }, cancellationToken);
            foreach (var row in rows)
            {
                var errors = new Dictionary<string, string>();
                if (ContentItemJson.Read(JsonNode.Parse(row.Document), errors) is not { } item)
                {
                    continue;
                }
                item.Latest = row.Latest;
                item.Published = row.Published;
                await store.WriteFieldIndexAsync(item, validator.IndexOf(item, schema), cancellationToken);
            }
            done += rows.Count;
            if (rows.Count < PageSize)
            {
                return done;
            }
            after = rows[^1].VersionId;
        }
    }
}
