using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Tokens;

/// <summary>The signed-in user's personal API tokens: list, create (shown once, right here, never again), revoke.</summary>
[RequirePermission(nameof(KernelPermissions.ManageOwnApiTokens))]
public sealed class IndexModel(ApiTokenService tokens, AdminSession session, AuditLog audit) : AdminPageModel
{
    public const int MaxNameLength = 100;

    [BindProperty(Name = "name")] public string Name { get; set; } = "";

    public IReadOnlyList<ApiTokenRecord> Tokens { get; private set; } = [];

    /// <summary>The token just created, in clear: shown on this answer only.</summary>
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(session.UserId!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = (await session.GetUserAsync(ct))!;
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxNameLength)
        {
            ModelState.AddModelError("name", $"Name the token (1 to {MaxNameLength} characters), e.g. after the script or machine that uses it.");
            Tokens = await tokens.ListAsync(user.Id, ct);
            return Invalid();
        }
        NewToken = await tokens.CreateAsync(user.Id, Name.Trim(), ct);
        await audit.RecordAsync(AuditKinds.TokenCreated, user.UserName, $"Created API token '{Name.Trim()}'.", ct);
        Tokens = await tokens.ListAsync(user.Id, ct);
        Name = "";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] long id, CancellationToken ct)
    {
        var user = (await session.GetUserAsync(ct))!;
        var token = (await tokens.ListAsync(user.Id, ct)).FirstOrDefault(t => t.Id == id);
        if (token is null || !await tokens.RevokeAsync(user.Id, id, ct))
        {
            Notify("That token is not one of yours, or it is revoked already.", "warning");
            return RedirectToAdmin("/admin/tokens");
        }
        await audit.RecordAsync(AuditKinds.TokenRevoked, user.UserName, $"Revoked API token '{token.Name}'.", ct);
        Notify($"Token '{token.Name}' is revoked: calls with it are refused from now on.");
        return RedirectToAdmin("/admin/tokens");
    }
}
