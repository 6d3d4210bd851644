using ErpCrm.Admin;

namespace ErpCrm.Tests.Modules;

/// <summary>Delta's entry in the admin menu: registered by Delta's startup, so it shows only while Test.Delta is on.</summary>
public sealed class DeltaAdminMenu : IAdminMenu
{
    public const string Group = "Testing";

    public IEnumerable<AdminMenuItem> GetItems() => [new AdminMenuItem("Delta page", "/admin/test/delta", Group: Group)];
}
