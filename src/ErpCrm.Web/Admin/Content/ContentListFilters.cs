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

/// <summary>A filter of the list: a queryable field with the inputs its kind calls for.</summary>
public sealed record ContentListFilter(ContentFieldEditor Field, ContentFilterKind Kind)
{
    /// <summary>The URL parameter of an equality filter (as the API spells it), or of a range's ends.</summary>
    public string Name => $"filter[{Field.Path}]";
    public string FromName => $"from[{Field.Path}]";
    public string ToName => $"to[{Field.Path}]";
}

/// <summary>
/// A list's query as the URL holds it (so that lists can be bookmarked): <c>q</c>, <c>sort</c>, <c>page</c>,
/// <c>pageSize</c>, and per queryable field <c>filter[Part.Field]</c> or <c>from[…]</c>/<c>to[…]</c>, turned into a
/// <see cref="ContentListRequest"/> in the filter syntax of <see cref="ContentQuery"/> (<c>a..b</c>, <c>&gt;=a</c>, <c>&lt;=b</c>).
/// </summary>
public sealed class ContentListFilters
{
    private readonly IQueryCollection _query;

    public ContentListFilters(ContentEditor editor, IQueryCollection query)
    {
        _query = query;
        Filters = editor.Fields.Where(f => f.FieldType.EndsWith("Field", StringComparison.Ordinal) && IsQueryable(editor.Schema, f))
            .Select(f => new ContentListFilter(f, KindOf(f))).ToList();
    }

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
            if (filter.Kind is ContentFilterKind.NumberRange or ContentFilterKind.DateRange)
            {
                var from = Value(filter.FromName);
                var to = Value(filter.ToName);
                // A date-time is indexed as ISO text: "T~" sorts after every time of the last day, so the day is included.
                if (to.Length > 0 && filter.Kind == ContentFilterKind.DateRange && filter.Field.Widget == ContentWidget.DateTime)
                {
                    to += "T~";
                }
                var range = (from.Length > 0, to.Length > 0) switch
                {
                    (true, true) => $"{from}..{to}",
                    (true, false) => ">=" + from,
                    (false, true) => "<=" + to,
                    _ => null,
                };
                if (range is not null)
                {
                    filters[filter.Field.Path] = range;
                }
            }
            else if (Value(filter.Name) is { Length: > 0 } value)
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

    private static ContentFilterKind KindOf(ContentFieldEditor field) => field.FieldType switch
    {
        "NumericField" or "MoneyField" => ContentFilterKind.NumberRange,
        "DateField" or "DateTimeField" => ContentFilterKind.DateRange,
        "BooleanField" => ContentFilterKind.YesNo,
        "EnumerationField" when field.Options.Count > 0 => ContentFilterKind.Choice,
        _ => ContentFilterKind.Text,
    };
}
