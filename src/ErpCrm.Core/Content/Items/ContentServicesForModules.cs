using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Identity;

namespace ErpCrm.Core.Content.Items;

/// <summary><see cref="IContentItemService"/> over <see cref="ContentManager"/>, for modules (which see only the abstractions).</summary>
internal sealed class ContentItemService(ContentManager manager, ContentReferenceGuard references) : IContentItemService
{
    public async Task<Result<StoredContentItem>> GetAsync(string typeName, string contentItemId, CancellationToken cancellationToken) =>
        Map(await manager.GetAsync(typeName, contentItemId, cancellationToken), Stored);

    public async Task<Result<StoredContentItem>> CreateAsync(string typeName, ContentItem item, CancellationToken cancellationToken) =>
        Map(await manager.CreateAsync(typeName, item, cancellationToken), Stored);

    public async Task<Result<StoredContentItem>> UpdateAsync(
        string typeName, string contentItemId, ContentItem item, long? expectedRevision, CancellationToken cancellationToken) =>
        Map(await manager.UpdateAsync(typeName, contentItemId, item, expectedRevision, cancellationToken), Stored);

    public async Task<Result<bool>> RemoveAsync(string typeName, string contentItemId, long? expectedRevision, CancellationToken cancellationToken) =>
        Map(await manager.RemoveAsync(typeName, contentItemId, expectedRevision, cancellationToken), removed => removed);

    public Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken) =>
        references.ReferencesToAsync(item, cancellationToken);

    public ContentItem? Read(JsonNode? json, IDictionary<string, string> errors) => ContentItemJson.Read(json, errors);

    public JsonObject Write(ContentItem item) => ContentItemJson.Write(item);

    private static StoredContentItem Stored(StoredItem stored) => new(stored.Item, stored.Revision);

    private static Result<TOut> Map<TIn, TOut>(Result<TIn> result, Func<TIn, TOut> value) =>
        result.Failure is { } failure ? failure : value(result.Value!);
}

/// <summary><see cref="IContentDefinitionService"/> over <see cref="ContentDefinitionStore"/>.</summary>
internal sealed class ContentDefinitionService(ContentDefinitionStore definitions) : IContentDefinitionService
{
    public async Task<IReadOnlyList<string>> CreateMissingAsync(JsonNode step, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (ContentDefinitionJson.ReadStep(step, errors) is not var (types, parts))
        {
            throw new InvalidOperationException($"The content definitions are not valid: {string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}"))}");
        }
        var created = new List<string>();
        foreach (var part in parts)
        {
            if (await definitions.FindPartAsync(part.Name, cancellationToken) is null)
            {
                Check(await definitions.CreatePartAsync(part, cancellationToken), part.Name);
                created.Add(part.Name);
            }
        }
        foreach (var type in types)
        {
            if (await definitions.FindTypeAsync(type.Name, cancellationToken) is null)
            {
                Check(await definitions.CreateTypeAsync(type, cancellationToken), type.Name);
                created.Add(type.Name);
            }
        }
        return created;
    }

    public async Task<ContentTypeDefinition?> FindTypeAsync(string name, CancellationToken cancellationToken) =>
        (await definitions.FindTypeAsync(name, cancellationToken))?.Definition;

    public async Task<ContentPartDefinition?> FindPartAsync(string name, CancellationToken cancellationToken) =>
        (await definitions.FindPartAsync(name, cancellationToken))?.Definition;

    private static void Check<T>(Result<T> result, string name)
    {
        if (result.Failure is { } failure)
        {
            throw new InvalidOperationException($"'{name}' could not be created: {failure.Detail}");
        }
    }
}
