using System.Globalization;
using ErpCrm.Admin;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;

namespace ErpCrm.Web.Admin;

/// <summary>Sign-ins and failed sign-ins per day over the last <see cref="Days"/> days, from the audit log.</summary>
internal sealed class SignInsWidget(AuditLog audit, TimeProvider clock) : IDashboardWidget
{
    public const int Days = 14;

    public Permission? Permission => KernelPermissions.ViewAuditLog;

    public int Position => 100;

    public async Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var first = today.AddDays(1 - Days);
        var counts = await audit.CountByDayAsync([AuditKinds.SignIn, AuditKinds.SignInFailed], new DateTimeOffset(first, TimeSpan.Zero), cancellationToken);
        var days = Enumerable.Range(0, Days).Select(i => first.AddDays(i)).ToList();
        decimal CountOf(DateTime day, string kind) =>
            counts.Where(c => c.Kind == kind && c.Day == day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Sum(c => c.Count);
        return new DashboardWidgetModel(
            $"Sign-ins, last {Days} days",
            DashboardWidgetKind.Bar,
            days.Select(d => d.ToString("MMM d", CultureInfo.InvariantCulture)).ToList(),
            [
                new DashboardSeries("Signed in", days.Select(d => CountOf(d, AuditKinds.SignIn)).ToList()),
                new DashboardSeries("Failed", days.Select(d => CountOf(d, AuditKinds.SignInFailed)).ToList()),
            ],
            Caption: "Days in UTC",
            LinkUrl: "/admin/audit?kind=" + AuditKinds.SignInFailed);
    }
}

/// <summary>How many users the tenant has, and how many of them are enabled.</summary>
internal sealed class UsersWidget(UserStore users) : IDashboardWidget
{
    public Permission? Permission => KernelPermissions.ManageUsers;

    public int Position => 10;

    public async Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var all = await users.ListAsync(cancellationToken);
        var enabled = all.Count(u => u.Enabled);
        return new DashboardWidgetModel("Users", DashboardWidgetKind.Stat, [], [],
            Value: all.Count.ToString(CultureInfo.InvariantCulture),
            Caption: enabled == all.Count ? "all enabled" : $"{enabled} enabled, {all.Count - enabled} disabled",
            LinkUrl: "/admin/users");
    }
}

/// <summary>How many of the features the host offers are on for the tenant.</summary>
internal sealed class FeaturesWidget(TenantAccessor tenant, ModuleCatalog catalog) : IDashboardWidget
{
    public Permission? Permission => KernelPermissions.ManageFeatures;

    public int Position => 20;

    public Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var enabled = catalog.FeaturesInDependencyOrder.Count(f => tenant.Features.Enabled.Contains(f.Id));
        return Task.FromResult(new DashboardWidgetModel("Enabled features", DashboardWidgetKind.Stat, [], [],
            Value: enabled.ToString(CultureInfo.InvariantCulture),
            Caption: $"of {catalog.FeaturesInDependencyOrder.Count} available",
            LinkUrl: "/admin/features"));
    }
}

/// <summary>The enabled features by category, as a doughnut.</summary>
internal sealed class FeatureCategoriesWidget(TenantAccessor tenant, ModuleCatalog catalog) : IDashboardWidget
{
    public Permission? Permission => KernelPermissions.ManageFeatures;

    public int Position => 110;

    public Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var byCategory = catalog.FeaturesInDependencyOrder
            .Where(f => tenant.Features.Enabled.Contains(f.Id))
            .GroupBy(f => f.Category)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Task.FromResult(new DashboardWidgetModel("Enabled features by category", DashboardWidgetKind.Doughnut,
            byCategory.Select(g => g.Key).ToList(),
            [new DashboardSeries("Features", byCategory.Select(g => (decimal)g.Count()).ToList())],
            LinkUrl: "/admin/features"));
    }
}

/// <summary>Content items created and changed per day over the last <see cref="Days"/> days, from the items' trail.</summary>
internal sealed class ContentActivityWidget(ContentChangeLog trail, TimeProvider clock) : IDashboardWidget
{
    public const int Days = 14;

    public Permission? Permission => ContentPermissions.ViewContent;

    public int Position => 105;

    public async Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var first = today.AddDays(1 - Days);
        var counts = await trail.CountByDayAsync(new DateTimeOffset(first, TimeSpan.Zero), cancellationToken);
        var days = Enumerable.Range(0, Days).Select(i => first.AddDays(i)).ToList();
        decimal CountOf(DateTime day, string action) =>
            counts.Where(c => c.Action == action && c.Day == day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Sum(c => c.Count);
        return new DashboardWidgetModel(
            $"Content activity, last {Days} days",
            DashboardWidgetKind.Bar,
            days.Select(d => d.ToString("MMM d", CultureInfo.InvariantCulture)).ToList(),
            [
                new DashboardSeries("Created", days.Select(d => CountOf(d, "created")).ToList()),
                new DashboardSeries("Updated", days.Select(d => CountOf(d, "updated")).ToList()),
                new DashboardSeries("Published", days.Select(d => CountOf(d, "published")).ToList()),
            ],
            Caption: "Days in UTC",
            LinkUrl: "/admin/content");
    }
}
