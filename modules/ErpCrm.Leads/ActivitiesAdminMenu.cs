using ErpCrm.Admin;

namespace ErpCrm.Leads;

/// <summary>The admin menu's entries for activities and the leads report, in the CRM group after the pipeline's, and their addresses.</summary>
public sealed class ActivitiesAdminMenu : IAdminMenu
{
    public const string Group = "CRM";
    public const string MyActivities = "/admin/leads/activities";
    public const string Report = "/admin/leads/report";

    /// <summary>A lead's page (the lead pages' own), tenant-relative.</summary>
    public static string Lead(string id) => "/admin/leads/" + Uri.EscapeDataString(id);

    /// <summary>A lead's activities (the fragment its page loads), tenant-relative.</summary>
    public static string LeadActivities(string id) => Lead(id) + "/activities";

    /// <summary>The lead list searching for <paramref name="query"/>, tenant-relative.</summary>
    public static string LeadList(string query) => "/admin/leads/list?q=" + Uri.EscapeDataString(query);

    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new AdminMenuItem("My activities", MyActivities, Permissions.ViewLeads, Group, 30),
        new AdminMenuItem("Lead report", Report, Permissions.ViewLeads, Group, 40),
    ];
}
