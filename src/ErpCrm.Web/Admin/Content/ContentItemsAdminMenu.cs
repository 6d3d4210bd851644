using System.Text.RegularExpressions;
using ErpCrm.Admin;
using ErpCrm.Core.Content.Items;

namespace ErpCrm.Web.Admin.Content;

/// <summary>
/// The "Content items" entry of the admin menu (first in the Content group), leading to the content items of every type the user may see. Whether someone
/// may see any depends on several permissions (ViewContent, ViewOwnContent, any per-type one, and Edit, Publish, Delete
/// imply View), which one <see cref="AdminMenuItem.Permission"/> cannot say: the item has none and
/// <see cref="IAdminMenuItemFilter"/> decides. The pages check each type again (<see cref="ContentAuthorizer"/>).
/// </summary>
internal sealed partial class ContentItemsAdminMenu : IAdminMenu, IAdminMenuItemFilter
{
    public const string Url = "/admin/content";

    public IEnumerable<AdminMenuItem> GetItems()
    {
        yield return new AdminMenuItem("Content items", Url, Permission: null, KernelAdminMenu.ContentGroup, Position: 0);
    }

    public bool Filters(AdminMenuItem item) => item.Url == Url;

    public bool Shows(IReadOnlySet<string> held) => HoldsAnyContentPermission(held);

    /// <summary>Whether any of <paramref name="held"/> lets its holder see some content items (global or per type, own or all).</summary>
    public static bool HoldsAnyContentPermission(IReadOnlySet<string> held) => held.Any(p => ContentPermissionName().IsMatch(p));

    [GeneratedRegex("^(View|Edit|Publish|Delete)(Own)?(Content|_.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentPermissionName();
}
