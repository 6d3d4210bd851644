using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Tests.Modules;

/// <summary>Test.ContactPanels: a panel on every contact's page for those who hold its permission, and one that fails.</summary>
[Feature("Test.ContactPanels")]
public sealed class ContactPanelsStartup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddPermissions<ContactPanelPermissions>();
        services.AddContactPanel<TestContactPanel>();
        services.AddContactPanel<FailingContactPanel>();
    }
}

public sealed class ContactPanelPermissions : IPermissionProvider
{
    public static readonly Permission ViewTestPanel = new("ViewTestPanel", "See the test panel on contact pages");

    public IEnumerable<Permission> GetPermissions() => [ViewTestPanel];
}

/// <summary>Fixed figures and rows about the contact, with a badge and links, like a module's panel (a ledger's balance, say).</summary>
public sealed class TestContactPanel : IContactPanel
{
    public const string Title = "Test balance";

    public Permission? Permission => ContactPanelPermissions.ViewTestPanel;

    public int Position => 100;

    public Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken) =>
        Task.FromResult<ContactPanelModel?>(new ContactPanelModel(Title)
        {
            Figures = [new ContactPanelFigure("Balance due", "1,250.00 EUR")],
            Columns = ["Due"],
            Rows =
            [
                new ContactPanelRow($"Invoice for {context.Contact.DisplayText}", "/admin/test/delta", ["2026-01-31"], "Overdue", ContactPanelTone.Danger),
                new ContactPanelRow("Not a link", "javascript:alert(1)"),
            ],
            SeeAll = new ContactPanelLink("All test invoices", "/admin/test/delta"),
        });
}

/// <summary>Throws for contacts whose name has "Boom" in it: the page shows it as unavailable and the others still show.</summary>
public sealed class FailingContactPanel : IContactPanel
{
    public Permission? Permission => null;

    public int Position => 50;

    public Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken) =>
        context.Contact.DisplayText?.Contains("Boom", StringComparison.Ordinal) == true
            ? throw new InvalidOperationException("The test panel fails on purpose.")
            : Task.FromResult<ContactPanelModel?>(null);
}
