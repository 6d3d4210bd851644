using ErpCrm.Contacts.Services;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>A new journal entry (<see cref="EntryEditorModel"/>), saved as a draft or posted at once with <see cref="LedgerPostingService.CreateAsync"/>.</summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.PostEntriesName)]
public sealed class NewEntryModel(EntryRequestReader reader, LedgerPostingService posting, LedgerSettingsService settings, JournalService journals,
    AccountService accounts, PartnerNames partners, ITenantClock clock, ITenantCulture culture) : EntryEditorModel(reader, settings, journals, accounts, partners, culture)
{
    public const string DefaultJournal = "GEN";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Form.Values["journal"] = Journals.Any(j => j.Code == DefaultJournal) ? DefaultJournal : Journals.FirstOrDefault(j => j.Active)?.Code ?? "";
        Form.Values["date"] = DateText(await clock.GetTodayAsync(ct));
        LineCount = 2;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? intent, [FromForm] string? add, [FromForm] int? remove, CancellationToken ct)
    {
        var (answer, entry) = await ReadPostAsync(add, remove, ct);
        if (answer is not null || entry is null)
        {
            return answer!;
        }
        var post = intent == Post;
        var created = await posting.CreateAsync(entry, post, ct);
        return created.Value is { } stored
            ? RedirectTo(LedgerAdminUrls.Entry(stored.Id) + (post ? "?done=posted" : "?done=saved"))
            : await RefusedAsync(created, ct);
    }
}
