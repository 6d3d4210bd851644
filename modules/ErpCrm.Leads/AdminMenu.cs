using ErpCrm.Admin;
using ErpCrm.Leads.Pages.Admin.Leads;

namespace ErpCrm.Leads;

/// <summary>Leads' entries of the admin menu, in the CRM group after Contacts: the kanban, the list, my activities, the report, and the pipeline's settings.</summary>
public sealed class AdminMenu : IAdminMenu
{
    public const string Group = "CRM";

    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Pipeline", LeadAdminUrls.Board, Permissions.ViewLeads, Group, 10),
        new("Leads", LeadAdminUrls.List, Permissions.ViewLeads, Group, 11),
        new("My activities", LeadAdminUrls.MyActivities, Permissions.ViewLeads, Group, 30),
        new("Lead report", LeadAdminUrls.Report, Permissions.ViewLeads, Group, 35),
        new("Pipeline settings", LeadAdminUrls.Stages, Permissions.ManagePipeline, Group, 40),
    ];
}
