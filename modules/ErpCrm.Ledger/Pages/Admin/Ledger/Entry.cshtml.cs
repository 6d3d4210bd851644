using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// A journal entry: its header, its lines with the accounts' names and the totals, its place in the journal's hash chain, and what can be
/// done with it through <see cref="LedgerPostingService"/>: post, edit or delete a draft (each with the version the page showed, so a
/// change made meanwhile is refused), reverse a posted entry on a date. Links lead to its reversal or to the entry it reverses.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class EntryModel(EntryQueries queries, LedgerPostingService posting, LedgerSettingsService settings, AccountService accounts,
    PartnerNames partners, IUserDirectory users, ITenantClock clock) : LedgerPageModel
{
    [BindProperty(Name = "id", SupportsGet = true)] public long Id { get; set; }

    /// <summary>What the last action did, from the URL after its redirect: <c>posted</c>, <c>saved</c> or <c>reversal</c>.</summary>
    [BindProperty(Name = "done", SupportsGet = true)] public string? Done { get; set; }

    public LedgerEntry? Entry { get; private set; }
    public LedgerSettings Settings { get; private set; } = null!;
    public IReadOnlyDictionary<string, LedgerAccount> Chart { get; private set; } = new Dictionary<string, LedgerAccount>();
    public IReadOnlyDictionary<string, LedgerCurrency> Currencies { get; private set; } = new Dictionary<string, LedgerCurrency>();
    public IReadOnlyDictionary<string, string> ContactNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The display names of who wrote and who posted the entry, by user id.</summary>
    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The numbers of the entry this one reverses and of the entry that reverses it.</summary>
    public string? ReversalOfNumber { get; private set; }
    public string? ReversedByNumber { get; private set; }

    public bool CanPost { get; private set; }

    /// <summary>The reversal form: its date, and why the last action was refused.</summary>
    public FormFields Form { get; private set; } = new();

    public bool CanReverse => Entry is { IsPosted: true, ReversedBy: null, ReversalOf: null, IsClosing: false };

    public string? DoneMessage => Done switch
    {
        "posted" => $"Entry {Entry?.Number} is posted.",
        "saved" => "The draft is saved.",
        "reversal" => $"Entry {ReversalOfNumber} is reversed by this entry.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(StatusCodes.Status200OK, ct);

    public async Task<IActionResult> OnPostPostAsync([FromForm] int? version, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.PostEntriesName))
        {
            return Forbid();
        }
        var posted = await posting.PostDraftAsync(Id, version, ct);
        return posted.Value is not null ? RedirectTo(LedgerAdminUrls.Entry(Id) + "?done=posted") : await RefusedAsync(posted, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromForm] int? version, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.PostEntriesName))
        {
            return Forbid();
        }
        var deleted = await posting.DeleteDraftAsync(Id, version, ct);
        return deleted.Status == ResultStatus.Done ? RedirectTo(LedgerAdminUrls.Entries + "?deleted=1") : await RefusedAsync(deleted, ct);
    }

    public async Task<IActionResult> OnPostReverseAsync([FromForm] string? date, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.PostEntriesName))
        {
            return Forbid();
        }
        Form.Values["date"] = date ?? "";
        if (LedgerDates.Accept(date) is not { } day)
        {
            Form.Errors["date"] = LedgerDates.Refusal("The date of the reversal", date, "The date of the reversal is a date (yyyy-MM-dd).");
            return await ShowAsync(StatusCodes.Status400BadRequest, ct);
        }
        var reversal = await posting.ReverseAsync(Id, day, ct);
        return reversal.Value is { } posted ? RedirectTo(LedgerAdminUrls.Entry(posted.Id) + "?done=reversal") : await RefusedAsync(reversal, ct);
    }

    private async Task<IActionResult> RefusedAsync<T>(Result<T> refused, CancellationToken ct)
    {
        Form.Add(refused.Errors, refused.Detail, ["date"]);
        return await ShowAsync(ApiResults.StatusCode(refused.Status), ct);
    }

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        Summarize(Form, problems: false);
        Entry = await queries.GetAsync(Id, ct);
        if (Entry is null)
        {
            return PageWith(StatusCodes.Status404NotFound);
        }
        Settings = await settings.GetAsync(ct);
        Chart = await accounts.AllAsync(ct);
        Currencies = await settings.CurrenciesAsync(ct);
        CanPost = await MayAsync(Permissions.PostEntriesName);
        ReversalOfNumber = Entry.ReversalOf is { } of ? (await queries.GetAsync(of, ct))?.Number : null;
        ReversedByNumber = Entry.ReversedBy is { } by ? (await queries.GetAsync(by, ct))?.Number : null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Entry.Lines.Select(l => l.ContactId).OfType<string>().Distinct())
        {
            names[id] = await partners.NameOfAsync(id, ct) ?? id;
        }
        ContactNames = names;
        var userIds = new[] { Entry.CreatedBy, Entry.PostedBy }.OfType<string>().Distinct().ToList();
        UserNames = (await users.FindUsersAsync(userIds, ct)).ToDictionary(u => u.Id, u => u.DisplayName);
        if (!Form.Values.ContainsKey("date"))
        {
            var today = await clock.GetTodayAsync(ct);
            Form.Values["date"] = DateText(today < Entry.Date ? Entry.Date : today);
        }
        return PageWith(status);
    }

    /// <summary>When and by whom: <c>2026-03-01 10:15 UTC by Ada</c> (a user the directory no longer knows shows as its id).</summary>
    public string Stamp(DateTimeOffset when, string? userId) =>
        when.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) + (userId is null ? "" : " by " + UserNames.GetValueOrDefault(userId, userId));

    /// <summary>A line's amount in its own currency, e.g. <c>100.00 EUR</c>, for lines in a foreign currency.</summary>
    public string? ForeignAmount(LedgerLine line) =>
        line is { Currency: { } code, AmountCurrency: { } amount } && Currencies.TryGetValue(code, out var currency)
            ? $"{Amount(amount, currency.MinorUnits)} {code}"
            : null;
}
