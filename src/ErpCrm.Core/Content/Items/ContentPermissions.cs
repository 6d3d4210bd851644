using ErpCrm.Content;
using ErpCrm.Security;

namespace ErpCrm.Core.Content.Items;

/// <summary>What a user may do to content items.</summary>
public enum ContentAction
{
    View,
    Edit,
    Publish,
    Delete,
}

/// <summary>How much of a type's items a user may act on.</summary>
public enum ContentScope
{
    None,
    Own,
    All,
}

/// <summary>
/// Orchard Core's content permissions: <c>EditContent</c> (every type) and <c>EditOwnContent</c> (items one owns), the same
/// for View, Publish and Delete; for a Securable type also <c>Edit_{Type}</c> and <c>EditOwn_{Type}</c>, so that a role can
/// be given one type only. Publish implies Edit; Edit, Publish and Delete imply View; "all" implies "own".
/// </summary>
public sealed class ContentPermissions : IPermissionProvider
{
    public const string Category = "Content";

    public static readonly Permission ViewContent = new("ViewContent", "View content items of every type", Category);
    public static readonly Permission ViewOwnContent = new("ViewOwnContent", "View one's own content items", Category);
    public static readonly Permission EditContent = new("EditContent", "Create and edit content items of every type", Category);
    public static readonly Permission EditOwnContent = new("EditOwnContent", "Create and edit one's own content items", Category);
    public static readonly Permission PublishContent = new("PublishContent", "Publish content items of every type", Category);
    public static readonly Permission PublishOwnContent = new("PublishOwnContent", "Publish one's own content items", Category);
    public static readonly Permission DeleteContent = new("DeleteContent", "Delete content items of every type", Category);
    public static readonly Permission DeleteOwnContent = new("DeleteOwnContent", "Delete one's own content items", Category);

    public IEnumerable<Permission> GetPermissions() =>
        [ViewContent, ViewOwnContent, EditContent, EditOwnContent, PublishContent, PublishOwnContent, DeleteContent, DeleteOwnContent];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Editor", [ViewContent, EditContent, PublishContent, DeleteContent]),
        new("Staff", [ViewContent, EditOwnContent, PublishOwnContent, DeleteOwnContent]),
    ];

    /// <summary>The per-type permissions of a Securable type.</summary>
    public static IEnumerable<Permission> ForType(string typeName, string displayName)
    {
        foreach (var action in Enum.GetValues<ContentAction>())
        {
            yield return new Permission(TypeName(action, typeName, own: false), $"{action} {displayName} items", Category);
            yield return new Permission(TypeName(action, typeName, own: true), $"{action} one's own {displayName} items", Category);
        }
    }

    /// <summary>The global permission of an action (e.g. EditContent, EditOwnContent).</summary>
    public static string GlobalName(ContentAction action, bool own) => own ? $"{action}OwnContent" : $"{action}Content";

    /// <summary>The per-type permission of an action (e.g. Edit_Lead, EditOwn_Lead).</summary>
    public static string TypeName(ContentAction action, string typeName, bool own) => own ? $"{action}Own_{typeName}" : $"{action}_{typeName}";

    /// <summary>The actions whose permission grants <paramref name="action"/> too.</summary>
    public static IReadOnlyList<ContentAction> Granting(ContentAction action) => action switch
    {
        ContentAction.View => [ContentAction.View, ContentAction.Edit, ContentAction.Publish, ContentAction.Delete],
        ContentAction.Edit => [ContentAction.Edit, ContentAction.Publish],
        _ => [action],
    };
}

/// <summary>The per-type permissions of every Securable content type, so that roles can be granted one type only.</summary>
public sealed partial class ContentTypePermissions(ContentDefinitionStore definitions) : IDynamicPermissionProvider
{
    /// <summary><c>{Action}_{Type}</c> or <c>{Action}Own_{Type}</c>, for any type name.</summary>
    public bool Declares(string name) => PerType().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex("^(View|Edit|Publish|Delete)(Own)?_[A-Za-z][A-Za-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex PerType();

    public async Task<IEnumerable<Permission>> GetPermissionsAsync(CancellationToken cancellationToken) =>
        (await definitions.ListTypesAsync(cancellationToken))
            .Select(t => new ContentSchema(t.Definition, new Dictionary<string, ContentPartDefinition>()))
            .Where(s => s.Securable)
            .SelectMany(s => ContentPermissions.ForType(s.Type.Name, s.Type.DisplayName))
            .ToList();
}
