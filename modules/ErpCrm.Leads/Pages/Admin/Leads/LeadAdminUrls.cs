namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>The addresses of the lead pages, relative to the tenant (pages write them with <c>Url.Content("~" + …)</c>).</summary>
public static class LeadAdminUrls
{
    public const string Board = "/admin/leads";
    public const string List = "/admin/leads/list";
    public const string New = "/admin/leads/new";
    public const string Stages = "/admin/leads/stages";
    public const string MyActivities = "/admin/leads/activities";
    public const string Report = "/admin/leads/report";

    /// <summary>The lead list searching for <paramref name="query"/>.</summary>
    public static string ListSearching(string query) => List + "?q=" + Uri.EscapeDataString(query);

    public static string Details(string id) => $"/admin/leads/{Uri.EscapeDataString(id)}";

    /// <summary>The lead's activities, a section another page fills in (htmx) on the lead's page.</summary>
    public static string Activities(string id) => $"{Details(id)}/activities";

    /// <summary>The lead editor: the fields a salesperson uses, then those an admin added to the Lead type.</summary>
    public static string Edit(string id) => $"{Details(id)}/edit";

    /// <summary>A contact's page (Customer 360) in the Contacts module.</summary>
    public static string Contact(string id) => Contacts.Services.ContactAdminUrls.Details(id);
}
