using ErpCrm.Admin;
using ErpCrm.Contacts.Services;

namespace ErpCrm.Contacts;

/// <summary>Contacts' entry of the admin menu: the contact list, first in the CRM group, for those who may view contacts.</summary>
public sealed class AdminMenu : IAdminMenu
{
    public const string Group = "CRM";

    public IEnumerable<AdminMenuItem> GetItems() => [new AdminMenuItem("Contacts", ContactAdminUrls.List, Permissions.ViewContacts, Group, 0)];
}
