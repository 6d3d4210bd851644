using System.Text.Json;
using System.Text.Json.Nodes;
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
        foreach (var (index, json) in StepShapes.Objects(context, "data", "content items"))
        {
            if (ContentItemJson.Read(json, new Dictionary<string, string>()) is { } item && await content.CheckAsync(item, cancellationToken) is { } refused)
            {
                context.AddError($"{context.PropertyName("data")}[{index}]", refused.Detail);
            }
        }
    }

    public void Validate(RecipeStepContext context)
    {
        foreach (var (index, item) in StepShapes.Objects(context, "data", "content items"))
        {
            var path = $"{context.PropertyName("data")}[{index}]";
            if (item.FirstOrDefault(p => string.Equals(p.Key, "ContentType", StringComparison.OrdinalIgnoreCase)).Value is not JsonValue type
                || type.GetValueKind() != JsonValueKind.String)
            {
                context.AddError($"{path}.ContentType", "every item needs its ContentType.");
                continue;
            }
            var errors = new Dictionary<string, string>();
            ContentItemJson.Read(item, errors);
            foreach (var (field, reason) in errors)
            {
                context.AddError($"{path}.{field}", reason);
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (index, json) in StepShapes.Objects(context, "data", "content items"))
        {
            var path = $"{context.PropertyName("data")}[{index}]";
            var errors = new Dictionary<string, string>();
            if (ContentItemJson.Read(json, errors) is not { } item)
            {
                continue;
            }
            var done = (await content.ImportAsync(item, cancellationToken)).Failure;
            if (done is null)
            {
                continue;
            }
            if (done.Errors.Count == 0)
            {
                context.AddError(path, done.Detail);
            }
            foreach (var (field, reason) in done.Errors)
            {
                context.AddError($"{path}.{field}", reason);
            }
            return;
        }
    }
}
