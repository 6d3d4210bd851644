using ErpCrm.Admin;
using ErpCrm.Content;
using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// The company and person editor (Edit.cshtml at /admin/contacts/{id}/edit, New.cshtml at /admin/contacts/new/{type}): name, how
/// to reach it, tax id, address, roles and tags, for a person the company (a searchable picker) and job title, then the fields an
/// admin added to the type (<see cref="IContentFieldsForm"/>). Saved through <see cref="ContactService"/>, so a contact's rules
/// (a name, no duplicate: the error links to the contact it would duplicate) apply as on every path, with the revision the form was
/// opened at. The generic item editor sends companies and people here (<see cref="ContactItemEditor"/>).
/// </summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(Permissions.ManageContactsName)]
public sealed class ContactEditorModel(ContactService contacts, IContentFieldsForm fieldsForm) : ContentItemEditorPage(fieldsForm)
{
    [BindProperty(Name = "id", SupportsGet = true)] public string? Id { get; set; }
    [BindProperty(Name = "type", SupportsGet = true)] public string Type { get; set; } = "";

    public StoredContentItem? Stored { get; private set; }

    /// <summary>The chosen company's name, shown in its picker.</summary>
    public string? CompanyLabel { get; private set; }

    public bool IsPerson => ContactForm.IsPerson(Type);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        Values = Stored is null ? ContactForm.Inputs(Type).ToDictionary(i => i, _ => "") : ContactForm.ValuesOf(Stored.Item);
        if (Stored is null && IsPerson && Request.Query["company"].ToString().Trim() is { Length: > 0 } company)
        {
            // "New person" on a company's page: the person works there.
            Values = new Dictionary<string, string>(Values) { [ContactForm.Company] = company };
        }
        await NameCompanyAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = RevisionInput)] long? revision, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var current = Stored?.Revision;
        Revision = revision;
        Values = Posted(ContactForm.Inputs(Type));
        var item = Stored?.Item.Clone() ?? new ContentItem { ContentType = Type };
        ContactForm.Write(Values, item);
        var unwritten = await WriteMoreFieldsAsync(item, ct);
        await NameCompanyAsync(ct);
        if (unwritten.Count > 0)
        {
            return Show(unwritten, null, StatusCodes.Status400BadRequest);
        }
        var saved = Id is null ? await contacts.CreateAsync(item, allowDuplicate: false, ct) : await contacts.UpdateAsync(Id, item, revision, ct);
        if (saved.Value is { } stored)
        {
            return Redirect(Url.Content("~" + ContactAdminUrls.Details(stored.Item.ContentItemId)));
        }
        // A new contact that duplicates another is refused before its other rules, naming the other: shown as the editor shows a refusal.
        return Refused(saved.Failure is DuplicateContactFailure duplicate ? duplicate.AsRefusal() : saved.Failure!, current);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            if (ContactService.ContactTypes.FirstOrDefault(t => string.Equals(t, Type, StringComparison.OrdinalIgnoreCase)) is not { } type)
            {
                return NotFound();
            }
            Type = type;
        }
        else
        {
            var found = await contacts.GetAsync(Id, ct);
            if (found.Value is not { } stored || !ContactService.ContactTypes.Contains(stored.Item.ContentType))
            {
                return found.Status == ResultStatus.Forbidden ? Forbid() : NotFound();
            }
            Stored = stored;
            Revision = stored.Revision;
            Type = stored.Item.ContentType;
        }
        await LoadMoreFieldsAsync(Type, Stored?.Item, ContactForm.Shown(Type), ct);
        return null;
    }

    private async Task NameCompanyAsync(CancellationToken ct)
    {
        var company = ValueOf(ContactForm.Company);
        CompanyLabel = company.Length == 0 ? null : (await contacts.GetAsync(company, ct)).Value?.Item.DisplayText;
    }
}
