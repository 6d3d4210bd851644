namespace ErpCrm.Content;

/// <summary>
/// Which content items the caller may view (the record rules of the content permissions: every item of a type, only the ones
/// they own, or none), as a condition a module adds to a query of its own index table. A module's list reads its index for a
/// page and counts the matches for its total: both must leave out the same items, or the total tells a user who may view only
/// their own items how many others exist. (Reading each item of the page through <see cref="IContentItemService.GetAsync"/>
/// still applies the permission item by item; this makes the page full and the total true.)
/// </summary>
public interface IContentVisibility
{
    /// <summary>
    /// A SQL condition, true for the rows whose item the caller may view, over the columns of the query that hold an item's content
    /// type and id (e.g. <c>"l.content_type"</c>, <c>"l.content_item_id"</c>). Add <see cref="ContentVisibilityFilter.Condition"/>
    /// to the WHERE clause and its parameters to the query's (see <see cref="ContentVisibilityFilter.With"/>).
    /// </summary>
    Task<ContentVisibilityFilter> FilterAsync(string contentTypeColumn, string contentItemIdColumn, CancellationToken cancellationToken);
}

/// <summary>A condition of <see cref="IContentVisibility.FilterAsync"/> and the parameters it binds (named <c>cv_…</c>).</summary>
public sealed record ContentVisibilityFilter(string Condition, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>The prefix of the parameters' names, which a module's own parameters must not use.</summary>
    public const string ParameterPrefix = "cv_";

    /// <summary>No condition: the caller may view every item (the system, an administrator, a role with the View permissions).</summary>
    public static readonly ContentVisibilityFilter Everything = new("1 = 1", new Dictionary<string, object?>());

    /// <summary>The query's own parameters (an anonymous object's properties, or a dictionary) with this filter's, for one query.</summary>
    public IReadOnlyDictionary<string, object?> With(object queryParameters)
    {
        var all = queryParameters is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : queryParameters.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(queryParameters));
        foreach (var (name, value) in Parameters)
        {
            if (!all.TryAdd(name, value))
            {
                throw new ArgumentException($"The query's parameter '{name}' clashes with the visibility filter's ('{ParameterPrefix}…').", nameof(queryParameters));
            }
        }
        return all;
    }
}
