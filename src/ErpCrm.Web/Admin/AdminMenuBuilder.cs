using ErpCrm.Admin;
using ErpCrm.Modules;

namespace ErpCrm.Web.Admin;

/// <summary>A section of the side menu.</summary>
public sealed record AdminMenuGroup(string Name, IReadOnlyList<AdminMenuItem> Items);

/// <summary>
/// The side menu of the signed-in user: the items of every enabled feature's <see cref="IAdminMenu"/> whose permission
/// the user holds, grouped (the unnamed group first, then by name) and ordered by position.
/// </summary>
public sealed class AdminMenuBuilder(IFeatureServices<IAdminMenu> menus, AdminSession session)
{
    public async Task<IReadOnlyList<AdminMenuGroup>> BuildAsync(CancellationToken cancellationToken)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in menus.SelectMany(m => m.GetItems()))
        {
            if (await session.HoldsAsync(item.Permission, cancellationToken))
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

    /// <summary>True when <paramref name="item"/> is the page at <paramref name="path"/> or one under it (the dashboard only itself).</summary>
    public static bool IsCurrent(AdminMenuItem item, PathString path)
    {
        var url = item.Url.TrimEnd('/');
        return url == "/admin"
            ? path.Value?.TrimEnd('/').Equals(url, StringComparison.OrdinalIgnoreCase) == true
            : path.StartsWithSegments(url, StringComparison.OrdinalIgnoreCase);
    }
}
