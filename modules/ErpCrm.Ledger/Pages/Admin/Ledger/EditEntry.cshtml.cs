using ErpCrm.Tenants;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// A draft entry changed (<see cref="LedgerPostingService.UpdateDraftAsync"/>) and optionally posted in the same request: a refused post
/// answers 400 or 409, which rolls the change back too, and the form shows what was typed. The draft's version goes with the form, so a
/// change made meanwhile is refused rather than overwritten. A posted entry never changes: its address leads to the entry's page.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.PostEntriesName)]
public sealed class EditEntryModel(EntryRequestReader reader, LedgerPostingService posting, EntryQueries queries, LedgerSettingsService settings,
    JournalService journals, AccountService accounts, PartnerNames partners, ITenantCulture culture) : EntryEditorModel(reader, settings, journals, accounts, partners, culture)
{
    [BindProperty(Name = "id", SupportsGet = true)] public long Id { get; set; }

    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var entry = await queries.GetAsync(Id, ct);
        if (entry is null)
        {
            Missing = true;
            return PageWith(StatusCodes.Status404NotFound);
        }
        if (entry.IsPosted)
        {
            return RedirectTo(LedgerAdminUrls.Entry(Id));
        }
        await LoadAsync(ct);
        Fill(entry);
        await NameContactsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? intent, [FromForm] string? add, [FromForm] int? remove, CancellationToken ct)
    {
        var (answer, entry) = await ReadPostAsync(add, remove, ct);
        if (answer is not null || entry is null)
        {
            return answer!;
        }
        var saved = await posting.UpdateDraftAsync(Id, Version, entry, ct);
        var post = intent == Post;
        if (post && saved.Status == ResultStatus.Done)
        {
            saved = await posting.PostDraftAsync(Id, saved.Value!.Version, ct);
        }
        return saved.Value is not null
            ? RedirectTo(LedgerAdminUrls.Entry(Id) + (post ? "?done=posted" : "?done=saved"))
            : await RefusedAsync(saved, ct);
    }
}
