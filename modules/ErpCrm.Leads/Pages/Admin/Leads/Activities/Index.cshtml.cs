using ErpCrm.Leads.Pages.Admin.Leads;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Leads.Pages.Admin.Leads.Activities;

/// <summary>"My activities" at <c>/admin/leads/activities</c>: the signed-in user's open activities, by the tenant's today, in three
/// sections — overdue, today, upcoming — each linking to its lead, with "Done" buttons for those who may manage leads.</summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ViewLeadsName)]
public sealed class IndexModel(LeadActivityService activities, IAuthorizationService authorization, ICurrentActor actor) : ActivitiesPageModel(authorization)
{
    /// <summary>A section of the page: its heading, the state it lists and what it says when empty.</summary>
    public sealed record Section(string Heading, string Due, string EmptyText, IReadOnlyList<LeadActivity> Activities);

    public string Today { get; private set; } = "";
    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDoneAsync(long activityId, CancellationToken ct)
    {
        await LoadPermissionsAsync();
        if (!CanManage)
        {
            return Forbid();
        }
        var result = await activities.MarkDoneAsync(activityId, ct);
        if (result.Value is null)
        {
            return NotFound();
        }
        return LocalRedirect(Url.Content("~" + LeadAdminUrls.MyActivities));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var (today, mine) = actor.Actor.UserKey is { } caller ? await activities.MineAsync(caller, null, ct) : (default, []);
        Today = LeadActivityService.Text(today);
        Sections =
        [
            new("Overdue", LeadActivityDue.Overdue, "Nothing overdue.", mine.Where(a => a.Due == LeadActivityDue.Overdue).ToList()),
            new("Today", LeadActivityDue.Today, "Nothing due today.", mine.Where(a => a.Due == LeadActivityDue.Today).ToList()),
            new("Upcoming", LeadActivityDue.Upcoming, "Nothing planned.", mine.Where(a => a.Due == LeadActivityDue.Upcoming).ToList()),
        ];
    }
}
