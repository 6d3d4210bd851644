using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// The contact list: companies and people searched by name, email or phone, filtered by role and type, by name, a page at
/// a time (<see cref="ContactService.ListAsync"/>); the active ones, or the archived ones on asking. The query lives in the URL;
/// htmx swaps only the results.
/// </summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(Permissions.ViewContactsName)]
public sealed class IndexModel(ContactService contacts) : PageModel
{
    public ContactListRequest Query { get; private set; } = new(null, null, null, 1, ContactListQuery.DefaultPageSize);
    public IReadOnlyList<ContactCard> Rows { get; private set; } = [];
    public long Total { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int PageCount => (int)Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);

    /// <summary>True when a search or filter narrows the list.</summary>
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Query.Search) || Query.Role is not null || Query.ContentType is not null || Query.Archived;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        Query = ContactListQuery.Parse(Request.Query, errors);
        if (errors.Count > 0)
        {
            // A bad filter or page is the user's to fix: say so above an empty list.
            Problems = errors.Values.ToList();
        }
        else
        {
            var (items, total) = await contacts.ListAsync(Query, ct);
            Rows = items.Select(i => ContactCard.Of(i.Item)).ToList();
            Total = total;
        }
        if (Request.Headers["HX-Request"] == "true")
        {
            return Partial("_ContactResults", this);
        }
        return Problems.Count > 0 ? new PageResult { StatusCode = StatusCodes.Status400BadRequest } : Page();
    }

    /// <summary>The list's address (tenant-relative) for <paramref name="page"/>, keeping the search and filters.</summary>
    public string PageUrl(int page) => ContactAdminUrls.List + Filters(page);

    /// <summary>The CSV export of what the list shows now (every page).</summary>
    public string ExportUrl => ContactAdminUrls.Export + Filters(null);

    private QueryString Filters(int? page)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(new(name, value));
            }
        }
        Add("q", Query.Search);
        Add("role", Query.Role?.ToString().ToLowerInvariant());
        Add("type", Query.ContentType);
        if (page is { } number)
        {
            // The export takes active contacts only: the archived filter stays with the list's pages.
            Add("archived", Query.Archived ? "true" : null);
            Add("pageSize", Query.PageSize == ContactListQuery.DefaultPageSize ? null : Query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("page", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return QueryString.Create(values);
    }
}
