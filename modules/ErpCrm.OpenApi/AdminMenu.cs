using ErpCrm.Admin;

namespace ErpCrm.OpenApi;

/// <summary>Links the browsable API reference from the admin menu while the feature is on.</summary>
internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> GetItems() => [new AdminMenuItem("API reference", "/api/docs", null, "Developer", 10)];
}
