using ErpCrm.Security;

namespace ErpCrm.Leads;

/// <summary>
/// Who may see and work leads through /api/leads, and who may shape the pipeline (stages, scoring and assignment rules).
/// Leads are content items stored through the kernel's content service, so the content permissions of the Lead type apply
/// as well; the stereotypes match Contacts': Staff may view, Editor may manage. Capturing a lead is public.
/// </summary>
public sealed class Permissions : IPermissionProvider
{
    public const string Category = "Leads";

    /// <summary>The names of the permissions, for <c>[RequirePermission]</c> on pages.</summary>
    public const string ViewLeadsName = "ViewLeads", ManageLeadsName = "ManageLeads", ManagePipelineName = "ManagePipeline";

    public static readonly Permission ViewLeads = new(ViewLeadsName, "View and search leads", Category);
    public static readonly Permission ManageLeads = new(ManageLeadsName, "Create, change, move, convert and lose leads", Category);
    public static readonly Permission ManagePipeline = new(ManagePipelineName, "Change pipeline stages and lead scoring and assignment rules", Category);

    public IEnumerable<Permission> GetPermissions() => [ViewLeads, ManageLeads, ManagePipeline];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Staff", [ViewLeads]),
        new("Editor", [ViewLeads, ManageLeads]),
    ];
}
