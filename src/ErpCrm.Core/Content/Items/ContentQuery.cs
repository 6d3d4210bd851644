using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using ErpCrm.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Data;

namespace ErpCrm.Core.Content.Items;

/// <summary>A list request: search text, filters on queryable fields (by <c>Field</c> or <c>Part.Field</c>), a sort and a page.</summary>
public sealed record ContentListRequest
{
    public string? Search { get; init; }

    /// <summary>Filters by field: <c>value</c> (equal; <c>value*</c> starts with), <c>&gt;=v</c>, <c>&lt;=v</c>, <c>&gt;v</c>, <c>&lt;v</c> or <c>a..b</c>.</summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();

    /// <summary><c>DisplayText</c>, <c>CreatedUtc</c>, <c>ModifiedUtc</c>, <c>PublishedUtc</c> or a queryable field; a leading '-' sorts descending. Default: <c>-ModifiedUtc</c>.</summary>
    public string? Sort { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = ContentQuery.DefaultPageSize;

    /// <summary>Only published versions (the public view) instead of the latest ones.</summary>
    public bool PublishedOnly { get; init; }
}

/// <summary>A page of items with the number of all that match.</summary>
public sealed record ContentPage(IReadOnlyList<StoredItem> Items, long Total, int Page, int PageSize);

/// <summary>
/// Lists content items of a type from the index tables only (never by reading JSON): the map index for the type, search
/// text and dates, the field index for filters and sorts on queryable fields. A caller who may view only their own items
/// sees only those.
/// </summary>
public sealed class ContentQuery(IUnitOfWork unitOfWork, ContentDefinitionStore definitions, ContentAuthorizer authorizer)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    private static readonly Dictionary<string, string> MetadataSorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DisplayText"] = "i.display_text_key",
        ["CreatedUtc"] = "i.created_utc",
        ["ModifiedUtc"] = "i.modified_utc",
        ["PublishedUtc"] = "i.published_utc",
    };

    private sealed record Row
    {
        public string VersionId { get; init; } = "";
        public int Number { get; init; }
        public bool Latest { get; init; }
        public bool Published { get; init; }
        public string? PublishedUtc { get; init; }
        public long Revision { get; init; }
        public string Document { get; init; } = "";
    }

    public async Task<ChangeResult<ContentPage>> ListAsync(string typeName, ContentListRequest request, CancellationToken cancellationToken)
    {
        if (await definitions.SchemaAsync(typeName, cancellationToken) is not { } schema)
        {
            return ChangeFailure.NotFound($"There is no content type '{typeName}'.");
        }
        var scope = await authorizer.ScopeAsync(ContentAction.View, schema, cancellationToken);
        if (scope == ContentScope.None)
        {
            return ChangeFailure.Forbidden($"You may not view {schema.Type.DisplayName} items.");
        }
        var errors = new Dictionary<string, string>();
        var parameters = new DynamicParameters();
        var flag = request.PublishedOnly ? "i.published" : "i.latest";
        parameters.Add("type", schema.Type.Name);
        parameters.Add("yes", true);
        var joins = new List<string>();
        var where = new List<string> { "i.content_type = @type", $"{flag} = @yes" };
        if (scope == ContentScope.Own)
        {
            where.Add("i.owner = @owner");
            parameters.Add("owner", authorizer.UserId);
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            where.Add("i.display_text_key LIKE @search ESCAPE '\\'");
            parameters.Add("search", "%" + EscapeLike(request.Search.Trim().ToLowerInvariant()) + "%");
        }
        foreach (var (name, value) in request.Filters)
        {
            var alias = "f" + joins.Count;
            if (FieldJoin(schema, name, alias, flag, parameters, errors, $"filter[{name}]") is not { } field)
            {
                continue;
            }
            joins.Add(field.Join);
            if (Condition(field.Type, $"{alias}", value, parameters, errors, $"filter[{name}]") is { } condition)
            {
                where.Add(condition);
            }
        }
        var order = Order(schema, request.Sort, flag, parameters, joins, errors);
        if (request.Page < 1)
        {
            errors["page"] = "page must be 1 or more.";
        }
        if (request.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = $"pageSize must be from 1 to {MaxPageSize}.";
        }
        if (errors.Count > 0)
        {
            return ChangeFailure.Invalid(errors);
        }
        var from = $"FROM erp_content_items i {string.Join(" ", joins)} WHERE {string.Join(" AND ", where)}";
        var total = await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) {from}", parameters, cancellationToken);
        parameters.Add("take", request.PageSize);
        parameters.Add("skip", (request.Page - 1) * request.PageSize);
        var ids = await unitOfWork.QueryAsync<string>($"SELECT i.version_id {from} ORDER BY {order} LIMIT @take OFFSET @skip", parameters, cancellationToken);
        var items = await LoadAsync(ids, cancellationToken);
        return new ContentPage(items, total, request.Page, request.PageSize);
    }

    /// <summary>The versions with these ids, in this order (one query; ids are bound one parameter each, the same on every engine).</summary>
    private async Task<IReadOnlyList<StoredItem>> LoadAsync(IReadOnlyList<string> versionIds, CancellationToken cancellationToken)
    {
        if (versionIds.Count == 0)
        {
            return [];
        }
        var parameters = new DynamicParameters();
        for (var i = 0; i < versionIds.Count; i++)
        {
            parameters.Add("v" + i.ToString(CultureInfo.InvariantCulture), versionIds[i]);
        }
        var rows = await unitOfWork.QueryAsync<Row>(
            $"""
            SELECT i.version_id AS VersionId, i.number AS Number, i.latest AS Latest, i.published AS Published, i.published_utc AS PublishedUtc,
                   i.revision AS Revision, d.document AS Document
            FROM erp_content_items i JOIN erp_content_documents d ON d.version_id = i.version_id
            WHERE i.version_id IN ({string.Join(", ", versionIds.Select((_, i) => "@v" + i.ToString(CultureInfo.InvariantCulture)))})
            """, parameters, cancellationToken);
        var byId = rows.ToDictionary(r => r.VersionId);
        return versionIds.Where(byId.ContainsKey).Select(id => ToStored(byId[id])).ToList();
    }

    private static StoredItem ToStored(Row row)
    {
        var errors = new Dictionary<string, string>();
        var item = ContentItemJson.Read(JsonNode.Parse(row.Document), errors)
            ?? throw new InvalidOperationException($"The stored content item version '{row.VersionId}' does not read back.");
        item.Latest = row.Latest;
        item.Published = row.Published;
        item.PublishedUtc = ContentItemJson.ParseIndexDate(row.PublishedUtc);
        return new StoredItem(item, row.Number, row.Revision, false);
    }

    private sealed record JoinedField(string Join, ContentFieldIndexValue Type);

    private static JoinedField? FieldJoin(ContentSchema schema, string name, string alias, string flag, DynamicParameters parameters, Dictionary<string, string> errors, string key)
    {
        if (schema.FindField(name, out var error) is not { } found)
        {
            errors[key] = error!;
            return null;
        }
        if (!ContentSchema.IsQueryable(found.Field))
        {
            errors[key] = $"The field '{found.Part.Name}.{found.Field.Name}' is not queryable; mark it Queryable in the content type to filter or sort on it.";
            return null;
        }
        parameters.Add(alias + "p", found.Part.Name);
        parameters.Add(alias + "n", found.Field.Name);
        var flagColumn = flag == "i.published" ? "published" : "latest";
        return new JoinedField(
            $"LEFT JOIN erp_content_field_index {alias} ON {alias}.version_id = i.version_id AND {alias}.part_name = @{alias}p AND {alias}.field_name = @{alias}n AND {alias}.{flagColumn} = @yes",
            KindOf(found.Field.FieldName));
    }

    /// <summary>Which index column a field type fills: a marker value of the right member.</summary>
    private static ContentFieldIndexValue KindOf(string fieldType) => fieldType switch
    {
        "NumericField" or "MoneyField" => new(Number: 0),
        "DateField" or "DateTimeField" => new(Date: ""),
        "BooleanField" => new(Boolean: false),
        _ => new(Text: ""),
    };

    private static string Column(ContentFieldIndexValue kind, string alias) =>
        kind.Number is not null ? $"{alias}.number_value" : kind.Date is not null ? $"{alias}.date_value" : kind.Boolean is not null ? $"{alias}.bool_value" : $"{alias}.text_value";

    private static string? Condition(ContentFieldIndexValue kind, string alias, string value, DynamicParameters parameters, Dictionary<string, string> errors, string key)
    {
        var column = Column(kind, alias);
        string? Bind(string suffix, string text)
        {
            object? bound = kind.Number is not null
                ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null
                : kind.Boolean is not null
                    ? bool.TryParse(text, out var flag) ? flag : null
                    : kind.Date is not null ? text : text.ToLowerInvariant();
            if (bound is null)
            {
                errors[key] = kind.Number is not null ? $"'{text}' is not a number." : $"'{text}' is not true or false.";
                return null;
            }
            parameters.Add(alias + suffix, bound);
            return "@" + alias + suffix;
        }
        var range = value.Split("..", 2);
        if (range.Length == 2)
        {
            var low = Bind("lo", range[0]);
            var high = Bind("hi", range[1]);
            return low is null || high is null ? null : $"{column} >= {low} AND {column} <= {high}";
        }
        foreach (var op in new[] { ">=", "<=", ">", "<" })
        {
            if (value.StartsWith(op, StringComparison.Ordinal))
            {
                return Bind("v", value[op.Length..]) is { } bound ? $"{column} {op} {bound}" : null;
            }
        }
        if (kind.Text is not null && value.EndsWith('*'))
        {
            parameters.Add(alias + "v", EscapeLike(value[..^1].ToLowerInvariant()) + "%");
            return $"{column} LIKE @{alias}v ESCAPE '\\'";
        }
        return Bind("v", value) is { } equal ? $"{column} = {equal}" : null;
    }

    private static string Order(ContentSchema schema, string? sort, string flag, DynamicParameters parameters, List<string> joins, Dictionary<string, string> errors)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? "-ModifiedUtc" : sort.Trim();
        var descending = text.StartsWith('-');
        var name = text.TrimStart('-', '+');
        var direction = descending ? "DESC" : "ASC";
        string column;
        if (MetadataSorts.TryGetValue(name, out var metadata))
        {
            column = metadata;
        }
        else
        {
            var alias = "s";
            if (FieldJoin(schema, name, alias, flag, parameters, errors, "sort") is not { } field)
            {
                return "i.version_id";
            }
            joins.Add(field.Join);
            column = Column(field.Type, alias);
        }
        // Empty values last either way, and the version id makes the order total so that pages never overlap.
        return $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} {direction}, i.version_id {direction}";
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
