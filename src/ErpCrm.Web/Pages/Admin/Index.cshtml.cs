using ErpCrm.Admin;
using ErpCrm.Modules;
using ErpCrm.Web.Admin;

namespace ErpCrm.Web.Pages.Admin;

/// <summary>The dashboard: the widgets of the enabled features that the user may see, in their order.</summary>
public sealed class IndexModel(IFeatureServices<IDashboardWidget> widgets, AdminSession session, ILogger<IndexModel> logger) : AdminPageModel
{
    /// <summary>A widget's model, or the title of one that failed (the others still show).</summary>
    public sealed record Card(DashboardWidgetModel? Model, string? Failed);

    public List<Card> Cards { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var widget in widgets.OrderBy(w => w.Position))
        {
            if (!await session.HoldsAsync(widget.Permission, ct))
            {
                continue;
            }
            try
            {
                Cards.Add(new Card(await widget.GetModelAsync(ct), null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Dashboard widget {Widget} failed.", widget.GetType().FullName);
                Cards.Add(new Card(null, widget.GetType().Name));
            }
        }
    }
}
