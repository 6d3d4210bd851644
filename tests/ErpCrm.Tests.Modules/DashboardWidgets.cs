using ErpCrm.Admin;
using ErpCrm.Security;

namespace ErpCrm.Tests.Modules;

/// <summary>Delta's dashboard widget: fixed numbers as a bar chart, shown only while Test.Delta is on.</summary>
public sealed class DeltaWidget : IDashboardWidget
{
    public const string Title = "Delta's weekly sample";

    public Permission? Permission => null;

    public int Position => 500;

    public Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DashboardWidgetModel(
            Title,
            DashboardWidgetKind.Bar,
            ["Mon", "Tue", "Wed", "Thu", "Fri"],
            [new DashboardSeries("Samples", [3, 5, 2, 8, 4])],
            Caption: "Fixed test data",
            LinkUrl: "/admin/test/delta"));
}
