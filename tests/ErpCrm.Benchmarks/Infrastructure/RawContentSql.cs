using System.Data.Common;
using Dapper;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Data;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// The hand-written SQL the content figures compare ErpCrm with, on the same database through ADO.NET.
/// Writing: one document row and one index row per item into tables shaped as erp_content_documents and erp_content_items
/// (same columns, same indexes), with prepared parameterised INSERTs, one transaction per batch.
/// Reading: the same pages ContentQuery answers, as one would write them against ErpCrm's own index tables: a COUNT and one
/// query for the page's documents (joined to the page's ids only), reading the field index directly where a filter or sort is on a field.
/// </summary>
internal static class RawContentSql
{
    private const string Documents = "bench_raw_documents";
    private const string Items = "bench_raw_items";

    public static async Task CreateTablesAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            CREATE TABLE {Documents} (version_id VARCHAR(64) PRIMARY KEY, content_item_id VARCHAR(64) NOT NULL, document TEXT NOT NULL);
            CREATE TABLE {Items} (version_id VARCHAR(64) PRIMARY KEY, content_item_id VARCHAR(64) NOT NULL, number INTEGER NOT NULL,
                content_type VARCHAR(128) NOT NULL, display_text VARCHAR(400), display_text_key VARCHAR(400), owner VARCHAR(100), author VARCHAR(100),
                latest BOOLEAN NOT NULL, published BOOLEAN NOT NULL, removed BOOLEAN NOT NULL, created_utc VARCHAR(40) NOT NULL,
                modified_utc VARCHAR(40) NOT NULL, published_utc VARCHAR(40), revision BIGINT NOT NULL);
            CREATE INDEX ix_{Items}_item ON {Items} (content_item_id, number);
            CREATE INDEX ix_{Items}_latest ON {Items} (content_type, latest, modified_utc);
            CREATE INDEX ix_{Items}_published ON {Items} (content_type, published, modified_utc);
            CREATE INDEX ix_{Items}_text ON {Items} (content_type, latest, display_text_key);
            """, cancellationToken: cancellationToken));
    }

    /// <summary>Inserts <paramref name="count"/> Leads (as <see cref="BenchmarkContent.NewLead"/> makes them), <paramref name="batch"/> per transaction.</summary>
    public static async Task InsertLeadsAsync(DatabaseTarget database, int count, int batch, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var document = Prepare(connection, $"INSERT INTO {Documents} (version_id, content_item_id, document) VALUES (@v, @i, @d)", "v", "i", "d");
        await using var index = Prepare(connection,
            $"""
            INSERT INTO {Items} (version_id, content_item_id, number, content_type, display_text, display_text_key, owner, author,
                                 latest, published, removed, created_utc, modified_utc, published_utc, revision)
            VALUES (@v, @i, 1, @t, @x, @k, NULL, NULL, @yes, @yes, @no, @c, @c, @c, 1)
            """, "v", "i", "t", "x", "k", "yes", "no", "c");
        for (var done = 0; done < count;)
        {
            await using var transaction = DatabaseTarget.BeginWrite(connection);
            document.Transaction = index.Transaction = transaction;
            for (var end = Math.Min(count, done + batch); done < end; done++)
            {
                var now = DateTimeOffset.UtcNow;
                var item = BenchmarkContent.AsStored(BenchmarkContent.NewLead(done, random), now);
                Bind(document, item.ContentItemVersionId, item.ContentItemId, ContentItemJson.Write(item).ToJsonString());
                await document.ExecuteNonQueryAsync(cancellationToken);
                Bind(index, item.ContentItemVersionId, item.ContentItemId, item.ContentType, item.DisplayText, item.DisplayText!.ToLowerInvariant(),
                    true, false, ContentItemJson.IndexDate(now));
                await index.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

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

    private static DbCommand Prepare(DbConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = name switch { "yes" or "no" => false, _ => "" };
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
