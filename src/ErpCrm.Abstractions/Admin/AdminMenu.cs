using ErpCrm.Security;

namespace ErpCrm.Admin;

/// <summary>An entry of the admin menu.</summary>
/// <param name="Text">What the link says.</param>
/// <param name="Url">Where it goes, relative to the tenant (e.g. <c>/admin/tickets</c>).</param>
/// <param name="Permission">Shown only to users who hold it; null for every admin user.</param>
/// <param name="Group">The menu section, e.g. <c>Sales</c>; items without a group come first.</param>
/// <param name="Position">Order within the section; lower comes first.</param>
public sealed record AdminMenuItem(string Text, string Url, Permission? Permission = null, string Group = "", int Position = 0);

/// <summary>
/// Contributes items to the admin menu. Register in a startup; the shell shows the items of enabled features
/// whose permission the signed-in user holds.
/// </summary>
public interface IAdminMenu
{
    /// <summary>The items this module adds.</summary>
    IEnumerable<AdminMenuItem> GetItems();
}
