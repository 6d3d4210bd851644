using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Content;

/// <summary>
/// Where content starts: the Listable types whose items the user may view, with how many they see, and "New …" for the
/// Creatable ones they may create. Someone who holds no content permission at all gets the 403 page, as the menu hides
/// the entry from them (<see cref="ContentItemsAdminMenu"/>).
/// </summary>
public sealed class IndexModel(ContentDefinitionStore definitions, ContentQuery query, ContentAuthorizer authorizer, AdminSession session) : AdminPageModel
{
    /// <summary>A type as the landing shows it.</summary>
    public sealed record TypeRow(ContentTypeDefinition Type, long Count, bool CanCreate);

    public IReadOnlyList<TypeRow> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ContentItemsAdminMenu.HoldsAnyContentPermission(await session.GetPermissionsAsync(ct)))
        {
            return Forbid();
        }
        var rows = new List<TypeRow>();
        foreach (var stored in await definitions.ListTypesAsync(ct))
        {
            // Scopes need only the type's settings, not its parts' definitions.
            var schema = new ContentSchema(stored.Definition, new Dictionary<string, ContentPartDefinition>());
            if (!schema.Setting("Listable") || await query.ListAsync(schema.Type.Name, new ContentListRequest { PageSize = 1 }, ct) is not { Value: { } page })
            {
                continue;
            }
            var canCreate = schema.Setting("Creatable") && await authorizer.ScopeAsync(ContentAction.Edit, schema, ct) != ContentScope.None;
            rows.Add(new TypeRow(schema.Type, page.Total, canCreate));
        }
        Types = rows.OrderBy(r => r.Type.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
        return Page();
    }
}
