using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Modules;
using ErpCrm.Web.Admin.Content;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentParts;

/// <summary>
/// A field's settings: the common ones (display name, hint, required, position, queryable) and its type's own, in the settings
/// form of the type's editor (<see cref="IContentFieldEditor.SettingsView"/>) or as JSON when it has none.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class EditFieldModel(ContentDefinitionStore store, IFeatureServices<IContentFieldEditor> editors) : ContentDefinitionPageModel
{
    [BindProperty(Name = "part", SupportsGet = true)] public string PartName { get; set; } = "";
    [BindProperty(Name = "field", SupportsGet = true)] public string FieldName { get; set; } = "";
    [BindProperty(Name = VersionField)] public long Version { get; set; }
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "hint")] public string Hint { get; set; } = "";
    [BindProperty(Name = "required")] public bool Required { get; set; }
    [BindProperty(Name = "queryable")] public bool Queryable { get; set; }
    [BindProperty(Name = "position")] public string Position { get; set; } = "";

    public ContentPartDefinition Part { get; private set; } = null!;

    public ContentPartFieldDefinition Field { get; private set; } = null!;

    /// <summary>The content types, for a content picker's choice of what it may point at.</summary>
    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];

    public string OwnerUrl { get; private set; } = "";

    /// <summary>The partial of the type's settings form, or null: its settings as JSON.</summary>
    public string? SettingsView => FieldEditor?.SettingsView;

    /// <summary>The settings inputs' values (without the prefix): as stored, or as posted.</summary>
    public IReadOnlyDictionary<string, string[]> SettingsInputs { get; private set; } = new Dictionary<string, string[]>();

    private IContentFieldEditor? FieldEditor { get; set; }

    /// <summary>What the settings form's view reads.</summary>
    public ContentFieldSettingsView SettingsViewModel => new()
    {
        Field = Field,
        Values = SettingsInputs,
        Errors = ModelState.Where(e => e.Key.StartsWith(ContentFieldSettingsView.Prefix, StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => e.Key[ContentFieldSettingsView.Prefix.Length..], e => e.Value!.Errors[0].ErrorMessage, StringComparer.Ordinal),
        ContentTypes = Types.Select(t => new ContentOption(t.Name, t.DisplayName)).ToList(),
    };

    /// <summary>The JSON text of the settings, for a type without a form.</summary>
    public string SettingsJson => SettingsInputs.TryGetValue(nameof(FieldTypeSettingsForm.Json), out var json) && json.Length > 0 ? json[0] : "";

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
        var storedSettings = StoredSettings();
        var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (SettingsView is not null)
        {
            FieldEditor!.ReadSettings(storedSettings, inputs);
        }
        else
        {
            inputs[nameof(FieldTypeSettingsForm.Json)] = [FieldTypeSettingsForm.JsonText(storedSettings)];
        }
        SettingsInputs = inputs;
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
        var typeSettings = BindSettings(errors);
        ModelState.AddErrors(errors.ToDictionary(e => ContentFieldSettingsView.Prefix + e.Key, e => e.Value));
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

    /// <summary>The type's settings from the posted inputs, starting from the stored ones; errors keyed by input (without the prefix).</summary>
    private JsonObject? BindSettings(Dictionary<string, string> errors)
    {
        SettingsInputs = Request.Form.Where(f => f.Key.StartsWith(ContentFieldSettingsView.Prefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[ContentFieldSettingsView.Prefix.Length..], f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        var settings = StoredSettings().DeepClone().AsObject();
        if (SettingsView is not null)
        {
            FieldEditor!.WriteSettings(SettingsInputs, settings, errors);
        }
        else
        {
            settings = FieldTypeSettingsForm.ParseObject(SettingsJson, errors) ?? settings;
        }
        return errors.Count > 0 ? null : settings;
    }

    private JsonObject StoredSettings() => Field.Settings[ContentDefinitionEditing.TypeSettingsName(Field.FieldName)] as JsonObject ?? [];

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
        FieldEditor = ContentFieldEditors.Find(editors, field.FieldName);
        Types = (await store.ListTypesAsync(ct)).Select(t => t.Definition).ToList();
        OwnerUrl = await OwnerUrlAsync(store, Part.Name, ct);
        return stored;
    }
}
