using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentParts;

/// <summary>
/// Adds a field to a part. For a content type (<c>part</c> is the type's name) the field goes into the type's own part,
/// which is created and attached on the first field, as Orchard Core does.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class AddFieldModel(ContentDefinitionStore store, ContentDefinitionChoices choices) : ContentDefinitionPageModel
{
    [BindProperty(Name = "part", SupportsGet = true)] public string PartName { get; set; } = "";
    [BindProperty(Name = VersionField)] public long Version { get; set; }
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "name")] public string Name { get; set; } = "";
    [BindProperty(Name = "fieldType")] public string FieldType { get; set; } = "";

    public StoredDefinition<ContentPartDefinition>? Part { get; private set; }

    /// <summary>The type whose own part this is, if any.</summary>
    public ContentTypeDefinition? OwnerType { get; private set; }

    public IReadOnlyList<Choice> FieldTypes { get; private set; } = [];

    public string OwnerUrl { get; private set; } = "";

    public string OwnerDisplayName => OwnerType?.DisplayName ?? (Part is { } part ? ContentDefinitionEditing.DisplayName(part.Definition) : PartName);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Version = Part?.Version ?? 0;
        FieldType = FieldTypes.FirstOrDefault(f => f.Name == "TextField")?.Name ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var name = Name.Trim().Length > 0 ? Name.Trim() : ContentDefinitionEditing.SuggestName(DisplayName);
        if (DisplayName.Trim().Length == 0)
        {
            ModelState.AddModelError("displayName", "Enter a display name.");
        }
        if (ContentDefinitionJson.NameError(name, "The technical name") is { } problem)
        {
            ModelState.AddModelError("name", problem);
        }
        if (!FieldTypes.Any(f => f.Name == FieldType))
        {
            ModelState.AddModelError("fieldType", "Choose a field type.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var part = ContentDefinitionEditing.AddField(Part?.Definition ?? new ContentPartDefinition(OwnerType!.Name, [], []), name, FieldType, DisplayName);
        AddCheckErrors(ContentDefinitionEditing.Check(part), _ => "name");
        if (ModelState.IsValid)
        {
            await SaveAsync(part, ct);
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        Notify($"Field {DisplayName.Trim()} is added to {OwnerDisplayName}.");
        return RedirectToAdmin(OwnerUrl);
    }

    private async Task SaveAsync(ContentPartDefinition part, CancellationToken ct)
    {
        var kind = OwnerType is null ? "content part" : "content type";
        if (Part is null)
        {
            // Someone else made the part since the page was opened: their fields are not on this page.
            if ((await store.CreatePartAsync(part, ct)).Failure is not null)
            {
                AddStale(kind);
                return;
            }
        }
        else if ((await store.UpdatePartAsync(part.Name, part, Version, ct)).Failure is { } failure)
        {
            AddSaveFailure(failure, kind, "name");
            return;
        }
        if (OwnerType is { } type && !type.Parts.Any(p => ContentDefinitionEditing.IsOwnPart(type, p))
            && (await store.UpdateTypeAsync(type.Name, ContentDefinitionEditing.Attach(type, type.Name), null, ct)).Failure is { } typeFailure)
        {
            AddSaveFailure(typeFailure, kind, "name");
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Part = await store.FindPartAsync(PartName, ct);
        OwnerType = (await store.FindTypeAsync(PartName, ct))?.Definition;
        if (Part is null && OwnerType is null)
        {
            return false;
        }
        OwnerUrl = OwnerType is { } type ? TypeUrl(type.Name) : PartUrl(Part!.Definition.Name);
        FieldTypes = choices.FieldTypes();
        return true;
    }
}
