using ErpCrm.Leads.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads.Activities;

/// <summary>What the activity pages share: who may change activities, errors next to fields, and how an activity's kind and state read.</summary>
public abstract class ActivitiesPageModel(IAuthorizationService authorization) : PageModel
{
    /// <summary>True when the user holds ManageLeads (schedules, marks done); read by <see cref="LoadPermissionsAsync"/>.</summary>
    public bool CanManage { get; private set; }

    /// <summary>True when htmx asked for the page (it wants only the part it swaps in).</summary>
    public bool IsHtmx => Request.Headers["HX-Request"] == "true";

    protected async Task LoadPermissionsAsync() =>
        CanManage = (await authorization.AuthorizeAsync(User, Permissions.ManageLeads.PolicyName)).Succeeded;

    /// <summary>The error of a field, or null.</summary>
    public string? ErrorOf(string field) => ModelState.ErrorOf(field);

    /// <summary>The page again with its errors: 400, so that the unit of work rolls back and clients see the failure.</summary>
    protected static int InvalidStatus => StatusCodes.Status400BadRequest;

    public static string KindText(string kind) => kind switch
    {
        LeadActivityKinds.Call => "Call",
        LeadActivityKinds.Email => "Email",
        LeadActivityKinds.Meeting => "Meeting",
        _ => "Task",
    };

    /// <summary>The badge of an activity's state: overdue is danger, today a warning, done good.</summary>
    public static (string Text, string Css) DueBadge(string due) => due switch
    {
        LeadActivityDue.Overdue => ("Overdue", "erp-badge-danger"),
        LeadActivityDue.Today => ("Today", "erp-badge-warn"),
        LeadActivityDue.Done => ("Done", "erp-badge-on"),
        _ => ("Upcoming", "erp-badge-off"),
    };
}
