using System.Text;
using ErpCrm.Contacts.Models;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// What the lead list (and the kanban) asks for. <paramref name="Owner"/> is a user id, or empty for unassigned leads;
/// <paramref name="Sort"/> is one of <see cref="LeadIndexQueries.Sorts"/>, '-' first for descending; <paramref name="Source"/>
/// matches the lead's source ignoring case.
/// </summary>
public sealed record LeadListRequest(string? Stage, string? Owner, string? Search, LeadStatus? Status, int Page, int PageSize, string Sort, string? Source = null);

/// <summary>How many leads of a stage there are in one currency (or without expected revenue: <c>Currency</c> null), and their expected revenue.</summary>
public sealed record LeadStageTotal
{
    public string StageKey { get; init; } = "";
    public string? Currency { get; init; }
    public long Count { get; init; }
    public long Revenue { get; init; }
}

/// <summary>A lead found in the index.</summary>
public sealed record LeadRef
{
    public string ContentItemId { get; init; } = "";
    public string ContentType { get; init; } = "";
}

/// <summary>
/// Reads the lead index (<see cref="LeadIndex"/>): only latest versions, so removed leads are never found. Lists and their totals
/// count only the leads the caller may view (<see cref="IContentVisibility"/>).
/// </summary>
public sealed class LeadIndexQueries(IUnitOfWork unitOfWork, IContentVisibility visibility)
{
    /// <summary>The sorts a list offers and the columns they order by (the id breaks ties, so pages are stable).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["created"] = "l.created_utc",
        ["name"] = "l.display_name_key",
        ["score"] = "l.score",
        ["revenue"] = "l.expected_revenue",
        ["probability"] = "l.probability",
        ["stage"] = "l.stage_key",
    };

    public const string DefaultSort = "-created";

    /// <summary>One page of leads and how many match in all.</summary>
    public async Task<(IReadOnlyList<LeadRef> Page, long Total)> ListAsync(LeadListRequest request, CancellationToken cancellationToken)
    {
        var (where, parameters) = await FilterAsync(request, cancellationToken);
        var total = await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM {LeadIndex.TableName} l WHERE {where}", parameters, cancellationToken);
        var page = await unitOfWork.QueryAsync<LeadRef>(
            $"""
            SELECT l.content_item_id AS ContentItemId, l.content_type AS ContentType FROM {LeadIndex.TableName} l
            WHERE {where} ORDER BY {Order(request.Sort)} LIMIT @take OFFSET @skip
            """, parameters, cancellationToken);
        return (page, total);
    }

    /// <summary>Per stage and currency, how many leads match the filter (its stage, page and sort are not used) and their expected revenue.</summary>
    public async Task<IReadOnlyList<LeadStageTotal>> StageTotalsAsync(LeadListRequest filter, CancellationToken cancellationToken)
    {
        var (where, parameters) = await FilterAsync(filter with { Stage = null }, cancellationToken);
        return await unitOfWork.QueryAsync<LeadStageTotal>(
            $"""
            SELECT l.stage_key AS StageKey, l.currency AS Currency, COUNT(*) AS Count, COALESCE(SUM(l.expected_revenue), 0) AS Revenue
            FROM {LeadIndex.TableName} l WHERE {where} GROUP BY l.stage_key, l.currency
            """, parameters, cancellationToken);
    }

    private static string Order(string sort)
    {
        var column = Sorts[sort.TrimStart('-')];
        // NULLs last either way, the same on both engines.
        return $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} {(sort.StartsWith('-') ? "DESC" : "ASC")}, l.content_item_id";
    }

    /// <summary>The WHERE clause of a list's filters (latest versions the caller may view only) and its parameters, with the page's.</summary>
    private async Task<(string Where, object Parameters)> FilterAsync(LeadListRequest request, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("l.latest = @yes");
        var search = ContactKeys.Lower(request.Search);
        var digits = ContactKeys.PhoneKey(request.Search);
        if (request.Stage is not null)
        {
            where.Append(" AND l.stage_key = @stage");
        }
        if (request.Owner is not null)
        {
            where.Append(request.Owner.Length == 0 ? " AND l.owner_id IS NULL" : " AND l.owner_id = @owner");
        }
        if (request.Status is not null)
        {
            where.Append(" AND l.status = @status");
        }
        if (request.Source is not null)
        {
            where.Append(" AND LOWER(l.source) = @source");
        }
        if (search is not null)
        {
            where.Append(" AND (l.display_name_key LIKE @like ESCAPE '\\' OR l.email_key LIKE @like ESCAPE '\\'");
            where.Append(digits is null ? ")" : " OR l.phone_key LIKE @digitsLike)");
        }
        var visible = await visibility.FilterAsync("l.content_type", "l.content_item_id", cancellationToken);
        where.Append(" AND ").Append(visible.Condition);
        return (where.ToString(), visible.With(new
        {
            yes = true,
            stage = ContactKeys.Lower(request.Stage),
            owner = request.Owner,
            status = request.Status?.ToString().ToLowerInvariant(),
            source = ContactKeys.Lower(request.Source),
            like = search is null ? null : $"%{Escape(search)}%",
            digitsLike = digits is null ? null : $"%{digits}%",
            take = request.PageSize,
            skip = (request.Page - 1) * request.PageSize,
        }));
    }

    /// <summary>The content type of a lead's latest version, or null when there is no such lead.</summary>
    public Task<string?> ContentTypeOfAsync(string contentItemId, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<string>(
            $"SELECT content_type FROM {LeadIndex.TableName} WHERE content_item_id = @contentItemId AND latest = @yes",
            new { contentItemId, yes = true }, cancellationToken);

    /// <summary>The oldest open lead with this email key or, failing that, this phone key (keys as <see cref="ContactKeys"/> makes them).</summary>
    public async Task<LeadRef?> FindOpenLeadAsync(string? emailKey, string? phoneKey, CancellationToken cancellationToken)
    {
        // One query for the keys given (every capture asks), a branch per key so that each uses its own index: a lead with the
        // email comes before one with the phone only, then the oldest, as one query per key in that order would answer.
        var branches = new[] { ("email_key", emailKey, 0), ("phone_key", phoneKey, 1) }
            .Where(k => k.Item2 is not null)
            .Select(k => $"""
                SELECT content_item_id AS ContentItemId, content_type AS ContentType, created_utc AS CreatedUtc, {k.Item3} AS Strength
                FROM {LeadIndex.TableName} WHERE {k.Item1} = @{k.Item1} AND latest = @yes AND status = @open
                """)
            .ToList();
        if (branches.Count == 0)
        {
            return null;
        }
        var found = await unitOfWork.QueryAsync<LeadRef>(
            $"SELECT ContentItemId, ContentType FROM ({string.Join(" UNION ALL ", branches)}) l ORDER BY Strength, CreatedUtc, ContentItemId LIMIT 1",
            new { email_key = emailKey, phone_key = phoneKey, yes = true, open = "open" }, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The leads (latest versions) in a stage, by its name ignoring case.</summary>
    public Task<IReadOnlyList<LeadRef>> InStageAsync(string stage, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<LeadRef>(
            $"SELECT content_item_id AS ContentItemId, content_type AS ContentType FROM {LeadIndex.TableName} WHERE stage_key = @stage AND latest = @yes ORDER BY content_item_id",
            new { stage = ContactKeys.Lower(stage), yes = true }, cancellationToken);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
