using ErpCrm.Content;
using ErpCrm.Core.Content.Items;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Web.Admin.Content;

/// <summary>How a list filters on a queryable field.</summary>
public enum ContentFilterKind
{
    /// <summary>Equal text (ending in * for "starts with").</summary>
    Text,
    /// <summary>One of an enumeration's options.</summary>
    Choice,
    /// <summary>Yes or no.</summary>
    YesNo,
    /// <summary>From and to, numbers.</summary>
    NumberRange,
    /// <summary>From and to, days.</summary>
    DateRange,
}

/// <summary>A filter of the list: a queryable field whose editor gives a filter, and the partial that renders its inputs.</summary>
public sealed record ContentListFilter(ContentFieldEditor Field, IContentFieldEditor Editor, string View)
{
    /// <summary>The URL parameter of an equality filter (as the API spells it).</summary>
    public string Name => Field.Context.FilterName;
}

/// <summary>
/// A list's query as the URL holds it (so that lists can be bookmarked): <c>q</c>, <c>sort</c>, <c>page</c>,
/// <c>pageSize</c>, and per queryable field the parameters of its editor's filter (<c>filter[Part.Field]</c> or
/// <c>from[…]</c>/<c>to[…]</c>), which the editor turns into the filter syntax of <see cref="ContentQuery"/> (<c>a..b</c>,
/// <c>&gt;=a</c>, <c>&lt;=b</c>) for a <see cref="ContentListRequest"/>.
/// </summary>
public sealed class ContentListFilters
{
    private readonly IQueryCollection _query;

    public ContentListFilters(ContentEditor editor, IQueryCollection query)
    {
        _query = query;
        Columns = editor.Fields.Where(f => IsQueryable(editor.Schema, f)).ToList();
        Filters = Columns.Where(f => f.Editor?.FilterView is not null).Select(f => new ContentListFilter(f, f.Editor!, f.Editor!.FilterView!)).ToList();
    }

    /// <summary>The queryable fields: the list shows them as columns and sorts by them.</summary>
    public IReadOnlyList<ContentFieldEditor> Columns { get; }

    public IReadOnlyList<ContentListFilter> Filters { get; }

    public string Search => Value("q");

    public string Sort => Value("sort");

    /// <summary>The value of a URL parameter, "" when absent.</summary>
    public string Value(string name) => _query[name].ToString().Trim();

    public ContentListRequest Request(int page, int pageSize)
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in Filters)
        {
            if (filter.Editor.Filter(filter.Field.Context, Value) is { Length: > 0 } value)
            {
                filters[filter.Field.Path] = value;
            }
        }
        return new ContentListRequest { Search = Search, Sort = Sort, Filters = filters, Page = page, PageSize = pageSize };
    }

    /// <summary>The URL parameters of the current query with some replaced (null removes one), for sort links and pages.</summary>
    public QueryString With(params (string Name, string? Value)[] changes)
    {
        var values = _query.Where(q => q.Value.ToString().Length > 0).ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        return QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value) && v.Key != "handler"));
    }

    private static bool IsQueryable(ContentSchema schema, ContentFieldEditor field) =>
        schema.FindField(field.Path, out _) is { } found && ContentSchema.IsQueryable(found.Field);
}
