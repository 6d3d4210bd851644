using ErpCrm.Content;
using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// A contact's page, the "Customer 360": who it is and how to reach it, then the panels every enabled module contributes
/// (<see cref="IContactPanel"/>, gathered by <see cref="ContactPanels"/>). An unknown or removed contact answers a 404 page.
/// </summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(Permissions.ViewContactsName)]
public sealed class DetailsModel(ContactService contacts, ContactPanels panels) : PageModel
{
    [BindProperty(Name = "id", SupportsGet = true)] public string Id { get; set; } = "";

    /// <summary>The contact, or null when there is none with this id.</summary>
    public ContactCard? Contact { get; private set; }

    public IReadOnlyList<ContactPanelResult> Panels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await contacts.GetAsync(Id, ct);
        switch (found.Outcome)
        {
            case ContentOutcome.Done:
                Contact = ContactCard.Of(found.Value!.Item);
                Panels = await panels.ForAsync(new ContactPanelContext(found.Value.Item), User, ct);
                return Page();
            case ContentOutcome.Forbidden:
                return Forbid();
            default:
                // A page of its own rather than the generic one: it says what is missing and leads back to the list.
                return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }
    }
}
