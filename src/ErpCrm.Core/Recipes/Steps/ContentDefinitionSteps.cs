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

    public void Validate(RecipeStepContext context) => Read(context);

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (Read(context) is { } step)
        {
            await store.ImportAsync(step.Types, step.Parts, cancellationToken);
        }
    }

    private (IReadOnlyList<ErpCrm.Content.ContentTypeDefinition> Types, IReadOnlyList<ErpCrm.Content.ContentPartDefinition> Parts)? Read(RecipeStepContext context)
    {
        var errors = new Dictionary<string, string>();
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["ContentTypes"] = context.Property("ContentTypes")?.DeepClone(),
            ["ContentParts"] = context.Property("ContentParts")?.DeepClone(),
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
            context.AddError(path, reason);
        }
        return errors.Count == 0 ? step : null;
    }
}

internal sealed class ReplaceContentDefinitionStep(ContentDefinitionStore store, ContentDefinitionChecker checker) : ContentDefinitionStep(store, checker)
{
    public override string Name => "ReplaceContentDefinition";
}

/// <summary><c>DeleteContentDefinition</c>: <c>{"ContentTypes": [names], "ContentParts": [names]}</c>; names already gone are fine.</summary>
internal sealed class DeleteContentDefinitionStep(ContentDefinitionStore store) : IRecipeStep
{
    public string Name => "DeleteContentDefinition";

    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageContentTypes.Name];

    public void Validate(RecipeStepContext context)
    {
        StepShapes.Strings(context, "ContentTypes", "content type names");
        StepShapes.Strings(context, "ContentParts", "content part names");
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var types = StepShapes.Strings(context, "ContentTypes", "content type names");
        for (var i = 0; i < types.Count; i++)
        {
            var done = await store.DeleteTypeAsync(types[i], cancellationToken);
            if (done.Failure is { Status: not ResultStatus.NotFound } failure)
            {
                context.AddError($"{context.PropertyName("ContentTypes")}[{i}]", failure.Detail);
            }
        }
        var parts = StepShapes.Strings(context, "ContentParts", "content part names");
        for (var i = 0; i < parts.Count; i++)
        {
            var done = await store.DeletePartAsync(parts[i], cancellationToken);
            if (done.Failure is { Status: not ResultStatus.NotFound } failure)
            {
                context.AddError($"{context.PropertyName("ContentParts")}[{i}]", failure.Detail);
            }
        }
    }
}
