using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentParts;

/// <summary>Asks before deleting a content part; a part that types attach is refused (the store names them).</summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class DeleteModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";

    public ContentPartDefinition Part { get; private set; } = null!;

    public IReadOnlyList<string> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if ((await store.DeletePartAsync(Part.Name, ct)).Failure is { } failure)
        {
            ModelState.AddModelError("delete", failure.Detail);
            return Invalid();
        }
        Notify($"Content part {ContentDefinitionEditing.DisplayName(Part)} is deleted.");
        return RedirectToAdmin("/admin/content-types");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await store.FindPartAsync(Name, ct) is not { } stored)
        {
            return false;
        }
        Part = stored.Definition;
        UsedBy = await store.TypesUsingPartAsync(Part.Name, ct);
        return true;
    }
}
