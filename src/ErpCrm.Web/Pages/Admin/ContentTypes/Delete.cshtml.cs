using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentTypes;

/// <summary>Asks before deleting a content type; its own part (its fields) goes with it when no other type attaches it.</summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class DeleteModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";

    public ContentTypeDefinition Type { get; private set; } = null!;

    public ContentPartDefinition? OwnPart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if ((await store.DeleteTypeAsync(Type.Name, ct)).Failure is { } failure)
        {
            ModelState.AddModelError("delete", failure.Detail);
            return Invalid();
        }
        if (OwnPart is not null && (await store.TypesUsingPartAsync(OwnPart.Name, ct)).Count == 0)
        {
            await store.DeletePartAsync(OwnPart.Name, ct);
        }
        Notify($"Content type {Type.DisplayName} is deleted.");
        return RedirectToAdmin("/admin/content-types");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await store.FindTypeAsync(Name, ct) is not { } stored)
        {
            return false;
        }
        Type = stored.Definition;
        OwnPart = (await store.FindPartAsync(Type.Name, ct))?.Definition;
        return true;
    }
}
