using ErpCrm.Core.Features;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Pages.Shared;

namespace ErpCrm.Web.Pages.Admin.Features;

/// <summary>What a feature change did, said the same way after a direct change and after a confirmed one.</summary>
internal static class FeatureChangeMessages
{
    public static void Notify(AdminPageModel page, FeatureChangeResult result, bool enable, string name)
    {
        var (kind, text) = result.Status switch
        {
            FeatureChangeStatus.Applied when result.Plan.IsEmpty => ("info", $"'{name}' was already {(enable ? "enabled" : "disabled")}."),
            FeatureChangeStatus.Applied => ("success", Describe(result.Plan)),
            FeatureChangeStatus.Conflict => ("warning", "Someone else changed the features meanwhile, so nothing was changed. Look at the list again and retry."),
            FeatureChangeStatus.NeedsConfirmation => ("warning", "More features would change than you confirmed, so nothing was changed. Look at the list again and retry."),
            _ => ("danger", $"'{name}' cannot be {(enable ? "enabled" : "disabled")}: {string.Join(" ", result.Errors)}"),
        };
        Notice.Set(page.TempData, text, kind);
    }

    private static string Describe(FeaturePlan plan)
    {
        var parts = new List<string>();
        if (plan.ToEnable.Count > 0)
        {
            parts.Add("Enabled " + string.Join(", ", plan.ToEnable.Select(f => f.Name)));
        }
        if (plan.ToDisable.Count > 0)
        {
            parts.Add((parts.Count > 0 ? "disabled " : "Disabled ") + string.Join(", ", plan.ToDisable.Select(f => f.Name)));
        }
        return string.Join("; ", parts) + ".";
    }
}
