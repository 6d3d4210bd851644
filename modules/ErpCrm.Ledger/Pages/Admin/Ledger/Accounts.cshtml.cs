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
/// The chart of accounts as a tree (<see cref="AccountService.TreeAsync"/>), and a form that adds an account or, with <c>?edit=code</c>,
/// changes one, archives it or brings it back. <see cref="AccountService"/> holds every rule; its errors stand next to the inputs they
/// name and what was typed stays. Reading needs ViewLedger, changing ManageLedger.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class AccountsModel(AccountService accounts, LedgerSettingsService settings, LedgerReportService reports, ITenantClock clock) : LedgerPageModel
{
    public static readonly IReadOnlyList<string> Inputs = ["code", "name", "type", "subtype", "parent", "currency"];

    /// <summary>The account the form changes, from the URL; none adds one.</summary>
    [BindProperty(Name = "edit", SupportsGet = true)] public string? Edit { get; set; }

    /// <summary>The account just added or changed, from the URL after the redirect.</summary>
    [BindProperty(Name = "saved", SupportsGet = true)] public string? Saved { get; set; }

    public IReadOnlyList<(LedgerAccount Account, int Depth)> Tree { get; private set; } = [];
    public IReadOnlyList<LedgerCurrency> Currencies { get; private set; } = [];
    public LedgerAccount? Editing { get; private set; }
    public FormFields Form { get; private set; } = new();
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is not null)
        {
            if (Editing is null)
            {
                Form.Problems.Add($"There is no account {Edit}.");
                return PageWith(StatusCodes.Status404NotFound);
            }
            Form = FormOf(Editing);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLedgerName))
        {
            return Forbid();
        }
        Edit = null;
        var sent = Read();
        var created = await accounts.CreateAsync(new AccountInput(sent.Value("code"), sent.Value("name"), sent.Value("type"), sent.Value("subtype"),
            sent.Value("parent"), sent.Value("currency"), null), "", ct);
        return await AnswerAsync(created, sent, ct);
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLedgerName))
        {
            return Forbid();
        }
        var sent = Read();
        // Empty inputs clear the subtype, the parent and the currency: the service reads "" as none and null as unchanged.
        var changed = await accounts.UpdateAsync(Edit ?? "", new AccountInput(null, sent.Value("name"), sent.Value("type"), sent.Value("subtype"),
            sent.Value("parent"), sent.Value("currency"), null), "", ct);
        return await AnswerAsync(changed, sent, ct);
    }

    public Task<IActionResult> OnPostArchiveAsync(CancellationToken ct) => SetActiveAsync(false, ct);

    public Task<IActionResult> OnPostRestoreAsync(CancellationToken ct) => SetActiveAsync(true, ct);

    private async Task<IActionResult> SetActiveAsync(bool active, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLedgerName))
        {
            return Forbid();
        }
        var changed = await accounts.UpdateAsync(Edit ?? "", new AccountInput(null, null, null, null, null, null, active), "", ct);
        if (changed.Value is null)
        {
            await LoadAsync(ct);
            Form = Editing is null ? new FormFields() : FormOf(Editing);
            Form.Add(changed.Errors, changed.Detail, []);
            return PageWith(ApiResults.StatusCode(changed.Status));
        }
        return await AnswerAsync(changed, FormOf(changed.Value), ct);
    }

    private async Task<IActionResult> AnswerAsync(Result<LedgerAccount> result, FormFields sent, CancellationToken ct)
    {
        if (result.Value is { } account)
        {
            return RedirectTo($"{LedgerAdminUrls.Accounts}?saved={Uri.EscapeDataString(account.Code)}#account-{account.Code}");
        }
        await LoadAsync(ct);
        Form = sent;
        Form.Add(result.Errors, result.Detail, Edit is null ? Inputs : Inputs.Skip(1).ToList(), LabelOf);
        // The page shows the errors about no input above the chart, for every form on it.
        Summarize(Form, problems: false);
        return PageWith(ApiResults.StatusCode(result.Status));
    }

    /// <summary>The form's label of an input: its name, capitalised ("Code", "Parent").</summary>
    private static string? LabelOf(string input) => Inputs.Contains(input) ? char.ToUpperInvariant(input[0]) + input[1..] : null;

    private FormFields Read()
    {
        var form = new FormFields();
        foreach (var name in Inputs)
        {
            form.Values[name] = Request.Form[name].ToString();
        }
        return form;
    }

    private static FormFields FormOf(LedgerAccount account)
    {
        var form = new FormFields();
        form.Values["code"] = account.Code;
        form.Values["name"] = account.Name;
        form.Values["type"] = account.Type;
        form.Values["subtype"] = account.Subtype ?? "";
        form.Values["parent"] = account.Parent ?? "";
        form.Values["currency"] = account.Currency ?? "";
        return form;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tree = await accounts.TreeAsync(ct);
        Currencies = (await settings.CurrenciesAsync(ct)).Values.ToList();
        Editing = Edit is null ? null : await accounts.FindAsync(Edit, ct);
        CanManage = await MayAsync(Permissions.ManageLedgerName);
        Settings = await settings.GetAsync(ct);
        var today = await clock.GetTodayAsync(ct);
        Balances = RolledUp(Tree, (await reports.TrialBalanceAsync(today, today, ct)).Lines.ToDictionary(l => l.Account, l => l.Closing, StringComparer.Ordinal));
    }

    /// <summary>The ledger's settings (the base currency the balances are in).</summary>
    public LedgerSettings Settings { get; private set; } = null!;

    /// <summary>Each account's balance to date in the base currency (debit positive), a parent's the sum of its own and its sub-accounts'.</summary>
    public IReadOnlyDictionary<string, long> Balances { get; private set; } = new Dictionary<string, long>();

    /// <summary>How many levels of the tree show (<c>?levels=1</c> shows the top accounts only); all when not given.</summary>
    [BindProperty(Name = "levels", SupportsGet = true)] public int? Levels { get; set; }

    /// <summary>The deepest level of the tree, for the level links.</summary>
    public int Depth => Tree.Count == 0 ? 0 : Tree.Max(t => t.Depth) + 1;

    /// <summary>The rows shown at the chosen number of levels.</summary>
    public IEnumerable<(LedgerAccount Account, int Depth)> Shown => Levels is > 0 and var levels ? Tree.Where(t => t.Depth < levels) : Tree;

    private static Dictionary<string, long> RolledUp(IReadOnlyList<(LedgerAccount Account, int Depth)> tree, IReadOnlyDictionary<string, long> own)
    {
        var byCode = tree.ToDictionary(t => t.Account.Code, t => t.Account, StringComparer.Ordinal);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (account, _) in tree)
        {
            if (!own.TryGetValue(account.Code, out var balance) || balance == 0)
            {
                continue;
            }
            // Up the parents: a chart is a tree, so the walk ends at a top account within as many steps as there are accounts.
            var code = account.Code;
            for (var steps = 0; code is not null && byCode.TryGetValue(code, out var current) && steps < byCode.Count; steps++)
            {
                totals[code] = totals.GetValueOrDefault(code) + balance;
                code = current.Parent;
            }
        }
        return totals;
    }

    /// <summary>The deepest level admin.css indents by a step of its own; deeper rows line up with it.</summary>
    public const int MaxIndent = 7;

    /// <summary>The class (admin.css) that indents a row of the tree: a step per level.</summary>
    public static string IndentClass(int depth) => "erp-indent-" + Math.Clamp(depth, 0, MaxIndent).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A subtype as people read it: <c>retained_earnings</c> is "retained earnings".</summary>
    public static string Words(string? code) => code is null ? "" : code.Replace('_', ' ');
}
