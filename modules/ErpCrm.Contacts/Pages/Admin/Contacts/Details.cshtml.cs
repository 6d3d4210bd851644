using ErpCrm.Content;
using ErpCrm.Contacts.Services;
using ErpCrm.Http;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// A contact's page, the "Customer 360": who it is and how to reach it, then the panels every enabled module contributes
/// (<see cref="IContactPanel"/>, gathered by <see cref="ContactPanels"/>). An archived contact says so, and where it was merged
/// into; those who may manage contacts archive or restore it here (posted with the revision shown, so a change made meanwhile is
/// refused rather than overwritten). An unknown or removed contact answers a 404 page.
/// </summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(Permissions.ViewContactsName)]
public sealed class DetailsModel(ContactService contacts, ContactPanels panels) : PageModel
{
    public const string StaleMessage = "This contact was changed by someone else since you opened it, so nothing was changed. The page now shows it as it is: try again if you still want to.";

    [BindProperty(Name = "id", SupportsGet = true)] public string Id { get; set; } = "";

    /// <summary>The contact, or null when there is none with this id.</summary>
    public ContactCard? Contact { get; private set; }

    /// <summary>The revision shown, posted back by the archive and restore forms.</summary>
    public long Revision { get; private set; }

    /// <summary>The contact an archived one was merged into: its id, and its name (or its id when the user may not view it).</summary>
    public (string Id, string Name)? MergedInto { get; private set; }

    /// <summary>Whether the user may archive and restore contacts.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Why the last action was refused (above the page).</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<ContactPanelResult> Panels { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(StatusCodes.Status200OK, ct);

    public Task<IActionResult> OnPostArchiveAsync([FromForm] long? revision, CancellationToken ct) => SetArchivedAsync(true, revision, ct);

    public Task<IActionResult> OnPostRestoreAsync([FromForm] long? revision, CancellationToken ct) => SetArchivedAsync(false, revision, ct);

    private async Task<IActionResult> SetArchivedAsync(bool archived, long? revision, CancellationToken ct)
    {
        // Razor Pages ignore authorization attributes on handlers: the page asks for ViewContacts, archiving for ManageContacts.
        if (!await HttpContext.HoldsPermissionAsync(Permissions.ManageContacts.Name))
        {
            return Forbid();
        }
        var changed = await contacts.SetArchivedAsync(Id, archived, revision, ct);
        switch (changed.Status)
        {
            case ResultStatus.Done:
                // Post, redirect, get: a reload does not post the action again.
                return Redirect(Url.Content("~" + ContactAdminUrls.Details(Id)));
            case ResultStatus.Forbidden:
                return Forbid();
            default:
                Problem = changed.Status == ResultStatus.Conflict && changed.Errors.Count == 0 ? StaleMessage : changed.Detail;
                return await ShowAsync(ApiResults.StatusCode(changed.Status), ct);
        }
    }

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        var found = await contacts.GetAsync(Id, ct);
        switch (found.Status)
        {
            case ResultStatus.Done:
                Contact = ContactCard.Of(found.Value!.Item);
                Revision = found.Value.Revision;
                CanManage = await HttpContext.HoldsPermissionAsync(Permissions.ManageContacts.Name);
                if (Contact.Archived && Contact.MergedInto is { } keptId)
                {
                    MergedInto = (keptId, (await contacts.GetAsync(keptId, ct)).Value?.Item.DisplayText ?? keptId);
                }
                Panels = await panels.ForAsync(new ContactPanelContext(found.Value.Item), User, ct);
                return new PageResult { StatusCode = status };
            case ResultStatus.Forbidden:
                return Forbid();
            default:
                // A page of its own rather than the generic one: it says what is missing and leads back to the list.
                return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }
    }
}
