using System.Globalization;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// The journal entries (<see cref="EntryQueries.ListAsync"/>), newest first, filtered by journal, dates, account, state and text
/// (reference or number), a page at a time. The filters live in the URL, so a filtered list can be shared; htmx swaps only the results.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class EntriesModel(EntryQueries queries, JournalService journals, AccountLookup accounts, LedgerSettingsService settings) : LedgerPageModel
{
    public const int PageSize = 50;

    [BindProperty(Name = "journal", SupportsGet = true)] public string? Journal { get; set; }
    [BindProperty(Name = "from", SupportsGet = true)] public string? From { get; set; }
    [BindProperty(Name = "to", SupportsGet = true)] public string? To { get; set; }
    [BindProperty(Name = "account", SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(Name = "state", SupportsGet = true)] public string? State { get; set; }
    [BindProperty(Name = "q", SupportsGet = true)] public string? Search { get; set; }
    /// <summary>The page of the list, from <c>?page=</c> (read by hand: Razor Pages keep the route value "page" for the page's own path).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Set after a draft was deleted (the redirect from its page).</summary>
    [BindProperty(Name = "deleted", SupportsGet = true)] public bool Deleted { get; set; }

    public IReadOnlyList<LedgerJournal> Journals { get; private set; } = [];
    /// <summary>The account filtered by, as its picker shows it (code and name); null for none or an unknown code.</summary>
    public string? AccountLabel { get; private set; }
    public LedgerSettings Settings { get; private set; } = null!;
    public IReadOnlyList<LedgerEntry> Rows { get; private set; } = [];
    public long Total { get; private set; }
    public FormFields Filters { get; } = new();
    public bool CanPost { get; private set; }

    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool IsFiltered => new[] { Journal, From, To, Account, State, Search }.Any(v => !string.IsNullOrWhiteSpace(v));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Journals = await journals.ListAsync(ct);
        AccountLabel = await accounts.LabelAsync(Account, ct);
        Settings = await settings.GetAsync(ct);
        CanPost = await MayAsync(Permissions.PostEntriesName);
        var from = DateFilter("from", From);
        var to = DateFilter("to", To);
        if (from > to)
        {
            Filters.Errors["to"] = "To is on or after From.";
        }
        var state = Blank(State)?.ToLowerInvariant();
        if (state is not null and not (EntryStates.Draft or EntryStates.Posted))
        {
            Filters.Errors["state"] = "The state is draft or posted.";
        }
        if (Request.Query["page"].ToString() is { Length: > 0 } page)
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 100_000)
            {
                PageNumber = number;
            }
            else
            {
                Filters.Problems.Add("The page is a whole number from 1.");
            }
        }
        if (Filters.Errors.Count > 0 || Filters.Problems.Count > 0)
        {
            return PageOrResults(StatusCodes.Status400BadRequest);
        }
        var found = await queries.ListAsync(new EntryFilter(Blank(Journal)?.ToUpperInvariant(), from, to, Blank(Account), state, Blank(Search), PageNumber, PageSize), ct);
        Rows = found.Items;
        Total = found.Total;
        return PageOrResults(StatusCodes.Status200OK);
    }

    /// <summary>The list's address with the current filters, at <paramref name="page"/>.</summary>
    public string PageUrl(int page)
    {
        var values = new (string, string?)[] { ("journal", Journal), ("from", From), ("to", To), ("account", Account), ("state", State), ("q", Search),
            ("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null) };
        return LedgerAdminUrls.Entries + QueryString.Create(values.Where(v => !string.IsNullOrWhiteSpace(v.Item2))
            .Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2!.Trim())));
    }

    private IActionResult PageOrResults(int status)
    {
        if (Request.Headers["HX-Request"] != "true")
        {
            return PageWith(status);
        }
        var result = Partial("_EntryResults", this);
        result.StatusCode = status;
        return result;
    }

    private DateOnly? DateFilter(string name, string? text)
    {
        if (Blank(text) is not { } given)
        {
            return null;
        }
        var date = LedgerDates.Accept(given);
        if (date is null)
        {
            Filters.Errors[name] = LedgerDates.Refusal($"'{given}'", given, $"'{given}' is not a date (yyyy-MM-dd).");
        }
        return date;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
