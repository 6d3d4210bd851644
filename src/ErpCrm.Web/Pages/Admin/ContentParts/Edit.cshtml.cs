using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentParts;

/// <summary>
/// A reusable content part: its settings, its fields and the types that attach it. A type's own part (named after the
/// type) is edited on the type's page, where this page sends its visitors.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class EditModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(Name = VersionField)] public long Version { get; set; }
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "description")] public string Description { get; set; } = "";
    [BindProperty(Name = "attachable")] public bool Attachable { get; set; }
    [BindProperty(Name = "reusable")] public bool Reusable { get; set; }
    [BindProperty(Name = "fields")] public List<string> FieldOrder { get; set; } = [];
    [BindProperty(Name = "move")] public string Move { get; set; } = "";
    [BindProperty(Name = "remove")] public string Remove { get; set; } = "";

    /// <summary>The part as shown: the stored one, or the one the form made when its save was refused.</summary>
    public ContentPartDefinition Part { get; private set; } = null!;

    public IReadOnlyList<ContentTypeDefinition> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await store.FindTypeAsync(Name, ct) is { } type)
        {
            return RedirectToAdmin(TypeUrl(type.Definition.Name));
        }
        if (await LoadAsync(ct) is not { } stored)
        {
            return NotFound();
        }
        Version = stored.Version;
        DisplayName = ContentDefinitionEditing.Setting<string>(Part.Settings, ContentSettingNames.ContentPartSettings, "DisplayName") ?? "";
        Description = ContentDefinitionEditing.Setting<string>(Part.Settings, ContentSettingNames.ContentPartSettings, "Description") ?? "";
        Attachable = ContentDefinitionEditing.Flag(Part.Settings, ContentSettingNames.ContentPartSettings, "Attachable") != false;
        Reusable = ContentDefinitionEditing.Flag(Part.Settings, ContentSettingNames.ContentPartSettings, "Reusable") == true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        Part = DefinitionListForm.ApplyToFields(ContentDefinitionEditing.WithPartSettings(Part, DisplayName, Description, Attachable, Reusable), FieldOrder, Move, Remove);
        var saved = await store.UpdatePartAsync(Part.Name, Part, Version, ct);
        if (saved.Failure is { } failure)
        {
            AddSaveFailure(failure, "content part", "displayName");
            return Invalid();
        }
        Notify($"Content part {ContentDefinitionEditing.DisplayName(Part)} is saved.");
        return RedirectToAdmin(PartUrl(Part.Name));
    }

    private async Task<StoredDefinition<ContentPartDefinition>?> LoadAsync(CancellationToken ct)
    {
        if (await store.FindPartAsync(Name, ct) is not { } stored)
        {
            return null;
        }
        Part = stored.Definition;
        var users = (await store.TypesUsingPartAsync(Part.Name, ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        UsedBy = (await store.ListTypesAsync(ct)).Select(t => t.Definition).Where(t => users.Contains(t.Name)).ToList();
        return stored;
    }
}
