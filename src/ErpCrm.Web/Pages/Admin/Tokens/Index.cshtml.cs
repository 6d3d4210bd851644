using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Tokens;

/// <summary>The signed-in user's personal API tokens: list, create (shown once, right here, never again), revoke.</summary>
[RequirePermission(nameof(KernelPermissions.ManageOwnApiTokens))]
public sealed class IndexModel(ApiTokenService tokens, AdminSession session) : AdminPageModel
{
    [BindProperty(Name = "name")] public string Name { get; set; } = "";

    public IReadOnlyList<ApiTokenInfo> Tokens { get; private set; } = [];

    /// <summary>The token just created, in clear: shown on this answer only.</summary>
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(session.UserId!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = (await session.GetUserAsync(ct))!;
        ModelState.Clear();
        var issued = await tokens.IssueAsync(user.Id, Name, ct);
        Tokens = await tokens.ListAsync(user.Id, ct);
        if (issued.Failure is { } failure)
        {
            foreach (var (field, message) in failure.Errors)
            {
                ModelState.AddModelError(field, message);
            }
            return Invalid();
        }
        NewToken = issued.Value!.Token;
        Name = "";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] long id, CancellationToken ct)
    {
        var user = (await session.GetUserAsync(ct))!;
        var revoked = await tokens.RevokeAsync(user.Id, id, ct);
        if (revoked.Value is not { } token)
        {
            Notify("That token is not one of yours.", "warning");
            return RedirectToAdmin("/admin/tokens");
        }
        Notify($"Token '{token.Name}' is revoked: calls with it are refused from now on.");
        return RedirectToAdmin("/admin/tokens");
    }
}
