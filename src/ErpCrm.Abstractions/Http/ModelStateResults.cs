using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ErpCrm.Http;

/// <summary>
/// How a Razor page shows a service's <see cref="Failure"/>: each error next to its field (keys are the form fields' names), the
/// same messages the API answers. Answer the page with <see cref="ApiResults.StatusCode"/> of the failure, so that the unit of
/// work rolls back.
/// </summary>
public static class ModelStateResults
{
    /// <summary>Puts each error next to its field.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<KeyValuePair<string, string>> errors)
    {
        foreach (var (field, message) in errors)
        {
            modelState.AddModelError(field, message);
        }
    }

    /// <summary>Puts a failure next to the fields it names, or its detail next to <paramref name="field"/> when it names none.</summary>
    public static void AddFailure(this ModelStateDictionary modelState, Failure failure, string field)
    {
        if (failure.Errors.Count > 0)
        {
            modelState.AddErrors(failure.Errors);
        }
        else
        {
            modelState.AddModelError(field, failure.Detail);
        }
    }
}
