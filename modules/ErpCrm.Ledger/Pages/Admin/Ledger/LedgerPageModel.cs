using ErpCrm.Content;
using ErpCrm.Ledger.Services;
using ErpCrm.Money;
using ErpCrm.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// What the ledger pages share: permission checks for handlers (Razor Pages ignore authorization attributes on handler methods),
/// the status of a refused change (400 and up rolls the unit of work back, so nothing of it stays) and amounts as the books show them.
/// </summary>
public abstract class LedgerPageModel : PageModel
{
    protected Task<bool> MayAsync(string permission) => HttpContext.HoldsPermissionAsync(permission);

    protected PageResult PageWith(int status) => new() { StatusCode = status };

    /// <summary>
    /// Puts a form's errors in <c>ModelState</c> too, where the error summary the kernel puts on every posted form lists them all with
    /// links to their inputs; with <paramref name="problems"/>, the errors about no input as well (for a form that shows no
    /// <c>_Problems</c> of its own).
    /// </summary>
    protected void Summarize(FormFields form, bool problems)
    {
        foreach (var (name, error) in form.Errors)
        {
            ModelState.AddModelError(name, error);
        }
        foreach (var problem in problems ? form.Problems : [])
        {
            ModelState.AddModelError(string.Empty, problem);
        }
    }

    /// <summary>Post, redirect, get: a reload does not send the form again.</summary>
    protected RedirectResult RedirectTo(string url) => Redirect(Url.Content("~" + url));

    /// <summary>An amount in minor units with the currency's decimals and ',' between thousands; nothing for zero when <paramref name="blankZero"/>.</summary>
    public static string Amount(long minorUnits, int digits, bool blankZero = false) =>
        blankZero && minorUnits == 0 ? "" : CurrencyAmounts.FormatAmount(minorUnits, digits, groupThousands: true);

    /// <summary>A yyyy-MM-dd text for a date input.</summary>
    public static string DateText(DateOnly? date) => LedgerDates.TextOrNull(date) ?? "";
}
