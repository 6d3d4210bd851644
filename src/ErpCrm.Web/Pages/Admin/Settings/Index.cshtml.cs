using System.Text.Json.Nodes;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Money;
using ErpCrm.Security;
using ErpCrm.Tenants;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Settings;

/// <summary>
/// The company's settings an administrator chooses in the admin: its culture, which says how people type and read amounts in the
/// forms (<see cref="ITenantCulture"/>). The same <c>Culture</c> site setting a recipe's <c>settings</c> step sets.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageSettings))]
public sealed class IndexModel(SiteSettings settings, ITenantCulture culture, AuditLog audit) : AdminPageModel
{
    [BindProperty(Name = "culture")] public string Culture { get; set; } = "";

    /// <summary>Each culture a tenant may choose, with its name and how it writes an amount.</summary>
    public static IEnumerable<(string Name, string Text)> Choices =>
        FormNumbers.Cultures.Select(c => new FormNumbers(c)).Select(n => (n.Culture, $"{n.DisplayName}: {n.Example}"));

    public async Task OnGetAsync(CancellationToken ct) => Culture = (await culture.GetNumbersAsync(ct)).Culture;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (TenantCulture.Known(Culture) is not { } chosen)
        {
            ModelState.AddModelError("culture", TenantCulture.Problem(JsonValue.Create(Culture))!);
            return Invalid();
        }
        await settings.SetAsync(TenantCulture.Setting, JsonValue.Create(chosen), ct);
        await audit.RecordAsync(AuditKinds.SettingsChanged, TenantCulture.Setting, $"The culture of amounts in forms is now {chosen}.", ct);
        var numbers = new FormNumbers(chosen);
        Notify($"Amounts in forms are now typed and shown as in {numbers.DisplayName}: {numbers.Example}.");
        return RedirectToAdmin("/admin/settings");
    }
}
