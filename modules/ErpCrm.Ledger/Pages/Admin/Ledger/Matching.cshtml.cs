using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// Matching a contact's open items (<c>/admin/ledger/matching?contact=…&amp;account=…</c>): its invoices and payments on its receivable or
/// payable accounts (<see cref="MatchingQueries"/>), chosen with checkboxes; what stays open is previewed (js/ledger-matching.js while
/// choosing, the Preview button without JavaScript) with the plan <see cref="MatchingService"/> then writes. The open amounts the page
/// showed go with the form, so a match confirmed after someone else matched one of its lines is refused rather than made differently.
/// Its reconciled groups are listed below, each undone at once. Reading needs ViewLedger; matching and undoing, PostEntries.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class MatchingModel(MatchingQueries queries, MatchingService matching, LedgerSettingsService settings, PartnerNames partners,
    AccountService accounts) : LedgerPageModel
{
    public const string Preview = "preview", Match = "match";

    [BindProperty(Name = "contact", SupportsGet = true)] public string? Contact { get; set; }

    [BindProperty(Name = "account", SupportsGet = true)] public string? Account { get; set; }

    /// <summary>What the last action did, from the address after its redirect: <c>matched</c> or <c>undone</c>.</summary>
    [BindProperty(Name = "done", SupportsGet = true)] public string? Done { get; set; }

    public LedgerSettings Settings { get; private set; } = null!;

    /// <summary>The contact and account filter: what was typed and what is wrong with it.</summary>
    public FormFields Filters { get; } = new("matching");

    /// <summary>The selection's errors (<c>lines</c>) and the problems of an action (a match undone meanwhile).</summary>
    public FormFields Form { get; } = new("match");

    public string? ContactName { get; private set; }
    public string? AccountLabel { get; private set; }

    /// <summary>The contact's open items, null until a contact is chosen.</summary>
    public IReadOnlyList<MatchableLine>? Items { get; private set; }

    public IReadOnlyList<MatchGroup> Groups { get; private set; } = [];

    /// <summary>The lines chosen (those of the form sent, kept when it is refused).</summary>
    public IReadOnlySet<long> Selected { get; private set; } = new HashSet<long>();

    /// <summary>What stays open of each chosen line after the match, once the Preview button asked (without JavaScript).</summary>
    public IReadOnlyDictionary<long, long>? OpenAfter { get; private set; }

    public bool CanMatch { get; private set; }

    public string? DoneMessage => Done switch
    {
        "matched" => "The lines are matched.",
        "undone" => "The match is undone: its items are open again.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => PageWith(await LoadAsync(ct) ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public async Task<IActionResult> OnPostAsync([FromForm] string? intent, [FromForm(Name = "lines")] long[]? lines, [FromForm(Name = "seen")] string[]? seen,
        CancellationToken ct)
    {
        if (!await MayAsync(Permissions.PostEntriesName))
        {
            return Forbid();
        }
        Selected = (lines ?? []).ToHashSet();
        if (!await LoadChosenAsync(ct))
        {
            return PageWith(StatusCodes.Status400BadRequest);
        }
        var shown = Seen(seen);
        var open = Items!.ToDictionary(i => i.LineId);
        if (Selected.Count == 0)
        {
            return Refused(StatusCodes.Status400BadRequest, "Choose the lines to match: at least one debit and one credit.");
        }
        if (Selected.Where(id => !open.ContainsKey(id)).ToList() is { Count: > 0 } gone)
        {
            // A line the page showed open and that is not now was matched meanwhile; any other is not this contact's (or account's).
            return gone.All(shown.ContainsKey)
                ? Refused(StatusCodes.Status409Conflict, "Someone matched some of these lines meanwhile: they are no longer open. Check the open items and choose again.")
                : Refused(StatusCodes.Status400BadRequest, $"Only open items of {ContactName} {(Account is null ? "" : "on this account ")}can be matched here: {gone.Count} of the lines chosen are not.");
        }
        if (intent != Match)
        {
            OpenAfter = MatchingPlan.Plan(Selected.Select(id => open[id].Candidate)).Open;
            return Page();
        }
        var expected = Selected.ToDictionary(id => id, id => shown.TryGetValue(id, out var amount) ? amount : open[id].Open);
        var matched = await matching.MatchAsync([.. Selected], expected, ct);
        if (matched.Status == ResultStatus.Done)
        {
            return RedirectTo(LedgerAdminUrls.Matching(Contact!, Account) + "&done=matched");
        }
        // Refused: read again, so the page shows what is open now (someone else's match included) with the selection kept.
        await LoadAsync(ct);
        Form.Add(matched.Errors.ToDictionary(e => e.Key == "lineIds" ? "lines" : e.Key, e => e.Value), matched.Detail, ["lines"]);
        return PageWith(ApiResults.StatusCode(matched.Status));
    }

    public async Task<IActionResult> OnPostUndoAsync([FromForm(Name = "lines")] long[]? lines, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.PostEntriesName))
        {
            return Forbid();
        }
        if (!await LoadChosenAsync(ct))
        {
            return PageWith(StatusCodes.Status400BadRequest);
        }
        // Only this contact's matched lines: a form naming others undoes nothing of them.
        var ours = (lines ?? []).Where(id => Groups.Any(g => g.Lines.Any(l => l.LineId == id))).ToList();
        if (ours.Count == 0 || await matching.UnmatchAsync(ours, ct) == 0)
        {
            Form.Problems.Add("This match is no longer there: someone undid it meanwhile.");
            return PageWith(StatusCodes.Status409Conflict);
        }
        return RedirectTo(LedgerAdminUrls.Matching(Contact!, Account) + "&done=undone");
    }

    /// <summary>Reads the filter and, for a contact, its open items and groups; false when the filter is wrong.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Settings = await settings.GetAsync(ct);
        CanMatch = await MayAsync(Permissions.PostEntriesName);
        Contact = string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim();
        Account = string.IsNullOrWhiteSpace(Account) ? null : Account.Trim();
        Filters.Values["contact"] = Contact ?? "";
        Filters.Values["account"] = Account ?? "";
        if (Account is not null)
        {
            var account = await accounts.FindAsync(Account, ct);
            AccountLabel = account is null ? null : AccountLookup.Label(account);
            if (account is null || !AccountSubtypes.IsPartnerAccount(account.Subtype))
            {
                Filters.Errors["account"] = account is null
                    ? $"There is no account {Account}."
                    : $"{AccountLabel} is not a receivable or payable account: only those are matched.";
            }
        }
        if (Contact is not null)
        {
            // A contact the user may not view shows by its id, as on the reports; one that those who may view contacts do not find is not there.
            ContactName = await partners.NameOfAsync(Contact, ct);
            if (ContactName is null && await MayAsync(ErpCrm.Contacts.Permissions.ViewContactsName))
            {
                Filters.Errors["contact"] = $"There is no contact {Contact}.";
            }
            ContactName ??= Contact;
        }
        if (Contact is null || Filters.Errors.Count > 0)
        {
            return Filters.Errors.Count == 0;
        }
        Items = await queries.OpenItemsAsync(Contact, Account, ct);
        Groups = await queries.GroupsAsync(Contact, Account, ct);
        return true;
    }

    /// <summary>Reads the filter and the contact's items for a form that acts on them: false (the error at the contact) without a contact.</summary>
    private async Task<bool> LoadChosenAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return false;
        }
        if (Items is null)
        {
            Filters.Errors["contact"] = "Choose the contact whose items to match.";
            return false;
        }
        return true;
    }

    private PageResult Refused(int status, string message)
    {
        Form.Errors["lines"] = message;
        return PageWith(status);
    }

    /// <summary>The open amounts the page showed, sent as <c>seen=lineId:open</c>; what does not read is left out.</summary>
    private static Dictionary<long, long> Seen(string[]? seen)
    {
        var shown = new Dictionary<long, long>();
        foreach (var text in seen ?? [])
        {
            var parts = text.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var open))
            {
                shown[id] = open;
            }
        }
        return shown;
    }

    /// <summary>The selection's debit and credit totals (open amounts).</summary>
    public (long Debit, long Credit) Totals() =>
        Items is null ? (0, 0) : (Items.Where(i => Selected.Contains(i.LineId) && i.IsDebit).Sum(i => i.Open), Items.Where(i => Selected.Contains(i.LineId) && !i.IsDebit).Sum(i => i.Open));

    /// <summary>What a match of the selection leaves open, as js/ledger-matching.js says it too.</summary>
    public static string Outcome(long debit, long credit, int digits) => (debit, credit) switch
    {
        (0, _) or (_, 0) => "Choose at least one debit and one credit.",
        _ when debit == credit => "Fully matched: nothing stays open.",
        _ when debit > credit => $"{Amount(debit - credit, digits)} of the debits stays open.",
        _ => $"{Amount(credit - debit, digits)} of the credits stays open.",
    };
}
