using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Users;

/// <summary>The tenant's users with their roles, state and lockout; unlocking is one click (an htmx row swap with JavaScript).</summary>
[RequirePermission(nameof(KernelPermissions.ManageUsers))]
public sealed class IndexModel(UserStore users, AuditLog audit, TimeProvider clock) : AdminPageModel
{
    public sealed record Row(UserRecord User, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var user in await users.ListAsync(ct))
        {
            Rows.Add(await RowOfAsync(user, ct));
        }
    }

    /// <summary>Ends a lockout now.</summary>
    public async Task<IActionResult> OnPostUnlockAsync([FromForm] long id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        await users.RecordSignInAsync(user.Id, 0, null, ct);
        await audit.RecordAsync(AuditKinds.UserChanged, user.UserName, "Unlocked.", ct);
        if (IsHtmx)
        {
            return Partial("_UserRow", await RowOfAsync((await users.FindByIdAsync(id, ct))!, ct));
        }
        Notify($"{user.UserName} is unlocked.");
        return RedirectToAdmin("/admin/users");
    }

    private async Task<Row> RowOfAsync(UserRecord user, CancellationToken ct) =>
        new(user, await users.RolesOfAsync(user.Id, ct), LockedUntil(user, clock.GetUtcNow()));

    public static DateTimeOffset? LockedUntil(UserRecord user, DateTimeOffset now) =>
        user.LockedOutUntilUtc is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var until) && until > now ? until : null;
}
