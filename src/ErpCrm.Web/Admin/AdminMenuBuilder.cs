using ErpCrm.Admin;
using ErpCrm.Modules;

namespace ErpCrm.Web.Admin;

/// <summary>A section of the side menu.</summary>
public sealed record AdminMenuGroup(string Name, IReadOnlyList<AdminMenuItem> Items);

/// <summary>
/// Decides whether the user sees a menu item whose visibility one permission cannot express (e.g. "any content
/// permission at all"); registered next to the menu that yields the item.
/// </summary>
public interface IAdminMenuItemFilter
{
    /// <summary>Whether this filter decides about <paramref name="item"/>.</summary>
    bool Filters(AdminMenuItem item);

    /// <summary>Whether a user holding <paramref name="held"/> sees the item.</summary>
    bool Shows(IReadOnlySet<string> held);
}

/// <summary>
/// The side menu of the signed-in user: the items of every enabled feature's <see cref="IAdminMenu"/> whose permission
/// the user holds (and that every <see cref="IAdminMenuItemFilter"/> concerned lets through), grouped (the unnamed group
/// first, then by name) and ordered by position.
/// </summary>
public sealed class AdminMenuBuilder(IFeatureServices<IAdminMenu> menus, IEnumerable<IAdminMenuItemFilter> filters, AdminSession session)
{
    public async Task<IReadOnlyList<AdminMenuGroup>> BuildAsync(CancellationToken cancellationToken)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in menus.SelectMany(m => m.GetItems()))
        {
            if (await session.HoldsAsync(item.Permission, cancellationToken) && await FilteredInAsync(item, cancellationToken))
            {
                visible.Add(item);
            }
        }
        return visible
            .GroupBy(i => i.Group, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new AdminMenuGroup(g.Key, g.OrderBy(i => i.Position).ThenBy(i => i.Text, StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
    }

    private async Task<bool> FilteredInAsync(AdminMenuItem item, CancellationToken cancellationToken)
    {
        foreach (var filter in filters.Where(f => f.Filters(item)))
        {
            if (!filter.Shows(await session.GetPermissionsAsync(cancellationToken)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The item of the page at <paramref name="path"/>: of the items whose page it is or is under, the one with the longest
    /// address, so that <c>/admin/leads/report</c> marks "Lead report" and not also "Pipeline" at <c>/admin/leads</c>.
    /// </summary>
    public static AdminMenuItem? CurrentItem(IEnumerable<AdminMenuGroup> groups, PathString path) =>
        groups.SelectMany(g => g.Items).Where(i => IsCurrent(i, path)).MaxBy(i => i.Url.TrimEnd('/').Length);

    /// <summary>True when <paramref name="item"/> is the page at <paramref name="path"/> or one under it (the dashboard only itself).</summary>
    public static bool IsCurrent(AdminMenuItem item, PathString path)
    {
        var url = item.Url.TrimEnd('/');
        return url == "/admin"
            ? path.Value?.TrimEnd('/').Equals(url, StringComparison.OrdinalIgnoreCase) == true
            : path.StartsWithSegments(url, StringComparison.OrdinalIgnoreCase);
    }
}
