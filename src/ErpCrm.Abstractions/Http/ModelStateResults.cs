using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ErpCrm.Http;

/// <summary>
/// How a Razor page shows a service's <see cref="Failure"/>: each error next to its field (keys are the form fields' names), the
/// same messages the API answers. Answer the page with <see cref="ApiResults.StatusCode"/> of the failure, so that the unit of
/// work rolls back.
/// </summary>
public static class ModelStateResults
{
    /// <summary>
    /// Puts each error next to its field. <paramref name="labelOf"/> gives the label a field shows on the page (null when the
    /// page does not know it): a message that names the field by its path names it by its label instead (<see cref="FormMessages"/>);
    /// the form's error summary does the same with the labels it finds on the form.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<KeyValuePair<string, string>> errors, Func<string, string?>? labelOf = null)
    {
        foreach (var (field, message) in errors)
        {
            modelState.AddModelError(field, labelOf is null ? message : FormMessages.Labelled(field, message, labelOf(field)));
        }
    }

    /// <summary>Puts a failure next to the fields it names, or its detail next to <paramref name="field"/> when it names none.</summary>
    public static void AddFailure(this ModelStateDictionary modelState, Failure failure, string field, Func<string, string?>? labelOf = null)
    {
        if (failure.Errors.Count > 0)
        {
            modelState.AddErrors(failure.Errors, labelOf);
        }
        else
        {
            modelState.AddModelError(field, failure.Detail);
        }
    }
}
