using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin.ContentTypes;

namespace ErpCrm.Web.Pages.Admin.ContentTypes;

/// <summary>The tenant's content types and content parts, with what each is made of and who uses it.</summary>
[RequirePermission(nameof(KernelPermissions.ManageContentTypes))]
public sealed class IndexModel(ContentDefinitionStore store) : ContentDefinitionPageModel
{
    public sealed record PartRow(ContentPartDefinition Part, string DisplayName, int UsedBy, string? OwnerType);

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];

    public List<PartRow> Parts { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = (await store.ListTypesAsync(ct)).Select(t => t.Definition).ToList();
        foreach (var part in (await store.ListPartsAsync(ct)).Select(p => p.Definition))
        {
            var owner = Types.FirstOrDefault(t => string.Equals(t.Name, part.Name, StringComparison.OrdinalIgnoreCase))?.Name;
            Parts.Add(new PartRow(part, ContentDefinitionEditing.DisplayName(part), (await store.TypesUsingPartAsync(part.Name, ct)).Count, owner));
        }
    }

    public static bool Flag(ContentTypeDefinition type, string flag) =>
        ContentDefinitionEditing.Flag(type.Settings, ContentSettingNames.ContentTypeSettings, flag) == true;

    public static string Stereotype(ContentTypeDefinition type) =>
        ContentDefinitionEditing.Setting<string>(type.Settings, ContentSettingNames.ContentTypeSettings, "Stereotype") ?? "";
}
