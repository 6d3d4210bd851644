using ErpCrm.Admin;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// The lead editor: the fields a salesperson uses (the stage a choice of the pipeline's stages, the salesperson a choice of
/// users, the company a searchable picker of contacts, the score shown and never posted), then the fields an admin added to the
/// type (<see cref="IContentFieldsForm"/>). Saved through <see cref="LeadService.UpdateAsync"/>, so the pipeline's handler and
/// every content rule apply, with the revision the form was opened at; the generic item editor sends leads here
/// (<see cref="LeadItemEditor"/>).
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ManageLeadsName)]
public sealed class EditModel(LeadService leads, PipelineStageService stages, ContactService contacts, IUserDirectory users, IContentFieldsForm fieldsForm,
    IContentDefinitionService definitions, ITenantCulture culture) : ContentItemEditorPage(fieldsForm)
{
    [BindProperty(Name = "id", SupportsGet = true)] public string Id { get; set; } = "";

    public StoredContentItem? Stored { get; private set; }
    public IReadOnlyList<PipelineStage> Stages { get; private set; } = [];
    public IReadOnlyList<DirectoryUser> Users { get; private set; } = [];

    /// <summary>The name of the chosen contact, shown in its picker.</summary>
    public string? ContactLabel { get; private set; }

    /// <summary>
    /// Whether the tenant's LeadPart has the expected close date: a company set up before the field came keeps its definition (an admin's
    /// changes included), so the form neither shows nor writes a field the content rules would not check.
    /// </summary>
    public bool HasExpectedClose { get; private set; }

    public decimal? Score => LeadPartValues.Number(Stored?.Item.Part(LeadPartValues.PartName), LeadPartValues.Score);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var values = LeadForm.ValuesOf(Stored!.Item);
        // The amount as the tenant's culture writes it (1.234,56 for de-DE), as the form reads it back.
        values[LeadForm.Amount] = (await culture.GetNumbersAsync(ct)).Show(values[LeadForm.Amount]);
        Values = values;
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = RevisionInput)] long? revision, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var current = Stored!.Revision;
        Revision = revision;
        Values = Posted(LeadForm.Inputs.Where(i => HasExpectedClose || i != LeadForm.PathOf(LeadPartValues.ExpectedClose)));
        var item = Stored.Item.Clone();
        // The amount is typed in the tenant's culture; the field stores it invariant. One that does not read keeps the stored amount
        // and is the input's error, with the other fields' problems.
        var numbers = await culture.GetNumbersAsync(ct);
        var written = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        var amount = numbers.ToInvariant(Values[LeadForm.Amount]);
        written[LeadForm.Amount] = amount ?? LeadForm.ValuesOf(Stored.Item)[LeadForm.Amount];
        LeadForm.Write(written, item);
        var unwritten = new Dictionary<string, string>(await WriteMoreFieldsAsync(item, ct), StringComparer.Ordinal);
        if (amount is null)
        {
            unwritten[LeadForm.Revenue] = numbers.NotANumber("Expected revenue");
        }
        await LoadChoicesAsync(ct);
        if (unwritten.Count > 0)
        {
            return Show(unwritten, null, Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest);
        }
        var saved = await leads.UpdateAsync(Id, item, revision, ct);
        if (saved.Value is { } stored)
        {
            return Redirect(Url.Content("~" + LeadAdminUrls.Details(stored.Item.ContentItemId)));
        }
        return Refused(saved.Failure!, current);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await leads.GetAsync(Id, ct);
        if (found.Value is not { } stored)
        {
            return found.Status == ResultStatus.Forbidden ? Forbid() : NotFound();
        }
        Stored = stored;
        Revision = stored.Revision;
        HasExpectedClose = (await definitions.FindPartAsync(LeadPartValues.PartName, ct))?.Fields.Any(f => f.Name == LeadPartValues.ExpectedClose) == true;
        await LoadMoreFieldsAsync(stored.Item.ContentType, stored.Item, LeadForm.NotMoreFields, ct);
        return null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Stages = await stages.ListAsync(ct);
        Users = await users.ListAsync(ct);
        var contact = ValueOf(LeadForm.Contact);
        ContactLabel = contact.Length == 0 ? null : (await contacts.GetAsync(contact, ct)).Value?.Item.DisplayText;
    }
}
