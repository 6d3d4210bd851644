using System.Collections.Concurrent;
using System.Data;
using System.Text;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// The INSERTs of a new version's rows (document, map index, field index, a module's part index) as <see cref="ContentWrite"/>s,
/// each statement built once per shape and kept, so that <see cref="ContentStatements"/> can keep its command.
/// </summary>
internal static class ContentRowWrites
{
    private static readonly ContentStatement Document = new(
        "INSERT INTO erp_content_documents (version_id, content_item_id, document) VALUES (@p0, @p1, @p2)",
        [DbType.String, DbType.String, DbType.String]);

    private static readonly ContentStatement Item = new(
        """
        INSERT INTO erp_content_items (version_id, content_item_id, number, content_type, display_text, display_text_key, owner, author,
                                       latest, published, removed, created_utc, modified_utc, published_utc, revision)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)
        """,
        [DbType.String, DbType.String, DbType.Int32, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String,
         DbType.Boolean, DbType.Boolean, DbType.Boolean, DbType.String, DbType.String, DbType.String, DbType.Int64]);

    // By the number of rows: one statement for all of a version's fields, so that a save is a handful of statements, not one per field.
    private static readonly ConcurrentDictionary<int, ContentStatement> FieldIndexes = new();

    // By table and columns (a module's map names its columns; they rarely vary).
    private static readonly ConcurrentDictionary<string, ContentStatement> PartIndexes = new(StringComparer.Ordinal);

    private const int FieldIndexShared = 5;
    private const int FieldIndexPerRow = 6;

    public static ContentWrite DocumentOf(ContentItem item) =>
        new(Document, [item.ContentItemVersionId, item.ContentItemId, ContentItemJson.Text(item)]);

    public static ContentWrite ItemOf(ContentItem item, int number, long revision) =>
        new(Item,
        [
            item.ContentItemVersionId, item.ContentItemId, number, item.ContentType, Clip(item.DisplayText), Clip(item.DisplayText?.ToLowerInvariant()) ?? "",
            item.Owner, item.Author, item.Latest, item.Published, false, ContentItemJson.IndexDate(item.CreatedUtc),
            ContentItemJson.IndexDate(item.ModifiedUtc), ContentItemJson.IndexDate(item.PublishedUtc), revision,
        ]);

    /// <summary>A version's field index rows, in one statement; null when it has none.</summary>
    public static ContentWrite? FieldIndexOf(ContentItem item, IReadOnlyList<FieldIndexRow> fields)
    {
        if (fields.Count == 0)
        {
            return null;
        }
        var values = new object?[FieldIndexShared + FieldIndexPerRow * fields.Count];
        values[0] = item.ContentItemVersionId;
        values[1] = item.ContentItemId;
        values[2] = item.ContentType;
        values[3] = item.Latest;
        values[4] = item.Published;
        for (var n = 0; n < fields.Count; n++)
        {
            var field = fields[n];
            var at = FieldIndexShared + FieldIndexPerRow * n;
            values[at] = field.PartName;
            values[at + 1] = field.FieldName;
            values[at + 2] = Clip(field.Value.Text?.ToLowerInvariant());
            values[at + 3] = field.Value.Number;
            values[at + 4] = field.Value.Date;
            values[at + 5] = field.Value.Boolean;
        }
        return new ContentWrite(FieldIndexes.GetOrAdd(fields.Count, FieldIndexStatement), values);
    }

    private static ContentStatement FieldIndexStatement(int rows)
    {
        var sql = new StringBuilder(
            "INSERT INTO erp_content_field_index (version_id, part_name, field_name, content_item_id, content_type, latest, published, " +
            "text_value, number_value, date_value, bool_value) VALUES ");
        var types = new List<DbType?> { DbType.String, DbType.String, DbType.String, DbType.Boolean, DbType.Boolean };
        for (var n = 0; n < rows; n++)
        {
            var at = FieldIndexShared + FieldIndexPerRow * n;
            sql.Append(n == 0 ? "" : ", ").Append("(@p0, ").Append(P(at)).Append(", ").Append(P(at + 1)).Append(", @p1, @p2, @p3, @p4, ")
                .Append(P(at + 2)).Append(", ").Append(P(at + 3)).Append(", ").Append(P(at + 4)).Append(", ").Append(P(at + 5)).Append(')');
            types.AddRange([DbType.String, DbType.String, DbType.String, DbType.Decimal, DbType.String, DbType.Boolean]);
        }
        return new ContentStatement(sql.ToString(), [.. types]);
    }

    /// <summary>
    /// A version's row in a module's part index; null when the item has no such part. <paramref name="bindable"/> is false when a
    /// value is of a type <see cref="ContentStatements"/> does not bind (the caller sends it through Dapper instead).
    /// </summary>
    public static ContentWrite? PartIndexOf(ContentPartIndex index, ContentItem item, out bool bindable)
    {
        bindable = true;
        if (item.Part(index.PartName) is not { } part)
        {
            return null;
        }
        var values = index.Map(item, part);
        var columns = values.Keys.Select(ContentIndexNames.Column).ToList();
        var row = new object?[5 + columns.Count];
        row[0] = item.ContentItemVersionId;
        row[1] = item.ContentItemId;
        row[2] = item.ContentType;
        row[3] = item.Latest;
        row[4] = item.Published;
        var at = 5;
        foreach (var value in values.Values)
        {
            bindable &= ContentStatements.CanBind(value);
            row[at++] = value;
        }
        var table = ContentIndexNames.Column(index.Table);
        var statement = PartIndexes.GetOrAdd($"{table}({string.Join(',', columns)})", _ =>
            new ContentStatement(
                $"INSERT INTO {table} (version_id, content_item_id, content_type, latest, published{string.Concat(columns.Select(c => ", " + c))}) " +
                $"VALUES (@p0, @p1, @p2, @p3, @p4{string.Concat(columns.Select((_, i) => ", " + P(5 + i)))})",
                [DbType.String, DbType.String, DbType.String, DbType.Boolean, DbType.Boolean, .. columns.Select(_ => (DbType?)null)]));
        return new ContentWrite(statement, row);
    }

    private static string P(int index) => ContentStatement.Parameter(index);

    public static string? Clip(string? text) => text is { Length: > 400 } ? text[..400] : text;
}
