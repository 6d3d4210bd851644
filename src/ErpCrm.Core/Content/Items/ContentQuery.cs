using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using ErpCrm.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Modules;

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
public sealed class ContentQuery(IUnitOfWork unitOfWork, ContentDefinitionStore definitions, ContentAuthorizer authorizer,
    IFeatureServices<IContentFieldType> fieldTypes)
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

    public async Task<Result<ContentPage>> ListAsync(string typeName, ContentListRequest request, CancellationToken cancellationToken)
    {
        if (await definitions.SchemaAsync(typeName, cancellationToken) is not { } schema)
        {
            return Result.NotFound($"There is no content type '{typeName}'.");
        }
        var scope = await authorizer.ScopeAsync(ContentAction.View, schema, cancellationToken);
        if (scope == ContentScope.None)
        {
            return Result.Forbidden($"You may not view {schema.Type.DisplayName} items.");
        }
        var errors = new Dictionary<string, string>();
        var parameters = new DynamicParameters();
        var flag = request.PublishedOnly ? "published" : "latest";
        parameters.Add("type", schema.Type.Name);
        parameters.Add("yes", true);
        // Conditions on the map index itself; filters are EXISTS probes of the field index, so that whichever index
        // (the sort's, the filter's) leads, the other conditions cost one lookup per row the page needs.
        var own = new List<string>();
        if (scope == ContentScope.Own)
        {
            own.Add("i.owner = @owner");
            parameters.Add("owner", authorizer.UserId);
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            own.Add("i.display_text_key LIKE @search ESCAPE '\\'");
            parameters.Add("search", "%" + EscapeLike(request.Search.Trim().ToLowerInvariant()) + "%");
        }
        var filters = new List<(FieldRef Field, string Condition)>();
        foreach (var (name, value) in request.Filters)
        {
            if (Field(schema, name, "f" + filters.Count, parameters, errors, $"filter[{name}]") is { } field
                && Condition(field, value, parameters, errors, $"filter[{name}]") is { } condition)
            {
                filters.Add((field, condition));
            }
        }
        var sort = Sort(schema, request.Sort, parameters, errors);
        if (request.Page < 1)
        {
            errors["page"] = "page must be 1 or more.";
        }
        if (request.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = $"pageSize must be from 1 to {MaxPageSize}.";
        }
        if (errors.Count > 0 || sort is null)
        {
            return Result.Invalid(errors);
        }
        var skip = (request.Page - 1) * request.PageSize;
        parameters.Add("take", request.PageSize);
        parameters.Add("skip", skip);
        var items = $"i.content_type = @type AND i.{flag} = @yes{string.Concat(own.Select(c => " AND " + c))}";
        string Probes(string version, IEnumerable<(FieldRef Field, string Condition)> which) =>
            string.Concat(which.Select(f => $" AND EXISTS (SELECT 1 FROM erp_content_field_index {f.Field.Alias} WHERE {f.Field.Alias}.version_id = {version} AND {Matches(f.Field, flag)} AND {f.Condition})"));

        // With no condition on the map index, the first filter's index answers the count alone.
        var total = filters.Count > 0 && own.Count == 0
            ? await unitOfWork.QuerySingleOrDefaultAsync<long>(
                $"SELECT COUNT(*) FROM erp_content_field_index {filters[0].Field.Alias} WHERE {Matches(filters[0].Field, flag)} AND {filters[0].Condition}{Probes($"{filters[0].Field.Alias}.version_id", filters.Skip(1))}",
                parameters, cancellationToken)
            : await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM erp_content_items i WHERE {items}{Probes("i.version_id", filters)}", parameters, cancellationToken);

        IReadOnlyList<string> ids;
        if (sort.Field is not { } by)
        {
            ids = await unitOfWork.QueryAsync<string>(
                $"SELECT i.version_id FROM erp_content_items i WHERE {items}{Probes("i.version_id", filters)} ORDER BY {sort.Order} LIMIT @take OFFSET @skip",
                parameters, cancellationToken);
        }
        else
        {
            // Items with a value for the sort field, in the order of its index; then those without one (empty values last).
            var column = Column(by);
            var joinItems = own.Count > 0 ? " JOIN erp_content_items i ON i.version_id = s.version_id" : "";
            var valued = $"FROM erp_content_field_index s{joinItems} WHERE {Matches(by, flag)} AND {column} IS NOT NULL{(own.Count > 0 ? string.Concat(own.Select(c => " AND " + c)) : "")}{Probes("s.version_id", filters)}";
            var first = await unitOfWork.QueryAsync<string>($"SELECT s.version_id {valued} ORDER BY {column} {sort.Direction}, s.version_id {sort.Direction} LIMIT @take OFFSET @skip",
                parameters, cancellationToken);
            if (first.Count == request.PageSize)
            {
                ids = first;
            }
            else
            {
                var valuedCount = first.Count > 0 ? skip + first.Count : await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) {valued}", parameters, cancellationToken);
                parameters.Add("take2", request.PageSize - first.Count);
                parameters.Add("skip2", Math.Max(0, skip - valuedCount));
                var rest = await unitOfWork.QueryAsync<string>(
                    $"""
                    SELECT i.version_id FROM erp_content_items i WHERE {items}{Probes("i.version_id", filters)}
                      AND NOT EXISTS (SELECT 1 FROM erp_content_field_index s WHERE s.version_id = i.version_id AND {Matches(by, flag)} AND {column} IS NOT NULL)
                    ORDER BY i.version_id {sort.Direction} LIMIT @take2 OFFSET @skip2
                    """, parameters, cancellationToken);
                ids = [.. first, .. rest];
            }
        }
        return new ContentPage(await LoadAsync(ids, cancellationToken), total, request.Page, request.PageSize);
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

    /// <summary>A queryable field as a query names it: the alias of its field index rows and the kind of value they hold.</summary>
    private sealed record FieldRef(string Alias, ContentFieldIndexValue Kind);

    /// <summary>A sort: by a field (its rows lead the page), or by the map index's columns.</summary>
    private sealed record SortBy(FieldRef? Field, string Order, string Direction);

    private FieldRef? Field(ContentSchema schema, string name, string alias, DynamicParameters parameters, Dictionary<string, string> errors, string key)
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
        return new FieldRef(alias, KindOf(found.Field.FieldName));
    }

    /// <summary>The field index rows of a field of the type, of the versions listed (content_type leads every value index).</summary>
    private static string Matches(FieldRef field, string flag) =>
        $"{field.Alias}.content_type = @type AND {field.Alias}.part_name = @{field.Alias}p AND {field.Alias}.field_name = @{field.Alias}n AND {field.Alias}.{flag} = @yes";

    /// <summary>Which index column a field type fills (as its type declares): a marker value of the right member.</summary>
    private ContentFieldIndexValue KindOf(string fieldType) =>
        fieldTypes.FirstOrDefault(t => string.Equals(t.Name, fieldType, StringComparison.Ordinal))?.IndexKind switch
        {
            ContentFieldIndexKind.Number => new(Number: 0),
            ContentFieldIndexKind.Date => new(Date: ""),
            ContentFieldIndexKind.Boolean => new(Boolean: false),
            _ => new(Text: ""),
        };

    private static string Column(FieldRef field) =>
        field.Kind.Number is not null ? $"{field.Alias}.number_value"
        : field.Kind.Date is not null ? $"{field.Alias}.date_value"
        : field.Kind.Boolean is not null ? $"{field.Alias}.bool_value"
        : $"{field.Alias}.text_value";

    private static string? Condition(FieldRef field, string value, DynamicParameters parameters, Dictionary<string, string> errors, string key)
    {
        var kind = field.Kind;
        var alias = field.Alias;
        var column = Column(field);
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
            // A prefix as a range, so that the value index serves it (LIKE would not, on every engine).
            var prefix = value[..^1].ToLowerInvariant();
            parameters.Add(alias + "lo", prefix);
            parameters.Add(alias + "hi", prefix + "\uffff");
            return $"{column} >= @{alias}lo AND {column} < @{alias}hi";
        }
        return Bind("v", value) is { } equal ? $"{column} = {equal}" : null;
    }

    private SortBy? Sort(ContentSchema schema, string? sort, DynamicParameters parameters, Dictionary<string, string> errors)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? "-ModifiedUtc" : sort.Trim();
        var direction = text.StartsWith('-') ? "DESC" : "ASC";
        var name = text.TrimStart('-', '+');
        if (MetadataSorts.TryGetValue(name, out var column))
        {
            // Only PublishedUtc may be empty; its empty values go last either way, as a field's do.
            var order = column == "i.published_utc"
                ? $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} {direction}, i.version_id {direction}"
                : $"{column} {direction}, i.version_id {direction}";
            return new SortBy(null, order, direction);
        }
        return Field(schema, name, "s", parameters, errors, "sort") is { } field ? new SortBy(field, "", direction) : null;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
