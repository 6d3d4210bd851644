using ErpCrm.Http;
using ErpCrm.Leads.Pages.Admin.Leads;
using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads.Activities;

/// <summary>
/// A lead's activities at <c>/admin/leads/{id}/activities</c>: the list (overdue ones marked), a form to schedule one and "Done"
/// buttons. The lead's page loads it with htmx into <c>#lead-activities</c> and gets only the fragment; asked for without htmx it is
/// a full admin page. Its forms post with htmx and the answer replaces the fragment (a refused form comes back with 400 and its
/// errors next to the fields, typed values kept); without htmx they redirect back here.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ViewLeadsName)]
public sealed class LeadModel(LeadService leads, LeadActivityService activities, ITenantClock clock, IAuthorizationService authorization)
    : ActivitiesPageModel(authorization)
{
    public const string Fragment = "_LeadActivities";

    [BindProperty(Name = "id", SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(Name = "kind")] public string? Kind { get; set; }
    [BindProperty(Name = "subject")] public string? Subject { get; set; }
    [BindProperty(Name = "notes")] public string? Notes { get; set; }
    [BindProperty(Name = "dueDate")] public string? DueDate { get; set; }
    [BindProperty(Name = "assignedTo")] public string? AssignedTo { get; set; }

    public string LeadName { get; private set; } = "";
    public IReadOnlyList<LeadActivity> Activities { get; private set; } = [];
    /// <summary>What the last change did, said above the list (htmx answers only).</summary>
    public string? Message { get; private set; }

    /// <summary>The fragment's own address, tenant-relative.</summary>
    public string Self => LeadAdminUrls.Activities(Id);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        DueDate = ActivitiesText(await clock.GetTodayAsync(ct));
        return Answer(StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        if (!CanManage)
        {
            return Forbid();
        }
        var result = await activities.ScheduleAsync(Id, new LeadActivityInput(Kind, Subject, Notes, DueDate, AssignedTo), ct);
        return await AfterAsync(result, $"Scheduled: {result.Value?.Subject}.", ct);
    }

    public async Task<IActionResult> OnPostDoneAsync(long activityId, CancellationToken ct)
    {
        await LoadPermissionsAsync();
        if (!CanManage)
        {
            return Forbid();
        }
        var result = await activities.MarkDoneAsync(activityId, ct);
        return await AfterAsync(result, $"Done: {result.Value?.Subject}.", ct);
    }

    private async Task<IActionResult> AfterAsync(Result<LeadActivity> result, string message, CancellationToken ct)
    {
        switch (result.Status)
        {
            case ResultStatus.Done when !IsHtmx:
                return LocalRedirect(Url.Content("~" + Self));
            case ResultStatus.Done:
                ModelState.Clear();
                (Kind, Subject, Notes, AssignedTo) = (null, null, null, null);
                DueDate = ActivitiesText(await clock.GetTodayAsync(ct));
                Message = message;
                return await LoadAsync(ct) ? Answer(StatusCodes.Status200OK) : NotFound();
            case ResultStatus.Invalid:
                ModelState.AddErrors(result.Errors);
                return await LoadAsync(ct) ? Answer(InvalidStatus) : NotFound();
            case ResultStatus.Forbidden:
                return Forbid();
            case ResultStatus.Conflict:
                ModelState.AddModelError("", result.Detail);
                return await LoadAsync(ct) ? Answer(StatusCodes.Status409Conflict) : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var lead = await leads.GetAsync(Id, ct);
        var list = await activities.ListAsync(Id, ct);
        if (lead.Value is null || list.Value is null)
        {
            return false;
        }
        LeadName = lead.Value.Item.DisplayText ?? Id;
        Activities = list.Value;
        return true;
    }

    private IActionResult Answer(int status)
    {
        if (!IsHtmx)
        {
            return new PageResult { StatusCode = status };
        }
        var fragment = Partial(Fragment, this);
        fragment.StatusCode = status;
        return fragment;
    }

    private static string ActivitiesText(DateOnly date) => LeadActivityService.Text(date);
}
