using ErpCrm.Security;

namespace ErpCrm.Contacts;

/// <summary>
/// Who may see and change contacts through /api/contacts. The content permissions of the Company and Person types apply
/// as well (the items are stored through the kernel's content service), so the stereotypes match: Staff may view content,
/// Editor may edit it.
/// </summary>
public sealed class Permissions : IPermissionProvider
{
    public const string Category = "Contacts";

    /// <summary>The name of <see cref="ViewContacts"/>, for <c>[RequirePermission]</c> on pages.</summary>
    public const string ViewContactsName = "ViewContacts";

    /// <summary>The name of <see cref="ManageContacts"/>, for <c>[RequirePermission]</c> on pages.</summary>
    public const string ManageContactsName = "ManageContacts";

    public static readonly Permission ViewContacts = new(ViewContactsName, "View and search companies and people", Category);
    public static readonly Permission ManageContacts = new(ManageContactsName, "Create, change and delete companies and people", Category);

    public IEnumerable<Permission> GetPermissions() => [ViewContacts, ManageContacts];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Staff", [ViewContacts]),
        new("Editor", [ViewContacts, ManageContacts]),
    ];
}
