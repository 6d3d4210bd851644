using System.Globalization;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// The pipeline's settings: its stages (add, rename, reorder by position, probability, the won and lost stage, remove with a
/// stage to move their leads to), and the scoring and assignment rules, each table saved whole by its own form through
/// <see cref="PipelineStageService.ReplaceAsync"/> and <see cref="LeadRuleService"/>, which hold the rules. Their errors show
/// on the rows they are about, and what was typed stays. "Add a row" posts the table back with an empty row and saves nothing.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ManagePipelineName)]
public sealed class StagesModel(PipelineStageService stages, LeadRuleService rules) : PageModel
{
    public const string StagesForm = "stages", ScoringForm = "scoring", AssignmentForm = "assignment";

    public IReadOnlyList<PipelineStage> Current { get; private set; } = [];
    public List<StageRow> StageRows { get; private set; } = [];
    public List<RuleRow> ScoringRows { get; private set; } = [];
    public List<RuleRow> AssignmentRows { get; private set; } = [];

    /// <summary>Errors about a table as a whole, by form.</summary>
    public Dictionary<string, List<string>> Problems { get; } = new();

    [BindProperty(Name = "saved", SupportsGet = true)] public string? Saved { get; set; }

    public string? SavedMessage => Saved switch
    {
        StagesForm => "The stages are saved.",
        ScoringForm => "The scoring rules are saved.",
        AssignmentForm => "The assignment rules are saved.",
        _ => null,
    };

    public IReadOnlyList<string> ProblemsOf(string form) => Problems.TryGetValue(form, out var list) ? list : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStagesAsync([FromForm] string? add, [FromForm] string? won, [FromForm] string? lost, CancellationToken ct)
    {
        await LoadAsync(ct);
        var rows = FormRows.Read(Request.Form, StagesForm, get => new StageRow
        {
            Original = get("original"), Name = get("name"), Position = get("position"), Probability = get("probability"), MoveTo = get("moveTo"),
        });
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Won = won == i.ToString(CultureInfo.InvariantCulture);
            rows[i].Lost = lost == i.ToString(CultureInfo.InvariantCulture);
        }
        StageRows = rows;
        if (add is not null)
        {
            rows.Add(new StageRow { Position = (rows.Count + 1).ToString(CultureInfo.InvariantCulture) });
            return Page();
        }
        var sent = rows.Select((row, index) => (row, index, position: FormRows.Integer(row.Position, row, "position", "The position is a whole number.")))
            .Where(r => !r.row.Remove && !(r.row.IsNew && string.IsNullOrWhiteSpace(r.row.Name)))
            .OrderBy(r => r.position ?? int.MaxValue).ThenBy(r => r.index).Select(r => r.row).ToList();
        var input = sent.Select(r => new PipelineStageInput(r.Name,
            FormRows.Integer(r.Probability, r, "probability", "The probability is a whole number from 0 to 100."), r.Won, r.Lost)).ToList();
        if (rows.Any(r => r.Errors.Count > 0))
        {
            return Invalid();
        }
        // Renaming a stage is leaving the old name out and moving its leads to the new one; a removed stage's leads go where its row says.
        var moveLeads = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(r => !r.IsNew))
        {
            if (row.Remove && row.MoveTo.Length > 0)
            {
                moveLeads[row.Original] = row.MoveTo;
            }
            else if (!row.Remove && row.IsRenamed)
            {
                moveLeads[row.Original] = row.Name.Trim();
            }
        }
        var saved = await stages.ReplaceAsync(input, moveLeads, ct);
        if (saved.Value is not null)
        {
            return Saves(StagesForm);
        }
        var byRow = saved.Errors.Where(e => !e.Key.StartsWith("moveLeads.", StringComparison.Ordinal)).ToDictionary();
        var problems = FormRows.Place(byRow, "stages", sent, rest => rest switch { "name" => "name", "probability" => "probability", "isLost" => "lost", "isWon" => "won", _ => "" });
        foreach (var (key, message) in saved.Errors.Where(e => e.Key.StartsWith("moveLeads.", StringComparison.Ordinal)))
        {
            var stage = key["moveLeads.".Length..];
            if (rows.FirstOrDefault(r => string.Equals(r.Original, stage, StringComparison.OrdinalIgnoreCase)) is { } row)
            {
                row.AddError(row.Remove ? "moveTo" : "name", row.Remove ? message : $"Renaming moves this stage's leads to the new name: {message}");
            }
            else
            {
                problems.Add(message);
            }
        }
        Problems[StagesForm] = problems;
        return Invalid();
    }

    public Task<IActionResult> OnPostScoringAsync([FromForm] string? add, CancellationToken ct) =>
        RulesAsync(ScoringForm, add, rows => ScoringRows = rows, async (sent, token) =>
        {
            var input = sent.Select(r => (ScoringRule?)new ScoringRule(Blank(r.Name), r.When,
                FormRows.Integer(r.Points, r, "points", $"Points are a whole number from -{PipelineLimits.MaxPoints} to {PipelineLimits.MaxPoints}."))).ToList();
            return sent.Any(r => r.Errors.Count > 0) ? null : (await rules.ReplaceScoringAsync(input, token)).Errors;
        }, ct);

    public Task<IActionResult> OnPostAssignmentAsync([FromForm] string? add, CancellationToken ct) =>
        RulesAsync(AssignmentForm, add, rows => AssignmentRows = rows, async (sent, token) =>
            (await rules.ReplaceAssignmentAsync(sent.Select(r => (AssignmentRule?)new AssignmentRule(Blank(r.Name), r.When, Blank(r.User), Blank(r.Role))).ToList(), token)).Errors, ct);

    /// <summary>Reads a rules table, adds a row or saves it through <paramref name="save"/> (null when the form itself was wrong), and shows the errors on their rows.</summary>
    private async Task<IActionResult> RulesAsync(string form, string? add, Action<List<RuleRow>> show,
        Func<List<RuleRow>, CancellationToken, Task<IReadOnlyDictionary<string, string>?>> save, CancellationToken ct)
    {
        await LoadAsync(ct);
        var rows = FormRows.Read(Request.Form, form, get => new RuleRow
        {
            Name = get("name"), Field = get("field"), Operator = get("operator"), Value = get("value"), Points = get("points"), User = get("user"), Role = get("role"),
        });
        show(rows);
        if (add is not null)
        {
            rows.Add(new RuleRow());
            return Page();
        }
        var sent = rows.Where(r => !r.Remove && !r.IsBlank).ToList();
        var errors = await save(sent, ct);
        if (errors is { Count: 0 })
        {
            return Saves(form);
        }
        Problems[form] = errors is null ? [] : FormRows.Place(errors, "rules", sent, rest => rest switch
        {
            "name" => "name", "points" => "points", "user" => "user", "roundRobinRole" => "role",
            "when.field" or "when" => "field", "when.operator" => "operator", "when.value" => "value", _ => "",
        });
        return Invalid();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await stages.ListAsync(ct);
        StageRows = Current.Select(StageRow.Of).ToList();
        ScoringRows = (await rules.ScoringRulesAsync(ct)).Select(RuleRow.Of).ToList();
        AssignmentRows = (await rules.AssignmentRulesAsync(ct)).Select(RuleRow.Of).ToList();
    }

    /// <summary>Post, redirect, get, with a word about what was saved.</summary>
    private RedirectResult Saves(string form) => Redirect(Url.Content($"~{LeadAdminUrls.Stages}?saved={form}#{form}"));

    /// <summary>A form with errors: 400, so that nothing of it is kept.</summary>
    private PageResult Invalid() => new() { StatusCode = StatusCodes.Status400BadRequest };

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
