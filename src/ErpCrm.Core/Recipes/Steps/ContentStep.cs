using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>
/// <c>content</c> (Orchard Core's <c>{"data": [ContentItem…]}</c>): creates each item, or updates it when an item with its
/// ContentItemId exists, so that running the recipe again changes nothing.
/// </summary>
internal sealed class ContentStep(ContentImporter content) : IRecipeStep
{
    public string Name => "content";

    /// <summary>Depends on each item's type: checked item by item in <see cref="AuthorizeAsync"/>, as the content API checks them.</summary>
    public IReadOnlyList<string> RequiredPermissions => [];

    public async Task AuthorizeAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (path, json) in Items(reader))
        {
            if (ContentItemJson.Read(json, new Dictionary<string, string>()) is { } item && await content.CheckAsync(item, cancellationToken) is { } refused)
            {
                reader.Error(path.TrimEnd('.'), refused.Detail);
            }
        }
    }

    public void Validate(RecipeStepContext context)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (path, json) in Items(reader))
        {
            if (RecipeStepReader.Field(json, "ContentType").Node is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
            {
                reader.Error($"{path}ContentType", "every item needs its ContentType.");
                continue;
            }
            var errors = new Dictionary<string, string>();
            if (ContentItemJson.Read(json, errors) is { } item)
            {
                // The content manager refuses such ids too, but only while the step runs, after the steps before it were applied.
                foreach (var (name, id) in new[] { (nameof(ContentItem.ContentItemId), item.ContentItemId), (nameof(ContentItem.ContentItemVersionId), item.ContentItemVersionId) })
                {
                    if (ContentIds.Error(id, name) is { } error)
                    {
                        errors.TryAdd(name, error);
                    }
                }
            }
            foreach (var (field, reason) in errors)
            {
                reader.Error(path + field, reason);
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (path, json) in Items(reader))
        {
            if (ContentItemJson.Read(json, new Dictionary<string, string>()) is not { } item)
            {
                continue;
            }
            if ((await content.ImportAsync(item, cancellationToken)).Failure is { } failure)
            {
                reader.Refused(failure.Detail, failure.Errors, path);
                return;
            }
        }
    }

    private static IReadOnlyList<(string Path, JsonObject Item)> Items(RecipeStepReader reader) => reader.Objects("data", what: "content items");
}
