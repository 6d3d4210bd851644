using ErpCrm.Modules;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Tests.Modules.Pages.Admin.Test;

/// <summary>A page of the sub-feature Delta: it answers only where Delta is on.</summary>
[Feature("Test.Delta")]
public sealed class DeltaModel : PageModel
{
    public void OnGet()
    {
    }
}
