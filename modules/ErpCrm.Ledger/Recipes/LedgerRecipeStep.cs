using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>
/// A ledger step: <see cref="Read"/> checks the step's whole shape (before any step of the recipe runs, and again when it runs);
/// <see cref="ApplyAsync"/> hands what it read to the ledger's services, which obey the same rules for a recipe as for the API,
/// and stops at the first refusal (the executor then rolls the step back whole). Applying the same input again changes nothing.
/// </summary>
public abstract class LedgerRecipeStep<TInput> : IRecipeStep
{
    public abstract string Name { get; }

    /// <summary>What the ledger's settings pages and API require for the same changes.</summary>
    public IReadOnlyList<string> RequiredPermissions => [Permissions.ManageLedgerName];

    public void Validate(RecipeStepContext context) => Read(new RecipeStepReader(context));

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var reader = new RecipeStepReader(context);
        var input = Read(reader);
        if (!reader.Failed)
        {
            await ApplyAsync(input, reader, cancellationToken);
        }
    }

    /// <summary>What the step asks for; each problem reported through <paramref name="reader"/>.</summary>
    private protected abstract TInput Read(RecipeStepReader reader);

    /// <summary>Applies a well-formed input; a refusal reported through <paramref name="reader"/>.</summary>
    private protected abstract Task ApplyAsync(TInput input, RecipeStepReader reader, CancellationToken cancellationToken);
}
