using ErpCrm.Content;
using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>Hands a ledger service's answer to the step's reader.</summary>
internal static class RecipeStepResults
{
    /// <summary>
    /// Reports a service's refusal through <paramref name="reader"/> (each field it names, respelled as the recipe spells it,
    /// else its detail at the step). Whether the service did it.
    /// </summary>
    public static bool Report<T>(this RecipeStepReader reader, Result<T> result)
    {
        if (result.Status == ResultStatus.Done)
        {
            return true;
        }
        reader.Refused(result.Detail, result.Errors);
        return false;
    }
}
