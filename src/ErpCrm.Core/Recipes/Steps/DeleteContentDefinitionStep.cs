using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary><c>DeleteContentDefinition</c>: <c>{"ContentTypes": [names], "ContentParts": [names]}</c>; names already gone are fine.</summary>
internal sealed class DeleteContentDefinitionStep(ContentDefinitionStore store) : IRecipeStep
{
    public string Name => "DeleteContentDefinition";

    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageContentTypes.Name];

    public void Validate(RecipeStepContext context)
    {
        var reader = new RecipeStepReader(context);
        reader.Strings("ContentTypes", "content type names");
        reader.Strings("ContentParts", "content part names");
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var reader = new RecipeStepReader(context);
        var types = reader.Strings("ContentTypes", "content type names");
        for (var i = 0; i < types.Count; i++)
        {
            var done = await store.DeleteTypeAsync(types[i], cancellationToken);
            if (done.Failure is { Status: not ResultStatus.NotFound } failure)
            {
                reader.Error($"{context.PropertyName("ContentTypes")}[{i}]", failure.Detail);
            }
        }
        var parts = reader.Strings("ContentParts", "content part names");
        for (var i = 0; i < parts.Count; i++)
        {
            var done = await store.DeletePartAsync(parts[i], cancellationToken);
            if (done.Failure is { Status: not ResultStatus.NotFound } failure)
            {
                reader.Error($"{context.PropertyName("ContentParts")}[{i}]", failure.Detail);
            }
        }
    }
}
