using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>Errors next to fields on the module's pages (the host's field-error tag helper is not available to a module): keys are the fields' names; errors go in with
/// <c>ModelState.AddErrors</c> and <c>AddFailure</c> (<see cref="ErpCrm.Http.ModelStateResults"/>).</summary>
public static class ModelStateErrors
{
    /// <summary>The error of a field, or null.</summary>
    public static string? ErrorOf(this ModelStateDictionary modelState, string field) =>
        modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
