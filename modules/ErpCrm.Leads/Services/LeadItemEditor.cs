using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Pages.Admin.Leads;

namespace ErpCrm.Leads.Services;

/// <summary>Leads are edited on the lead editor and created on the new lead form, never in the generic item editor.</summary>
public sealed class LeadItemEditor : IContentItemEditor
{
    public string? EditorPath(string contentType, string? contentItemId) =>
        !string.Equals(contentType, LeadPartValues.TypeName, StringComparison.OrdinalIgnoreCase) ? null
        : contentItemId is null ? LeadAdminUrls.New
        : LeadAdminUrls.Edit(contentItemId);
}
