namespace ErpCrm.Contacts.Services;

/// <summary>The addresses of the contact pages, relative to the tenant: for links from panels, menus and other modules.</summary>
public static class ContactAdminUrls
{
    public const string List = "/admin/contacts";

    /// <summary>The CSV import (built by its own page).</summary>
    public const string Import = List + "/import";

    /// <summary>The CSV export (built by its own page); takes the list's filters (<c>q</c>, <c>role</c>, <c>type</c>).</summary>
    public const string Export = List + "/export";

    /// <summary>The progress of an import running in the background (polled by its page every second).</summary>
    public static string ImportProgress(Guid job) => Import + "/progress?job=" + job.ToString("D");

    /// <summary>The contacts' lookup, what a contact picker searches (<c>?q=</c>, ViewContacts): a JSON array of <c>LookupItem</c>.</summary>
    public const string Lookup = "/api/contacts/lookup";

    /// <summary>A contact's page: its details and every enabled module's panel.</summary>
    public static string Details(string contentItemId) => List + "/" + Uri.EscapeDataString(contentItemId);

    /// <summary>The contact editor (a company's or a person's fields, then those an admin added to its type).</summary>
    public static string Edit(string contentItemId) => Details(contentItemId) + "/edit";

    /// <summary>The contact editor for a new company or person (<paramref name="contentType"/>).</summary>
    public static string Create(string contentType) => $"{List}/new/{Uri.EscapeDataString(contentType)}";

    /// <summary>The contact editor for a new person of a company, the company already chosen.</summary>
    public static string NewPersonOf(string companyId) => Create(ContactService.Person) + "?company=" + Uri.EscapeDataString(companyId);

    /// <summary><paramref name="url"/> when it is tenant-relative (starts with one <c>/</c>), else null: what a panel may link to.</summary>
    public static string? Local(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}
