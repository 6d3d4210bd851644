using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentParts;

/// <summary>
/// A field's settings: the common ones (display name, hint, required, position, queryable) and its type's own, as a small
/// form for the common field types or as JSON for any other (see <see cref="FieldTypeSettingsForm"/>).
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class EditFieldModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    [BindProperty(Name = "part", SupportsGet = true)] public string PartName { get; set; } = "";
    [BindProperty(Name = "field", SupportsGet = true)] public string FieldName { get; set; } = "";
    [BindProperty(Name = VersionField)] public long Version { get; set; }
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "hint")] public string Hint { get; set; } = "";
    [BindProperty(Name = "required")] public bool Required { get; set; }
    [BindProperty(Name = "queryable")] public bool Queryable { get; set; }
    [BindProperty(Name = "position")] public string Position { get; set; } = "";
    [BindProperty(Name = "settings")] public FieldTypeSettingsForm Settings { get; set; } = new();

    public ContentPartDefinition Part { get; private set; } = null!;

    public ContentPartFieldDefinition Field { get; private set; } = null!;

    /// <summary>The content types, for a content picker's choice of what it may point at.</summary>
    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];

    public string OwnerUrl { get; private set; } = "";

    public string Editor => FieldTypeSettingsForm.EditorOf(Field.FieldName);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } stored)
        {
            return NotFound();
        }
        Version = stored.Version;
        DisplayName = ContentDefinitionEditing.DisplayName(Field);
        Hint = ContentDefinitionEditing.Setting<string>(Field.Settings, ContentSettingNames.ContentPartFieldSettings, "Hint") ?? "";
        Required = ContentDefinitionEditing.Flag(Field.Settings, ContentSettingNames.ContentPartFieldSettings, "Required") == true;
        Queryable = ContentDefinitionEditing.Flag(Field.Settings, ContentDefinitionEditing.ContentIndexSettings, "Queryable") == true;
        Position = (IndexOfField() + 1).ToString(CultureInfo.InvariantCulture);
        Settings = FieldTypeSettingsForm.From(Field);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!int.TryParse(Position.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position > Part.Fields.Count)
        {
            ModelState.AddModelError("position", $"Enter a position from 1 to {Part.Fields.Count}.");
        }
        var errors = new Dictionary<string, string>();
        var typeSettings = Settings.ToSettings(Field, errors);
        ModelState.AddErrors(errors);
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var field = ContentDefinitionEditing.WithTypeSettings(ContentDefinitionEditing.WithCommonSettings(Field, DisplayName, Hint, Required, Queryable), typeSettings);
        var part = ContentDefinitionEditing.ReplaceField(Part, field, position - 1);
        var saved = await store.UpdatePartAsync(Part.Name, part, Version, ct);
        if (saved.Failure is { } failure)
        {
            AddSaveFailure(failure, OwnerUrl.StartsWith("/admin/content-types", StringComparison.Ordinal) ? "content type" : "content part", "displayName");
            return Invalid();
        }
        Notify($"Field {ContentDefinitionEditing.DisplayName(field)} is saved.");
        return RedirectToAdmin(OwnerUrl);
    }

    private int IndexOfField() => Part.Fields.ToList().FindIndex(f => f.Name == Field.Name);

    private async Task<StoredDefinition<ContentPartDefinition>?> LoadAsync(CancellationToken ct)
    {
        if (await store.FindPartAsync(PartName, ct) is not { } stored
            || stored.Definition.Fields.FirstOrDefault(f => string.Equals(f.Name, FieldName, StringComparison.OrdinalIgnoreCase)) is not { } field)
        {
            return null;
        }
        Part = stored.Definition;
        Field = field;
        Types = (await store.ListTypesAsync(ct)).Select(t => t.Definition).ToList();
        OwnerUrl = await OwnerUrlAsync(store, Part.Name, ct);
        return stored;
    }
}
