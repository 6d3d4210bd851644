using System.Data.Common;
using Dapper;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Data;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// The hand-written SQL the content list figures compare ErpCrm with, on the same database through ADO.NET (the writes are
/// <see cref="RawContentWrites"/>'s).
/// Reading: the same pages ContentQuery answers, as one would write them against ErpCrm's own index tables: a COUNT and one
/// query for the page's documents (joined to the page's ids only), reading the field index directly where a filter or sort is on a field.
/// </summary>
internal static class RawContentSql
{
    /// <summary>A page of Leads as hand-written SQL reads it: the version ids in order, and the number of all that match.</summary>
    public sealed record Page(IReadOnlyList<string> VersionIds, long Total);

    private sealed record Row(string VersionId, string Document);

    /// <summary>Stage = @stage, sorted by Revenue descending: the field index alone finds and orders them.</summary>
    public static Task<Page> FilteredAsync(DatabaseTarget database, string stage, int page, int pageSize, CancellationToken cancellationToken) =>
        ReadAsync(database,
            """
            FROM erp_content_field_index st
            WHERE st.content_type = 'Lead' AND st.part_name = 'Lead' AND st.field_name = 'Stage' AND st.latest = @yes AND st.text_value = @stage
            """,
            """
            SELECT p.version_id AS VersionId, d.document AS Document
            FROM (SELECT st.version_id, rv.number_value
                  FROM erp_content_field_index st
                  JOIN erp_content_field_index rv ON rv.version_id = st.version_id AND rv.part_name = 'Lead' AND rv.field_name = 'Revenue'
                  WHERE st.content_type = 'Lead' AND st.part_name = 'Lead' AND st.field_name = 'Stage' AND st.latest = @yes AND st.text_value = @stage
                  ORDER BY rv.number_value DESC, st.version_id DESC LIMIT @take OFFSET @skip) p
            JOIN erp_content_documents d ON d.version_id = p.version_id
            ORDER BY p.number_value DESC, p.version_id DESC
            """, new { yes = true, stage = stage.ToLowerInvariant(), take = pageSize, skip = (page - 1) * pageSize }, cancellationToken);

    /// <summary>The first page by display text.</summary>
    public static Task<Page> ByDisplayTextAsync(DatabaseTarget database, int pageSize, CancellationToken cancellationToken) =>
        ReadAsync(database,
            "FROM erp_content_items i WHERE i.content_type = 'Lead' AND i.latest = @yes",
            """
            SELECT i.version_id AS VersionId, d.document AS Document
            FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id
            WHERE i.content_type = 'Lead' AND i.latest = @yes
            ORDER BY i.display_text_key, i.version_id LIMIT @take
            """, new { yes = true, take = pageSize }, cancellationToken);

    /// <summary>Display text containing a word, newest change first.</summary>
    public static Task<Page> SearchAsync(DatabaseTarget database, string word, int pageSize, CancellationToken cancellationToken) =>
        ReadAsync(database,
            "FROM erp_content_items i WHERE i.content_type = 'Lead' AND i.latest = @yes AND i.display_text_key LIKE @search",
            """
            SELECT i.version_id AS VersionId, d.document AS Document
            FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id
            WHERE i.content_type = 'Lead' AND i.latest = @yes AND i.display_text_key LIKE @search
            ORDER BY i.modified_utc DESC, i.version_id DESC LIMIT @take
            """, new { yes = true, search = $"%{word.ToLowerInvariant()}%", take = pageSize }, cancellationToken);

    private static async Task<Page> ReadAsync(DatabaseTarget database, string countFrom, string pageSql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) " + countFrom, parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(pageSql, parameters, cancellationToken: cancellationToken));
        return new Page(rows.Select(r => r.VersionId).ToList(), total);
    }
}
