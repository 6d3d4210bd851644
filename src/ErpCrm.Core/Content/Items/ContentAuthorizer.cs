using ErpCrm.Core.Identity;
using ErpCrm.Security;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Decides what the caller (<see cref="ICurrentActor"/>) may do to items of a type (see <see cref="ContentPermissions"/>). The
/// system — a command, setup, a public endpoint inside <see cref="ISystemAccess.Begin"/> — may do everything; a user what their
/// roles grant, also when they act through a recipe or a background import. One lookup of the caller's permissions per unit of work.
/// </summary>
public sealed class ContentAuthorizer(CurrentActor actor)
{
    /// <summary>Whether the caller is the system rather than a user or a visitor.</summary>
    public bool IsSystem => actor.IsSystem;

    /// <summary>The caller's user id as content items record owners, or null for the system or an anonymous caller.</summary>
    public string? UserId => actor.Actor.UserKey;

    /// <summary>The caller's user name, as content items record authors.</summary>
    public string? UserName => actor.Actor.UserName;

    /// <summary>
    /// Whether the caller may store items of a type that is not defined (yet), as Orchard Core's recipes do when a later
    /// step defines the type: the system, or someone who may define types.
    /// </summary>
    public async Task<bool> MayUseUndefinedTypesAsync(CancellationToken cancellationToken) =>
        IsSystem || await actor.HoldsAsync(KernelPermissions.ManageContentTypes.Name, cancellationToken);

    /// <summary>How much of the type's items the caller may act on.</summary>
    public async Task<ContentScope> ScopeAsync(ContentAction action, ContentSchema schema, CancellationToken cancellationToken)
    {
        if (IsSystem)
        {
            return ContentScope.All;
        }
        var authority = await actor.AuthorityAsync(cancellationToken);
        if (authority.IsAdministrator)
        {
            return ContentScope.All;
        }
        var held = authority.Permissions;
        var granting = ContentPermissions.Granting(action);
        if (granting.Any(a => held.Contains(ContentPermissions.GlobalName(a, own: false))
                              || (schema.Securable && held.Contains(ContentPermissions.TypeName(a, schema.Type.Name, own: false)))))
        {
            return ContentScope.All;
        }
        if (granting.Any(a => held.Contains(ContentPermissions.GlobalName(a, own: true))
                              || (schema.Securable && held.Contains(ContentPermissions.TypeName(a, schema.Type.Name, own: true)))))
        {
            return ContentScope.Own;
        }
        return ContentScope.None;
    }

    /// <summary>Whether a caller with <paramref name="scope"/> may act on an item with this owner.</summary>
    public bool Allows(ContentScope scope, string? owner) => scope == ContentScope.All || (scope == ContentScope.Own && owner is not null && owner == UserId);

    /// <summary>Whether the caller may act on an item with this owner.</summary>
    public async Task<bool> CanAsync(ContentAction action, ContentSchema schema, string? owner, CancellationToken cancellationToken) =>
        Allows(await ScopeAsync(action, schema, cancellationToken), owner);
}
