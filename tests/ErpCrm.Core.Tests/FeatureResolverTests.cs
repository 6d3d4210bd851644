using ErpCrm.Core.Features;
using ErpCrm.Core.Modules;
using static ErpCrm.Core.Tests.ModuleCatalogTestData;

namespace ErpCrm.Core.Tests;

/// <summary>Which features change when an admin enables or disables some: the rules of <see cref="FeatureResolver"/>.</summary>
public sealed class FeatureResolverTests
{
    private static readonly ModuleCatalog Catalog = TestModules();

    /// <summary>An always-enabled feature with a chain of two ordinary dependencies under it.</summary>
    private static readonly ModuleCatalog AuditCatalog = BuildValid(Kernel(), Module("Audit",
        Feature("Audit.Disk", "Audit"),
        Feature("Audit.Storage", "Audit", "Audit.Disk"),
        AlwaysEnabled("Audit.Trail", "Audit", "Audit.Storage")));

    // Enabling

    [Fact]
    public void Enabling_a_feature_turns_on_its_dependencies_transitively_dependencies_first()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Gamma"], isDefaultTenant: true);

        Assert.True(plan.IsValid);
        Assert.Equal(["Test.Alpha", "Test.Beta", "Test.Gamma"], Ids(plan.ToEnable));
        Assert.Empty(plan.ToDisable);
    }

    [Fact]
    public void Enabling_a_feature_whose_dependencies_are_on_changes_only_that_feature()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith("Test.Alpha"), ["Test.Beta"], isDefaultTenant: true);

        Assert.Equal(["Test.Beta"], Ids(plan.ToEnable));
        Assert.Empty(plan.Additional);
    }

    [Fact]
    public void Enabling_a_feature_that_is_already_enabled_is_an_empty_plan()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith("Test.Gamma"), ["Test.Gamma"], isDefaultTenant: true);

        Assert.True(plan.IsValid);
        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Additional);
    }

    [Fact]
    public void Additional_lists_only_the_changes_that_were_not_requested()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Gamma", "Test.Beta"], isDefaultTenant: true);

        Assert.Equal(["Test.Alpha", "Test.Beta", "Test.Gamma"], Ids(plan.ToEnable));
        Assert.Equal(["Test.Alpha"], Ids(plan.Additional));
    }

    // Disabling

    [Fact]
    public void Disabling_a_feature_turns_off_its_enabled_dependents_dependents_first()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith("Test.Gamma"), ["Test.Alpha"], isDefaultTenant: true);

        Assert.True(plan.IsValid);
        Assert.Equal(["Test.Gamma", "Test.Beta", "Test.Alpha"], Ids(plan.ToDisable));
        Assert.Equal(["Test.Gamma", "Test.Beta"], Ids(plan.Additional));
        Assert.Empty(plan.ToEnable);
    }

    [Fact]
    public void Disabling_a_feature_leaves_its_dependencies_and_unrelated_features_on()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith("Test.Gamma", "Test.Delta"), ["Test.Beta"], isDefaultTenant: true);

        Assert.Equal(["Test.Gamma", "Test.Beta"], Ids(plan.ToDisable));
        Assert.Empty(plan.ToEnable);
    }

    [Fact]
    public void Disabling_a_feature_that_is_not_enabled_is_an_empty_plan()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith(), ["Test.Delta"], isDefaultTenant: true);

        Assert.True(plan.IsValid);
        Assert.True(plan.IsEmpty);
    }

    // AutoEnable bridges

    [Fact]
    public void A_bridge_turns_on_when_the_last_of_its_dependencies_is_enabled()
    {
        var alphaOnly = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Alpha"], isDefaultTenant: true);
        Assert.Equal(["Test.Alpha"], Ids(alphaOnly.ToEnable));

        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith("Test.Alpha"), ["Test.Delta"], isDefaultTenant: true);

        Assert.Equal(["Test.Delta", "Test.Bridge"], Ids(plan.ToEnable));
        Assert.Equal(["Test.Bridge"], Ids(plan.Additional));
    }

    [Fact]
    public void A_bridge_turns_on_when_its_dependencies_are_enabled_in_one_request()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Alpha", "Test.Delta"], isDefaultTenant: true);

        Assert.Equal(["Test.Bridge"], Ids(plan.Additional));
        Assert.Equal("Test.Bridge", plan.ToEnable[^1].Id);
    }

    [Fact]
    public void A_bridge_turns_off_when_one_of_its_dependencies_is_disabled()
    {
        var enabled = DefaultTenantWith("Test.Alpha", "Test.Delta");
        Assert.Contains("Test.Bridge", enabled);

        var plan = FeatureResolver.PlanDisable(Catalog, enabled, ["Test.Delta"], isDefaultTenant: true);

        Assert.Equal(["Test.Bridge", "Test.Delta"], Ids(plan.ToDisable));
        Assert.Equal(["Test.Bridge"], Ids(plan.Additional));
    }

    [Fact]
    public void A_bridge_cannot_be_enabled_directly()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Bridge"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.True(plan.IsEmpty);
        Assert.Equal(["Feature 'Test.Bridge' turns on by itself when 'Test.Alpha', 'Test.Delta' are on."], plan.Errors);
    }

    [Fact]
    public void A_bridge_cannot_be_disabled_directly()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith("Test.Alpha", "Test.Delta"), ["Test.Bridge"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.Equal(["Feature 'Test.Bridge' turns off by itself when one of 'Test.Alpha', 'Test.Delta' is off."], plan.Errors);
    }

    // Always-enabled features

    [Fact]
    public void The_baseline_of_a_new_tenant_is_every_always_enabled_feature()
    {
        var plan = FeatureResolver.PlanBaseline(Catalog, new HashSet<string>(), isDefaultTenant: true);

        Assert.Equal(["ErpCrm.Kernel", "Test.Always"], Ids(plan.ToEnable).Order());
        Assert.Empty(plan.ToDisable);
    }

    [Fact]
    public void The_baseline_of_a_tenant_that_has_it_already_is_an_empty_plan()
    {
        var plan = FeatureResolver.PlanBaseline(Catalog, DefaultTenantWith("Test.Gamma"), isDefaultTenant: true);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void The_baseline_turns_on_the_dependencies_of_an_always_enabled_feature_transitively()
    {
        var plan = FeatureResolver.PlanBaseline(AuditCatalog, new HashSet<string>(), isDefaultTenant: true);

        Assert.Equal(["Audit.Disk", "Audit.Storage", "Audit.Trail"], Ids(plan.ToEnable).Where(id => id.StartsWith("Audit.", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_baseline_repairs_an_always_enabled_feature_that_gained_dependencies_since_the_state_was_written()
    {
        var plan = FeatureResolver.PlanBaseline(AuditCatalog, new HashSet<string> { KernelFeatures.Kernel, "Audit.Trail" }, isDefaultTenant: true);

        Assert.Equal(["Audit.Disk", "Audit.Storage"], Ids(plan.ToEnable));
        Assert.Empty(plan.ToDisable);
    }

    [Fact]
    public void An_always_enabled_feature_cannot_be_disabled()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith(), ["Test.Always"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.True(plan.IsEmpty);
        Assert.Equal(["Feature 'Test.Always' is always enabled and cannot be disabled."], plan.Errors);
    }

    [Fact]
    public void Disabling_a_transitive_dependency_of_an_always_enabled_feature_is_refused_naming_that_feature()
    {
        var enabled = Apply(new HashSet<string>(), FeatureResolver.PlanBaseline(AuditCatalog, new HashSet<string>(), isDefaultTenant: true));

        var plan = FeatureResolver.PlanDisable(AuditCatalog, enabled, ["Audit.Disk"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.True(plan.IsEmpty);
        Assert.Equal(["Feature 'Audit.Trail' is always enabled and depends on 'Audit.Disk', so they cannot be disabled."], plan.Errors);
    }

    // Features enabled by dependency only

    [Fact]
    public void A_feature_enabled_by_dependency_only_cannot_be_enabled_directly()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Hidden"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.Equal(["Feature 'Test.Hidden' is enabled only as a dependency of another feature."], plan.Errors);
    }

    [Fact]
    public void A_feature_enabled_by_dependency_only_cannot_be_disabled_directly()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith("Test.NeedsHidden"), ["Test.Hidden"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.Equal(["Feature 'Test.Hidden' is enabled only as a dependency; disable the features that need it instead."], plan.Errors);
    }

    [Fact]
    public void A_feature_enabled_by_dependency_only_is_pulled_in_by_a_dependent()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.NeedsHidden"], isDefaultTenant: true);

        Assert.Equal(["Test.Hidden", "Test.NeedsHidden"], Ids(plan.ToEnable));
        Assert.Equal(["Test.Hidden"], Ids(plan.Additional));
    }

    [Fact]
    public void A_feature_enabled_by_dependency_only_stays_on_while_a_dependent_remains_and_goes_with_the_last()
    {
        var enabled = DefaultTenantWith("Test.NeedsHidden", "Test.AlsoNeedsHidden");

        var first = FeatureResolver.PlanDisable(Catalog, enabled, ["Test.NeedsHidden"], isDefaultTenant: true);
        Assert.Equal(["Test.NeedsHidden"], Ids(first.ToDisable));

        var last = FeatureResolver.PlanDisable(Catalog, Apply(enabled, first), ["Test.AlsoNeedsHidden"], isDefaultTenant: true);
        Assert.Equal(["Test.AlsoNeedsHidden", "Test.Hidden"], Ids(last.ToDisable));
        Assert.Equal(["Test.Hidden"], Ids(last.Additional));
    }

    // Default-tenant-only features

    [Fact]
    public void A_default_tenant_only_feature_can_be_enabled_on_the_default_tenant()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.HostOnly"], isDefaultTenant: true);

        Assert.Equal(["Test.HostOnly"], Ids(plan.ToEnable));
    }

    [Fact]
    public void A_default_tenant_only_feature_is_refused_on_another_tenant()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, OtherTenantWith(), ["Test.HostOnly"], isDefaultTenant: false);

        Assert.False(plan.IsValid);
        Assert.True(plan.IsEmpty);
        Assert.Equal(["Feature 'Test.HostOnly' can only be enabled on the Default tenant."], plan.Errors);
    }

    [Fact]
    public void A_feature_that_needs_a_default_tenant_only_feature_is_refused_on_another_tenant_naming_it()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, OtherTenantWith(), ["Test.NeedsHostOnly"], isDefaultTenant: false);

        Assert.False(plan.IsValid);
        Assert.Equal(["Feature 'Test.HostOnly' can only be enabled on the Default tenant."], plan.Errors);
    }

    // Unknown features

    [Fact]
    public void Enabling_unknown_features_is_refused_naming_each_of_them()
    {
        var plan = FeatureResolver.PlanEnable(Catalog, DefaultTenantWith(), ["Test.Nope", "Test.Alpha", "Test.Nada"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.True(plan.IsEmpty);
        Assert.Equal(["Unknown feature 'Test.Nope'.", "Unknown feature 'Test.Nada'."], plan.Errors);
    }

    [Fact]
    public void Disabling_an_unknown_feature_is_refused_naming_it()
    {
        var plan = FeatureResolver.PlanDisable(Catalog, DefaultTenantWith("Test.Alpha"), ["Test.Nope"], isDefaultTenant: true);

        Assert.False(plan.IsValid);
        Assert.Equal(["Unknown feature 'Test.Nope'."], plan.Errors);
    }

    /// <summary>The features of the Default tenant once set up, after enabling <paramref name="features"/> one request at a time.</summary>
    private static HashSet<string> DefaultTenantWith(params string[] features) => TenantWith(isDefaultTenant: true, features);

    /// <summary>The same for a tenant other than Default.</summary>
    private static HashSet<string> OtherTenantWith(params string[] features) => TenantWith(isDefaultTenant: false, features);

    private static HashSet<string> TenantWith(bool isDefaultTenant, string[] features)
    {
        var enabled = Apply(new HashSet<string>(), FeatureResolver.PlanBaseline(Catalog, new HashSet<string>(), isDefaultTenant));
        foreach (var id in features)
        {
            var plan = FeatureResolver.PlanEnable(Catalog, enabled, [id], isDefaultTenant);
            Assert.True(plan.IsValid, string.Join(" ", plan.Errors));
            enabled = Apply(enabled, plan);
        }
        return enabled;
    }

    private static HashSet<string> Apply(IReadOnlySet<string> enabled, FeaturePlan plan)
    {
        var after = new HashSet<string>(enabled, StringComparer.Ordinal);
        after.UnionWith(plan.ToEnable.Select(f => f.Id));
        after.ExceptWith(plan.ToDisable.Select(f => f.Id));
        return after;
    }
}
