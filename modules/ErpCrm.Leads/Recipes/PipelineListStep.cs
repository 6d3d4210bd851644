using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Leads.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Leads.Recipes;

/// <summary>
/// A step that replaces one list of the pipeline's configuration, checked whole in <see cref="Validate"/> (before any step of the
/// recipe runs) and applied by the module's service, so a recipe and the API obey the same rules. Replacing with the same list
/// again leaves the same state: the steps are idempotent.
/// </summary>
public abstract class PipelineListStep<TInput> : IRecipeStep where TInput : class
{
    public abstract string Name { get; }

    /// <summary>What the pipeline settings page and API require for the same changes.</summary>
    public IReadOnlyList<string> RequiredPermissions => [Permissions.ManagePipeline.Name];

    /// <summary>The step's property holding the list (<c>stages</c>, <c>rules</c>).</summary>
    protected abstract string ListProperty { get; }

    /// <summary>Checks the list and the step's other properties; adds errors keyed by path.</summary>
    protected abstract void Check(IReadOnlyList<TInput?> list, RecipeStepContext context, Dictionary<string, string> errors);

    protected abstract Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<TInput?> list, RecipeStepContext context, CancellationToken cancellationToken);

    public void Validate(RecipeStepContext context)
    {
        var errors = new Dictionary<string, string>();
        if (Read(context, errors) is { } list)
        {
            Check(list, context, errors);
        }
        Report(context, errors);
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken) =>
        Report(context, await ApplyAsync(Read(context, new Dictionary<string, string>())!, context, cancellationToken));

    private List<TInput?>? Read(RecipeStepContext context, Dictionary<string, string> errors)
    {
        if (context.Property(ListProperty) is JsonArray array)
        {
            return LeadJson.Read<List<TInput?>>(array, ListProperty, errors);
        }
        errors[ListProperty] = $"{ListProperty} must be an array.";
        return null;
    }

    /// <summary>Reports errors keyed like "rules[2].points" at the step's own spelling of the list property.</summary>
    private void Report(RecipeStepContext context, IReadOnlyDictionary<string, string> errors)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (path, reason) in errors)
        {
            reader.Error(path.StartsWith(ListProperty, StringComparison.Ordinal) ? context.PropertyName(ListProperty) + path[ListProperty.Length..] : path, reason);
        }
    }

    protected static IReadOnlyDictionary<string, string> ErrorsOf<T>(Result<T> result) =>
        result.Status == ResultStatus.Done ? new Dictionary<string, string>()
        : result.Errors.Count > 0 ? result.Errors : new Dictionary<string, string> { [""] = result.Detail };
}
