using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.ContentTypes;

/// <summary>A type as a recipe's <c>ContentDefinition</c> step (with its own part, which holds its fields), to copy into a recipe.</summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class JsonModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";

    public string DisplayName { get; private set; } = "";

    public string Json { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await store.FindTypeAsync(Name, ct) is not { } stored)
        {
            return NotFound();
        }
        var type = stored.Definition;
        var ownPart = await store.FindPartAsync(type.Name, ct);
        DisplayName = type.DisplayName;
        Name = type.Name;
        Json = new JsonObject
        {
            ["name"] = "ContentDefinition",
            ["ContentTypes"] = new JsonArray(ContentDefinitionJson.Write(type)),
            ["ContentParts"] = ownPart is null ? new JsonArray() : new JsonArray(ContentDefinitionJson.Write(ownPart.Definition)),
        }.ToJsonString(Indented);
        return Page();
    }
}
