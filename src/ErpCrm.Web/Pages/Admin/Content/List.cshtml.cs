using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Identity;
using ErpCrm.Modules;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Content;

/// <summary>
/// The items of a type the user may view, searched, filtered on queryable fields, sorted and paged by
/// <see cref="ContentQuery"/> (which reads index tables only). The query lives in the URL; htmx swaps only the results.
/// </summary>
public sealed class ListModel(ContentDefinitionStore definitions, ContentQuery query, ContentManager content, ContentItemStore store,
    ContentAuthorizer authorizer, UserStore users, IFeatureServices<IContentPartType> partTypes, IFeatureServices<IContentFieldEditor> fieldEditors) : AdminPageModel
{
    /// <summary>A row of the list: the item, its state, its owner's name and its queryable fields as people read them.</summary>
    public sealed record Row(StoredItem Stored, string Status, string Owner, IReadOnlyDictionary<string, string?> Values);

    [BindProperty(Name = "type", SupportsGet = true)] public string Type { get; set; } = "";
    /// <summary>The page of the list (<c>page</c> in the URL, read by hand: Razor Pages keeps "page" as a route value of its own).</summary>
    public int PageNumber { get; private set; } = 1;
    [BindProperty(Name = "pageSize", SupportsGet = true)] public int PageSize { get; set; } = ContentQuery.DefaultPageSize;

    public ContentEditor Editor { get; private set; } = null!;
    public ContentListFilters Filters { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public long Total { get; private set; }
    public bool CanCreate { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string TypeName => Editor.Schema.Type.DisplayName;
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / Math.Max(1, PageSize));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await definitions.SchemaAsync(Type, ct) is not { } schema)
        {
            return NotFound();
        }
        Type = schema.Type.Name;
        Editor = ContentEditor.For(schema, partTypes, fieldEditors);
        Filters = new ContentListFilters(Editor, Request.Query);
        PageNumber = int.TryParse(Filters.Value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1;
        var listed = await query.ListAsync(Type, Filters.Request(PageNumber, PageSize), ct);
        if (listed.Failure is { Status: ResultStatus.Forbidden })
        {
            return Forbid();
        }
        CanCreate = schema.Setting("Creatable") && await authorizer.ScopeAsync(ContentAction.Edit, schema, ct) != ContentScope.None;
        if (listed.Failure is { } failure)
        {
            // A bad filter, sort or page is the user's to fix: say so above an empty list.
            Problems = failure.Errors.Count > 0 ? failure.Errors.Select(e => $"{Describe(e.Key)}: {e.Value}").ToList() : [failure.Detail];
        }
        else
        {
            Total = listed.Value!.Total;
            Rows = await RowsAsync(schema, listed.Value.Items, ct);
        }
        if (IsHtmx)
        {
            return Partial("_ContentResults", this);
        }
        return Problems.Count > 0 ? Invalid() : Page();
    }

    /// <summary>What a filter's view reads: the field, its editor's model (the host's for the kernel's types) and the URL's values.</summary>
    public ContentFieldFilterView FilterViewOf(ContentListFilter filter) => new()
    {
        Field = filter.Field.Context,
        Model = filter.Field.Widget == ContentWidget.Custom ? filter.Field.Model : filter.Field,
        Query = Filters.Value,
    };

    /// <summary>The link that sorts by <paramref name="name"/>: ascending first, then the other way.</summary>
    public string SortUrl(string name) => Url.Content("~" + ContentAdminUrls.List(Type)) + Filters.With(("sort", SortOf(name) == "ascending" ? "-" + name : name), ("page", null));

    /// <summary>How the list is sorted by <paramref name="name"/> (aria-sort), or null.</summary>
    public string? SortOf(string name)
    {
        var sort = Filters.Sort.Length == 0 ? "-ModifiedUtc" : Filters.Sort;
        return string.Equals(sort.TrimStart('-'), name, StringComparison.OrdinalIgnoreCase) ? sort.StartsWith('-') ? "descending" : "ascending" : null;
    }

    public string PageUrl(int page) => Url.Content("~" + ContentAdminUrls.List(Type)) + Filters.With(("page", page.ToString(CultureInfo.InvariantCulture)));

    private async Task<IReadOnlyList<Row>> RowsAsync(ContentSchema schema, IReadOnlyList<StoredItem> items, CancellationToken ct)
    {
        var names = items.Count == 0 ? new Dictionary<string, string>() : (await users.ListAsync(ct)).ToDictionary(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.UserName);
        var rows = new List<Row>();
        foreach (var stored in items)
        {
            var item = stored.Item;
            var hasPublished = !item.Published && schema.Draftable && await store.PublishedAsync(item.ContentItemId, ct) is not null;
            var owner = item.Owner is null ? "—" : names.GetValueOrDefault(item.Owner, item.Owner);
            rows.Add(new Row(stored, ContentAdminUrls.Status(item, hasPublished), owner, await content.ValuesAsync(item, ct)));
        }
        return rows;
    }

    private string Describe(string key) =>
        Filters.Filters.FirstOrDefault(f => key.Contains(f.Field.Path, StringComparison.OrdinalIgnoreCase))?.Field.Label ?? key;
}
