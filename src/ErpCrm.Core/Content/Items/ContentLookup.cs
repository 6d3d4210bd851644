using ErpCrm.Content;
using ErpCrm.Core.Identity;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Finds a type and an item as the caller may know them, for <see cref="ContentManager"/> and <see cref="ContentImporter"/>:
/// what a caller may not view answers as what does not exist, so that no answer tells which ids exist.
/// </summary>
public sealed class ContentLookup(ContentDefinitionStore definitions, ContentItemStore store, ContentAuthorizer authorizer)
{
    /// <summary>
    /// The type's schema. A type that is not defined (yet) is, when <paramref name="allowUndefined"/> and its name is a valid
    /// one, a type without parts: Orchard Core's recipes store items before a later step defines their type.
    /// </summary>
    public async Task<ContentSchema?> SchemaAsync(string typeName, bool allowUndefined, CancellationToken cancellationToken) =>
        await definitions.SchemaAsync(typeName, cancellationToken) ?? (allowUndefined ? Undefined(typeName) : null);

    /// <summary>
    /// The type and the latest version of an item the caller may view, for <paramref name="action"/>. An item the caller may not
    /// view is one they may not know about: it answers NotFound as an id that does not exist would. A caller who may view none of
    /// the type's items is refused (Forbidden) whatever the id, since the type is no secret; so neither answer tells which ids exist.
    /// An item imported before its type was defined is found by those who may use undefined types.
    /// </summary>
    public async Task<Result<(ContentSchema Schema, StoredItem Stored)>> FindAsync(
        string typeName, string contentItemId, ContentAction action, CancellationToken cancellationToken)
    {
        var schema = await definitions.SchemaAsync(typeName, cancellationToken);
        if (schema is null && await authorizer.MayUseUndefinedTypesAsync(cancellationToken))
        {
            schema = Undefined(typeName);
        }
        if (schema is null)
        {
            return NoType(typeName);
        }
        var visible = await authorizer.ScopeAsync(ContentAction.View, schema, cancellationToken);
        if (visible == ContentScope.None)
        {
            return NotAllowed(action, schema);
        }
        if (await store.LatestAsync(contentItemId, cancellationToken) is not { } stored
            || !string.Equals(stored.Item.ContentType, schema.Type.Name, StringComparison.OrdinalIgnoreCase)
            || !authorizer.Allows(visible, stored.Item.Owner))
        {
            return Result.NotFound($"There is no {schema.Type.DisplayName} with the id '{contentItemId}'.");
        }
        return (schema, stored);
    }

    /// <summary>What an item of a type not defined (yet) is stored as: a type without parts; null for a name no type may have.</summary>
    private static ContentSchema? Undefined(string typeName) =>
        ContentDefinitionJson.NameError(typeName, nameof(ContentItem.ContentType)) is null
            ? new ContentSchema(new ContentTypeDefinition(typeName, typeName, [], []), new Dictionary<string, ContentPartDefinition>())
            : null;

    /// <summary>What asking for a type that does not exist answers.</summary>
    public static Failure NoType(string typeName) => Result.NotFound($"There is no content type '{typeName}'.");

    /// <summary>What a caller who may not do <paramref name="action"/> to the type's items gets.</summary>
    public static Failure NotAllowed(ContentAction action, ContentSchema schema) =>
        Result.Forbidden($"You may not {action.ToString().ToLowerInvariant()} {schema.Type.DisplayName} items.");
}
