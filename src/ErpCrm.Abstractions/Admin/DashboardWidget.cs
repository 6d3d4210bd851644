using ErpCrm.Security;

namespace ErpCrm.Admin;

/// <summary>How a widget shows its numbers.</summary>
public enum DashboardWidgetKind
{
    /// <summary>One headline number (<see cref="DashboardWidgetModel.Value"/>) with an optional caption.</summary>
    Stat,
    /// <summary>A bar chart of <see cref="DashboardWidgetModel.Series"/> over <see cref="DashboardWidgetModel.Labels"/>.</summary>
    Bar,
    /// <summary>A line chart.</summary>
    Line,
    /// <summary>A doughnut of the first series.</summary>
    Doughnut,
}

/// <summary>A named row of numbers in a chart.</summary>
public sealed record DashboardSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>What a widget shows. Plain data: the shell renders it (charts with Chart.js), so plugins need no views.</summary>
public sealed record DashboardWidgetModel(
    string Title,
    DashboardWidgetKind Kind,
    IReadOnlyList<string> Labels,
    IReadOnlyList<DashboardSeries> Series,
    string? Value = null,
    string? Caption = null,
    string? LinkUrl = null);

/// <summary>
/// A widget on the admin dashboard. Register in a startup; shown while its feature is on, to users who hold
/// <see cref="Permission"/>.
/// </summary>
public interface IDashboardWidget
{
    /// <summary>Needed to see the widget; null for every admin user.</summary>
    Permission? Permission { get; }

    /// <summary>Order on the dashboard; lower comes first.</summary>
    int Position { get; }

    /// <summary>Computes what to show for the current tenant.</summary>
    Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken);
}
