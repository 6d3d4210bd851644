using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Leads.Services;
using ErpCrm.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// What the lead pages share: permission checks for handlers (Razor Pages ignore authorization attributes on handler methods),
/// the users who own leads, and the filters of the kanban and the list, read from the URL so that a filtered view can be
/// shared and survives a reload. The owner filter is <c>mine</c>, <c>none</c> (unassigned), a user id, or absent (anyone).
/// </summary>
public abstract class LeadPageModel(IUserDirectory users) : PageModel
{
    public const string Mine = "mine";
    public const string Unassigned = "none";

    /// <summary>Every user of the tenant by display name (owner filters, owner names).</summary>
    public IReadOnlyList<DirectoryUser> Users { get; private set; } = [];

    /// <summary>What the URL asks for; the owner resolved to a user id (or empty for unassigned leads).</summary>
    public LeadListRequest Query { get; private set; } = new(null, null, null, null, 1, LeadListQuery.DefaultPageSize, LeadIndexQueries.DefaultSort);

    /// <summary>The owner filter as the URL gives it: <see cref="Mine"/>, <see cref="Unassigned"/>, a user id or empty.</summary>
    public string OwnerChoice { get; private set; } = "";

    /// <summary>Filters the URL gets wrong, to show above the results.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Whether the signed-in user may change leads (move, win, lose, convert, create).</summary>
    public bool CanManage { get; private set; }

    public bool IsHtmx => Request.Headers["HX-Request"] == "true";

    protected async Task LoadUsersAsync(CancellationToken ct)
    {
        Users = await users.ListAsync(ct);
        CanManage = await MayAsync(Permissions.ManageLeadsName);
    }

    /// <summary>Reads the filters (and the list's sort and page) from the URL.</summary>
    protected void ReadQuery()
    {
        OwnerChoice = Request.Query["owner"].ToString().Trim();
        var others = Request.Query.Where(p => p.Key != "owner").ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string>();
        var parsed = LeadListQuery.Parse(new QueryCollection(others), errors);
        Query = parsed with
        {
            Owner = OwnerChoice switch
            {
                "" => null,
                Unassigned => "",
                // Someone signed in without a user of this tenant owns nothing: a filter that matches no id.
                Mine => HttpContext.RequestServices.GetRequiredService<ICurrentActor>().Actor.UserKey ?? "-",
                var id => id,
            },
        };
        Problems = errors.Values.ToList();
    }

    /// <summary>The owner's display name (a user id the directory does not know shows as it is).</summary>
    public string? OwnerName(string? id) => id is null ? null : Users.FirstOrDefault(u => u.Id == id)?.DisplayName ?? id;

    /// <summary>A tenant-relative address with the current filters, changed by <paramref name="changes"/> (a null value drops a parameter).</summary>
    public string FilteredUrl(string path, params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Query.Search,
            ["source"] = Query.Source,
            ["owner"] = OwnerChoice.Length == 0 ? null : OwnerChoice,
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        return path + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
    }

    /// <summary>The whole page, or only <paramref name="partial"/> for htmx, with <paramref name="status"/> (400 and up rolls the unit of work back).</summary>
    protected IActionResult PageOrPartial(string partial, int status)
    {
        if (!IsHtmx)
        {
            return new PageResult { StatusCode = status };
        }
        var result = Partial(partial, this);
        result.StatusCode = status;
        return result;
    }

    protected Task<bool> MayAsync(string permission) => HttpContext.HoldsPermissionAsync(permission);

    protected static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
