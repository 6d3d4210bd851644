using ErpCrm.Core.Modules;
using static ErpCrm.Core.Tests.ModuleCatalogTestData;

namespace ErpCrm.Core.Tests;

/// <summary>How manifests are validated: a bad module is left out with a problem naming it, and the rest goes on.</summary>
public sealed class ModuleCatalogBuilderTests
{
    [Fact]
    public void A_module_with_an_unknown_dependency_is_skipped_naming_the_feature_and_the_dependency()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Sales", Feature("Sales.Orders", "Sales", "Crm.Contacts")),
        ]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Sales.Orders' depends on 'Crm.Contacts', which no loaded module declares."], Problems(catalog));
        Assert.Equal(["ErpCrm.Core"], catalog.Modules.Select(m => m.Id));
        Assert.Null(catalog.Find("Sales.Orders"));
    }

    [Fact]
    public void A_startup_that_requires_an_unknown_feature_skips_its_module()
    {
        var sales = Module("Sales", Feature("Sales.Orders", "Sales")) with
        {
            Startups = [new StartupDescriptor(typeof(OrdersStartup), "Sales.Orders", ["Crm.Contacts"])],
        };

        var catalog = ModuleCatalogBuilder.Build([Kernel(), sales]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Sales.Orders' depends on 'Crm.Contacts', which no loaded module declares."], Problems(catalog));
    }

    [Fact]
    public void A_two_feature_cycle_across_modules_skips_both_modules_naming_the_cycle()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Crm", Feature("Crm.Contacts", "Crm", "Sales.Orders")),
            Module("Sales", Feature("Sales.Orders", "Sales", "Crm.Contacts")),
        ]);

        Assert.Equal(
        [
            "Module 'Crm' skipped: feature 'Crm.Contacts' is in a dependency cycle: Crm.Contacts -> Sales.Orders -> Crm.Contacts.",
            "Module 'Sales' skipped: feature 'Sales.Orders' is in a dependency cycle: Crm.Contacts -> Sales.Orders -> Crm.Contacts.",
        ], Problems(catalog));
        Assert.Equal(["ErpCrm.Core"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void A_three_feature_cycle_across_modules_skips_all_three_and_keeps_the_valid_modules()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Crm", Feature("Crm.Contacts", "Crm", "Sales.Orders")),
            Module("Sales", Feature("Sales.Orders", "Sales", "Stock.Items")),
            Module("Stock", Feature("Stock.Items", "Stock", "Crm.Contacts")),
            Module("Notes", Feature("Notes", "Notes", KernelFeatures.Kernel)),
        ]);

        const string cycle = "Crm.Contacts -> Sales.Orders -> Stock.Items -> Crm.Contacts.";
        Assert.Equal(
        [
            $"Module 'Crm' skipped: feature 'Crm.Contacts' is in a dependency cycle: {cycle}",
            $"Module 'Sales' skipped: feature 'Sales.Orders' is in a dependency cycle: {cycle}",
            $"Module 'Stock' skipped: feature 'Stock.Items' is in a dependency cycle: {cycle}",
        ], Problems(catalog));
        Assert.Equal(["ErpCrm.Core", "Notes"], catalog.Modules.Select(m => m.Id));
        Assert.NotNull(catalog.Find("Notes"));
    }

    [Fact]
    public void A_cycle_inside_one_module_is_reported_once_for_that_module()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Sales", Feature("Sales.Orders", "Sales", "Sales.Quotes"), Feature("Sales.Quotes", "Sales", "Sales.Orders")),
        ]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Sales.Orders' is in a dependency cycle: Sales.Orders -> Sales.Quotes -> Sales.Orders."], Problems(catalog));
    }

    [Fact]
    public void A_feature_that_depends_on_itself_skips_its_module()
    {
        var catalog = ModuleCatalogBuilder.Build([Kernel(), Module("Sales", Feature("Sales.Orders", "Sales", "Sales.Orders"))]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Sales.Orders' depends on itself."], Problems(catalog));
    }

    [Fact]
    public void A_feature_id_declared_by_two_modules_skips_the_second_and_keeps_the_first()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Crm", Feature("Shared.Contacts", "Crm")),
            Module("Sales", Feature("Sales.Orders", "Sales"), Feature("Shared.Contacts", "Sales")),
        ]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Shared.Contacts' is already declared by module 'Crm'."], Problems(catalog));
        Assert.Equal("Crm", catalog.Find("Shared.Contacts")!.ModuleId);
        Assert.Null(catalog.Find("Sales.Orders"));
    }

    [Fact]
    public void A_feature_id_declared_twice_in_one_module_skips_it()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Sales", Feature("Sales.Orders", "Sales"), Feature("Sales.Orders", "Sales")),
        ]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Sales.Orders' is declared twice."], Problems(catalog));
        Assert.Null(catalog.Find("Sales.Orders"));
    }

    [Fact]
    public void A_feature_without_an_id_skips_its_module()
    {
        var catalog = ModuleCatalogBuilder.Build([Kernel(), Module("Sales", Feature(" ", "Sales"))]);

        Assert.Equal(["Module 'Sales' skipped: a feature has no id."], Problems(catalog));
    }

    [Fact]
    public void A_bridge_without_dependencies_skips_its_module()
    {
        var catalog = ModuleCatalogBuilder.Build([Kernel(), Module("Sales", Bridge("Sales.Bridge", "Sales"))]);

        Assert.Equal(["Module 'Sales' skipped: feature 'Sales.Bridge' is AutoEnable but has no dependencies to follow."], Problems(catalog));
    }

    [Fact]
    public void A_startup_tied_to_a_feature_its_module_does_not_declare_skips_the_module()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            ModuleWithStartup("Sales", typeof(OrdersStartup), "Sales.Invoices", Feature("Sales.Orders", "Sales")),
        ]);

        Assert.Equal(["Module 'Sales' skipped: startup 'OrdersStartup' belongs to feature 'Sales.Invoices', which the module does not declare."], Problems(catalog));
        Assert.Empty(catalog.Startups);
    }

    [Fact]
    public void A_migration_tied_to_a_feature_its_module_does_not_declare_skips_the_module()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            ModuleWithMigration("Sales", typeof(CreateOrdersTable), "Sales.Invoices", Feature("Sales.Orders", "Sales")),
        ]);

        Assert.Equal(["Module 'Sales' skipped: migration 'CreateOrdersTable' belongs to feature 'Sales.Invoices', which the module does not declare."], Problems(catalog));
        Assert.Empty(catalog.MigrationsOf("Sales.Invoices"));
    }

    [Fact]
    public void A_module_that_depends_on_a_skipped_module_is_skipped_too()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Crm", Feature("Crm.Contacts", "Crm"), Feature("Crm.Contacts", "Crm")),
            Module("Sales", Feature("Sales.Orders", "Sales", "Crm.Contacts")),
            Module("Notes", Feature("Notes", "Notes")),
        ]);

        Assert.Equal(
        [
            "Module 'Crm' skipped: feature 'Crm.Contacts' is declared twice.",
            "Module 'Sales' skipped: feature 'Sales.Orders' depends on 'Crm.Contacts', which no loaded module declares.",
        ], Problems(catalog));
        Assert.Equal(["ErpCrm.Core", "Notes"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Skipping_ripples_down_a_chain_of_modules_that_depend_on_a_cycle()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Crm", Feature("Crm.Contacts", "Crm", "Sales.Orders")),
            Module("Sales", Feature("Sales.Orders", "Sales", "Crm.Contacts")),
            Module("Reports", Feature("Reports", "Reports", "Sales.Orders")),
            Module("Dashboards", Feature("Dashboards", "Dashboards", "Reports")),
        ]);

        Assert.Equal(["Crm", "Sales", "Reports", "Dashboards"], catalog.Problems.Select(p => p.ModuleId));
        Assert.Equal("Module 'Dashboards' skipped: feature 'Dashboards' depends on 'Reports', which no loaded module declares.", Problems(catalog)[^1]);
        Assert.Equal(["ErpCrm.Core"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void A_valid_set_of_modules_has_no_problems_and_keeps_every_feature()
    {
        var catalog = ModuleCatalogBuilder.Build([
            Kernel(),
            Module("Crm", Feature("Crm.Contacts", "Crm"), Feature("Crm.Leads", "Crm", "Crm.Contacts")),
            Module("Sales", Feature("Sales.Orders", "Sales", "Crm.Contacts")),
        ]);

        Assert.Empty(catalog.Problems);
        Assert.Equal(["Crm.Contacts", "Crm.Leads", "ErpCrm.Kernel", "Sales.Orders"], Ids(catalog.FeaturesInDependencyOrder).Order());
        Assert.Equal(["Crm.Leads", "Sales.Orders"], catalog.DirectDependents("Crm.Contacts").Order());
    }

    [Fact]
    public void Features_in_dependency_order_put_every_dependency_before_its_dependents()
    {
        // Declared in an order that is neither alphabetical nor topological, with dependencies across modules.
        var catalog = BuildValid(
            Module("Zeta", Feature("Zeta.Report", "Zeta", "Sales.Invoice", "Crm.Lead"), Feature("Zeta.Core", "Zeta")),
            Module("Sales", Feature("Sales.Invoice", "Sales", "Sales.Order"), Feature("Sales.Order", "Sales", "Crm.Contact", "Zeta.Core")),
            Module("Crm", Feature("Crm.Lead", "Crm", "Crm.Contact"), Feature("Crm.Contact", "Crm", "Aardvark.Base")),
            Module("Aardvark", Feature("Aardvark.Base", "Aardvark"), Bridge("Aardvark.Bridge", "Aardvark", "Aardvark.Base", "Zeta.Report")),
            Kernel());

        var order = Ids(catalog.FeaturesInDependencyOrder).ToList();

        Assert.Equal(9, order.Count);
        Assert.Equal(order.Count, order.Distinct().Count());
        foreach (var feature in catalog.FeaturesInDependencyOrder)
        {
            foreach (var dependency in feature.Dependencies)
            {
                Assert.True(order.IndexOf(dependency) < order.IndexOf(feature.Id), $"'{dependency}' comes after its dependent '{feature.Id}' in: {string.Join(", ", order)}");
            }
        }
    }

    private sealed class OrdersStartup;

    private sealed class CreateOrdersTable;
}
