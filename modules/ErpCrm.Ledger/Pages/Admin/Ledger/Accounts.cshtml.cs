using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
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
public sealed class AccountsModel(AccountService accounts, LedgerSettingsService settings) : LedgerPageModel
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
        Form.Add(result.Errors, result.Detail, Edit is null ? Inputs : Inputs.Skip(1).ToList());
        return PageWith(ApiResults.StatusCode(result.Status));
    }

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
    }

    /// <summary>The deepest level admin.css indents by a step of its own; deeper rows line up with it.</summary>
    public const int MaxIndent = 7;

    /// <summary>The class (admin.css) that indents a row of the tree: a step per level.</summary>
    public static string IndentClass(int depth) => "erp-indent-" + Math.Clamp(depth, 0, MaxIndent).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A subtype as people read it: <c>retained_earnings</c> is "retained earnings".</summary>
    public static string Words(string? code) => code is null ? "" : code.Replace('_', ' ');
}
