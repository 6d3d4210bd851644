using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>
/// <c>ContentDefinition</c> (Orchard Core's <c>{"ContentTypes": [...], "ContentParts": [...]}</c>): creates or replaces each
/// definition. <c>ReplaceContentDefinition</c> is the same here: a definition in a recipe is the whole definition.
/// </summary>
internal class ContentDefinitionStep(ContentDefinitionStore store, ContentDefinitionChecker checker) : IRecipeStep
{
    public virtual string Name => "ContentDefinition";

    /// <summary>What <c>/api/content-types</c> and the Content types pages require.</summary>
    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageContentTypes.Name];

    public void Validate(RecipeStepContext context) => Read(new RecipeStepReader(context));

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (Read(new RecipeStepReader(context)) is { } step)
        {
            await store.ImportAsync(step.Types, step.Parts, cancellationToken);
        }
    }

    private (IReadOnlyList<ContentTypeDefinition> Types, IReadOnlyList<ContentPartDefinition> Parts)? Read(RecipeStepReader reader)
    {
        var errors = new Dictionary<string, string>();
        var body = new JsonObject
        {
            ["ContentTypes"] = reader.Context.Property("ContentTypes")?.DeepClone(),
            ["ContentParts"] = reader.Context.Property("ContentParts")?.DeepClone(),
        };
        var step = ContentDefinitionJson.ReadStep(body, errors);
        if (step is { } read)
        {
            for (var i = 0; i < read.Types.Count; i++)
            {
                checker.Check(read.Types[i], $"ContentTypes[{i}].", errors);
            }
            for (var i = 0; i < read.Parts.Count; i++)
            {
                checker.Check(read.Parts[i], $"ContentParts[{i}].", errors);
            }
        }
        foreach (var (path, reason) in errors)
        {
            reader.Error(path, reason);
        }
        return errors.Count == 0 ? step : null;
    }
}
