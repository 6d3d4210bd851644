using System.Text.Json.Nodes;

namespace ErpCrm.Recipes;

/// <summary>
/// Module data a tenant's export can include (a chart of accounts, pipeline stages…), as recipe steps that the module's own
/// <see cref="IRecipeStep"/> reads back. Register implementations in a startup; offered while the feature is on. Steps must
/// be in a stable order with no volatile values (ids generated per run, timestamps), so that exporting an imported export
/// gives the same JSON.
/// </summary>
public interface IRecipeExportSource
{
    /// <summary>A short unique name, e.g. <c>ChartOfAccounts</c>.</summary>
    string Name { get; }

    /// <summary>What admins read on the export page.</summary>
    string DisplayName { get; }

    /// <summary>The steps that recreate the data.</summary>
    Task<IReadOnlyList<JsonObject>> ExportAsync(CancellationToken cancellationToken);
}
