using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentTypes;

/// <summary>
/// A content type's editor: its settings, the parts it attaches (ordered, removed, added, one attached twice under
/// another name) and the fields of its own part (the part named after the type). A save names the versions the page
/// was filled from; when someone saved in between, nothing is saved and the page says so, keeping what was typed.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class EditModel(ContentDefinitionStore store, ContentDefinitionChoices choices) : ContentDefinitionPageModel
{
    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(Name = VersionField)] public long Version { get; set; }
    [BindProperty(Name = "partVersion")] public long PartVersion { get; set; }
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "flags")] public List<string> Flags { get; set; } = [];
    [BindProperty(Name = "stereotype")] public string Stereotype { get; set; } = "";
    [BindProperty(Name = "parts")] public List<string> PartOrder { get; set; } = [];
    [BindProperty(Name = "fields")] public List<string> FieldOrder { get; set; } = [];
    [BindProperty(Name = "move")] public string Move { get; set; } = "";
    [BindProperty(Name = "remove")] public string Remove { get; set; } = "";
    [BindProperty(Name = "attach")] public List<string> Attach { get; set; } = [];
    [BindProperty(Name = "attachPart")] public string AttachPart { get; set; } = "";
    [BindProperty(Name = "attachName")] public string AttachName { get; set; } = "";

    /// <summary>The type as shown: the stored one, or the one the form made when its save was refused.</summary>
    public ContentTypeDefinition Type { get; private set; } = null!;

    /// <summary>The type's own part as shown (null while the type has no fields).</summary>
    public ContentPartDefinition? OwnPart { get; private set; }

    public IReadOnlyList<ContentPartDefinition> DefinedParts { get; private set; } = [];

    /// <summary>The parts the type does not attach yet.</summary>
    public IReadOnlyList<Choice> NewParts { get; private set; } = [];

    /// <summary>The parts the type can attach under another name.</summary>
    public IReadOnlyList<Choice> NamedParts { get; private set; } = [];

    private StoredDefinition<ContentTypeDefinition> _stored = null!;
    private StoredDefinition<ContentPartDefinition>? _storedOwnPart;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        FillForm();
        return Page();
    }

    /// <summary>Saves the settings and both lists, with the one move or removal a button asked for.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        Type = DefinitionListForm.ApplyToParts(ContentDefinitionEditing.WithTypeSettings(Type, DisplayName, Flags.ToHashSet(), Stereotype), PartOrder, Move, Remove);
        OwnPart = OwnPart is null ? null : DefinitionListForm.ApplyToFields(OwnPart, FieldOrder, Move, Remove);
        var saved = await store.UpdateTypeAsync(Name, Type, Version, ct);
        if (saved.Failure is { } failure)
        {
            AddSaveFailure(failure, "content type", "displayName");
            return Invalid();
        }
        if (OwnPart is not null && _storedOwnPart is { } storedPart
            && !JsonNode.DeepEquals(ContentDefinitionJson.Write(OwnPart), ContentDefinitionJson.Write(storedPart.Definition))
            && (await store.UpdatePartAsync(OwnPart.Name, OwnPart, PartVersion, ct)).Failure is { } partFailure)
        {
            AddSaveFailure(partFailure, "content type", "fields");
            return Invalid();
        }
        Notify($"Content type {Type.DisplayName} is saved.");
        return RedirectToAdmin(TypeUrl(Type.Name));
    }

    /// <summary>Attaches the parts ticked, each under its own name.</summary>
    public async Task<IActionResult> OnPostAttachAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var chosen = NewParts.Where(p => Attach.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("attach", "Tick at least one part to add.");
            FillForm();
            return Invalid();
        }
        var type = chosen.Aggregate(Type, (t, p) => ContentDefinitionEditing.Attach(t, p.Name));
        return await SaveAttachmentAsync(type, $"{string.Join(", ", chosen.Select(p => p.DisplayName))} added to {Type.DisplayName}.", "attach", ct);
    }

    /// <summary>Attaches a part once more under another name (e.g. a second address).</summary>
    public async Task<IActionResult> OnPostAttachNamedAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!NamedParts.Any(p => string.Equals(p.Name, AttachPart, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("attachPart", "Choose the part to attach.");
        }
        if (ContentDefinitionJson.NameError(AttachName.Trim(), "The name") is { } problem)
        {
            ModelState.AddModelError("attachName", problem);
        }
        if (!ModelState.IsValid)
        {
            FillForm();
            return Invalid();
        }
        var type = ContentDefinitionEditing.Attach(Type, NamedParts.First(p => string.Equals(p.Name, AttachPart, StringComparison.OrdinalIgnoreCase)).Name, AttachName.Trim());
        return await SaveAttachmentAsync(type, $"{AttachPart} is attached as {AttachName.Trim()}.", "attachName", ct);
    }

    /// <summary>The display name of a part as attached: its own setting, the part's, the module's, else its name.</summary>
    public string PartDisplayName(ContentTypePartDefinition part)
    {
        if (ContentDefinitionEditing.Setting<string>(part.Settings, ContentSettingNames.ContentTypePartSettings, "DisplayName") is { Length: > 0 } own)
        {
            return own;
        }
        if (ContentDefinitionEditing.IsOwnPart(Type, part))
        {
            return $"{Type.DisplayName} fields";
        }
        return DefinedParts.FirstOrDefault(p => string.Equals(p.Name, part.PartName, StringComparison.OrdinalIgnoreCase)) is { } defined
            ? ContentDefinitionEditing.DisplayName(defined)
            : NewParts.Concat(NamedParts).FirstOrDefault(c => string.Equals(c.Name, part.PartName, StringComparison.OrdinalIgnoreCase))?.DisplayName ?? part.PartName;
    }

    public bool IsDefinedPart(string partName) => DefinedParts.Any(p => string.Equals(p.Name, partName, StringComparison.OrdinalIgnoreCase));

    private async Task<IActionResult> SaveAttachmentAsync(ContentTypeDefinition type, string notice, string field, CancellationToken ct)
    {
        if (ContentDefinitionEditing.Check(type) is { Count: > 0 } errors)
        {
            AddCheckErrors(errors, _ => field);
        }
        else if ((await store.UpdateTypeAsync(Name, type, Version, ct)).Failure is { } failure)
        {
            AddSaveFailure(failure, "content type", field);
        }
        if (!ModelState.IsValid)
        {
            FillForm();
            return Invalid();
        }
        Notify(notice);
        return RedirectToAdmin(TypeUrl(Type.Name));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await store.FindTypeAsync(Name, ct) is not { } stored)
        {
            return false;
        }
        _stored = stored;
        Type = stored.Definition;
        _storedOwnPart = await store.FindPartAsync(Type.Name, ct);
        OwnPart = _storedOwnPart?.Definition;
        DefinedParts = (await store.ListPartsAsync(ct)).Select(p => p.Definition).ToList();
        var typeNames = (await store.ListTypesAsync(ct)).Select(t => t.Definition.Name).ToList();
        NewParts = choices.PartsFor(Type, typeNames, DefinedParts, includeAttached: false);
        NamedParts = choices.PartsFor(Type, typeNames, DefinedParts, includeAttached: true);
        return true;
    }

    /// <summary>The settings form filled from the stored type (a refused attachment shows the stored type again).</summary>
    private void FillForm()
    {
        Type = _stored.Definition;
        OwnPart = _storedOwnPart?.Definition;
        Version = _stored.Version;
        PartVersion = _storedOwnPart?.Version ?? 0;
        DisplayName = Type.DisplayName;
        Flags = ContentDefinitionEditing.TypeFlags.Where(f => ContentDefinitionEditing.Flag(Type.Settings, ContentSettingNames.ContentTypeSettings, f) == true).ToList();
        Stereotype = ContentDefinitionEditing.Setting<string>(Type.Settings, ContentSettingNames.ContentTypeSettings, "Stereotype") ?? "";
    }
}
