using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentTypes;

/// <summary>Creates a content type from a display name and a technical name (suggested from the display name), then opens its editor.</summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class CreateModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    /// <summary>What a new type starts with: people can create and list its items; the rest is chosen in the editor.</summary>
    private static readonly IReadOnlySet<string> NewTypeFlags = new HashSet<string> { "Creatable", "Listable" };

    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "name")] public string Name { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
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
        else if (await store.FindTypeAsync(name, ct) is null && await store.FindPartAsync(name, ct) is { } part)
        {
            // The type's own fields would go into that part, which is someone else's.
            ModelState.AddModelError("name", $"There is already a content part named '{part.Definition.Name}'; a type's fields live in a part named after the type, so choose another name.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var type = ContentDefinitionEditing.WithTypeSettings(new ContentTypeDefinition(name, DisplayName, [], []), DisplayName, NewTypeFlags, "");
        var created = await store.CreateTypeAsync(type, ct);
        if (created.Failure is { } failure)
        {
            ModelState.AddFailure(failure, "name");
            return Invalid();
        }
        Notify($"Content type {type.DisplayName} is created. Add its fields and parts.");
        return RedirectToAdmin(TypeUrl(name));
    }
}
