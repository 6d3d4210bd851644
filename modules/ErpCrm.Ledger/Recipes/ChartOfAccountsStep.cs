using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>
/// <c>{"name": "ChartOfAccounts", "accounts": [{"code", "name", "type", "subtype"?, "parent"?, "currency"?, "active"?}],
/// "journals"?: [{"code", "name", "type", "active"?}], "fiscalYearStartMonth"?: 1, "lockDate"?: "2025-12-31" | null}</c>.
/// Creates each account or brings it up to date (what an account leaves out stays as it is), parents before their children
/// whatever the order in the list; a parent is an account of the step or one the chart already has. Then the journals, then
/// the settings given (<c>"lockDate": null</c> removes the lock date; leaving it out keeps it).
/// </summary>
public sealed class ChartOfAccountsStep(AccountService accounts, JournalService journals, LedgerSettingsService settings) : LedgerRecipeStep<ChartOfAccountsStep.Chart>
{
    public const string StepName = "ChartOfAccounts";

    public override string Name => StepName;

    public sealed record AccountLine(string Path, string Code, string Name, string Type, string? Subtype, string? Parent, string? Currency, bool? Active);

    public sealed record JournalLine(string Path, string Code, string Name, string Type, bool? Active);

    /// <param name="LockDate">The lock date to set, "" to remove it, null to leave it.</param>
    public sealed record Chart(IReadOnlyList<AccountLine> Accounts, IReadOnlyList<JournalLine> Journals, int? FiscalYearStartMonth, string? LockDate);

    private protected override async Task ApplyAsync(Chart chart, RecipeStepReader reader, CancellationToken cancellationToken)
    {
        foreach (var account in ParentsFirst(chart.Accounts))
        {
            var input = new AccountInput(account.Code, account.Name, account.Type, account.Subtype, account.Parent, account.Currency, account.Active);
            if (!reader.Report(await accounts.SaveAsync(input, account.Path, cancellationToken)))
            {
                return;
            }
        }
        foreach (var journal in chart.Journals)
        {
            if (!reader.Report(await journals.SaveAsync(new JournalInput(journal.Code, journal.Name, journal.Type, journal.Active), journal.Path, cancellationToken)))
            {
                return;
            }
        }
        if (chart.LockDate is not null || chart.FiscalYearStartMonth is not null)
        {
            reader.Report(await settings.UpdateAsync(null, chart.LockDate, chart.FiscalYearStartMonth, cancellationToken));
        }
    }

    /// <summary>The step's accounts, each after its parent when the parent is in the step too (the step's order otherwise).</summary>
    private static List<AccountLine> ParentsFirst(IReadOnlyList<AccountLine> lines)
    {
        var byCode = lines.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<AccountLine>(lines.Count);
        foreach (var line in lines)
        {
            // Climb to the highest ancestor not placed yet, then place the chain top-down (Read refused loops).
            var chain = new Stack<AccountLine>();
            for (var at = line; at is not null && !placed.Contains(at.Code); at = at.Parent is null ? null : byCode.GetValueOrDefault(at.Parent))
            {
                chain.Push(at);
            }
            while (chain.TryPop(out var next))
            {
                placed.Add(next.Code);
                ordered.Add(next);
            }
        }
        return ordered;
    }

    private protected override Chart Read(RecipeStepReader reader)
    {
        var accounts = ReadAccounts(reader);
        CheckTree(reader, accounts);
        var journals = ReadJournals(reader);
        var month = reader.Integer(reader.Step, "", "fiscalYearStartMonth");
        if (month is < 1 or > 12)
        {
            reader.Error(RecipeStepReader.Field(reader.Step, "fiscalYearStartMonth").Name, "fiscalYearStartMonth must be a month from 1 to 12.");
        }
        string? lockDate = null;
        var (lockName, lockNode, lockGiven) = RecipeStepReader.Field(reader.Step, "lockDate");
        if (lockGiven)
        {
            lockDate = lockNode is null ? "" : reader.Text(reader.Step, "", "lockDate");
            if (lockDate is not null && lockDate.Length > 0 && LedgerDates.Accept(lockDate) is null)
            {
                reader.Error(lockName, LedgerDates.Refusal("lockDate", lockDate, "lockDate must be a date (yyyy-MM-dd), or null for none."));
            }
        }
        return new Chart(accounts, journals, month, lockDate);
    }

    private static List<AccountLine> ReadAccounts(RecipeStepReader reader)
    {
        var lines = new List<AccountLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in reader.Objects("accounts", required: true))
        {
            var code = reader.Text(item, path, "code", required: true)?.Trim();
            var name = reader.Text(item, path, "name", required: true)?.Trim();
            var type = reader.Text(item, path, "type", required: true)?.Trim().ToLowerInvariant();
            var subtype = Blank(reader.Text(item, path, "subtype"))?.ToLowerInvariant();
            var parent = Blank(reader.Text(item, path, "parent"));
            var currency = Blank(reader.Text(item, path, "currency"))?.ToUpperInvariant();
            var active = reader.Flag(item, path, "active");
            if (code is not null && !AccountService.IsAccountCode(code))
            {
                reader.Error(path + RecipeStepReader.Field(item, "code").Name, $"code must be 1–{AccountService.MaxCodeLength} letters, digits, '.', '-' or '_'.");
            }
            else if (code is not null && !seen.Add(code))
            {
                reader.Error(path + RecipeStepReader.Field(item, "code").Name, $"account {code} is listed twice.");
            }
            if (name is { Length: > AccountService.MaxNameLength })
            {
                reader.Error(path + RecipeStepReader.Field(item, "name").Name, $"name is at most {AccountService.MaxNameLength} characters.");
            }
            if (type is not null && !AccountTypes.All.Contains(type))
            {
                reader.Error(path + RecipeStepReader.Field(item, "type").Name, $"type '{type}' is not one of {string.Join(", ", AccountTypes.All)}.");
            }
            else if (type is not null && subtype is not null && !AccountSubtypes.ByType[type].Contains(subtype))
            {
                reader.Error(path + RecipeStepReader.Field(item, "subtype").Name,
                    $"subtype '{subtype}' is not one an {type} account has: {string.Join(", ", AccountSubtypes.ByType[type])} (or left out).");
            }
            if (parent is not null && !AccountService.IsAccountCode(parent))
            {
                reader.Error(path + RecipeStepReader.Field(item, "parent").Name, $"parent '{parent}' is not an account code.");
            }
            if (currency is not null && !LedgerSettingsService.IsCurrencyCode(currency))
            {
                reader.Error(path + RecipeStepReader.Field(item, "currency").Name, "currency must be three letters (ISO 4217, e.g. USD).");
            }
            if (code is not null && name is not null && type is not null)
            {
                lines.Add(new AccountLine(path, code, name, type, subtype, parent, currency, active));
            }
        }
        return lines;
    }

    /// <summary>Within the step: a parent has its child's type, and following parents never comes back to where it started.</summary>
    private static void CheckTree(RecipeStepReader reader, IReadOnlyList<AccountLine> lines)
    {
        var byCode = new Dictionary<string, AccountLine>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            byCode.TryAdd(line.Code, line);
        }
        foreach (var line in lines)
        {
            if (line.Parent is null || !byCode.TryGetValue(line.Parent, out var parent))
            {
                continue;
            }
            var at = line.Path + "parent";
            if (parent.Type != line.Type && AccountTypes.All.Contains(line.Type) && AccountTypes.All.Contains(parent.Type))
            {
                reader.Error(at, $"parent {parent.Code} is an {parent.Type} account; a sub-account has its parent's type ({line.Type} given).");
            }
            var visited = new HashSet<string>(StringComparer.Ordinal) { line.Code };
            for (var up = parent; up is not null; up = up.Parent is null ? null : byCode.GetValueOrDefault(up.Parent))
            {
                if (!visited.Add(up.Code))
                {
                    if (up.Code == line.Code)
                    {
                        reader.Error(at, $"parent {line.Parent} is under {line.Code} (through {string.Join(" > ", Chain(line, byCode))}): the tree would loop.");
                    }
                    break;
                }
            }
        }
    }

    /// <summary>The codes from an account up its parents until one repeats, for a loop's message.</summary>
    private static IEnumerable<string> Chain(AccountLine start, Dictionary<string, AccountLine> byCode)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var at = start; at is not null && seen.Add(at.Code); at = at.Parent is null ? null : byCode.GetValueOrDefault(at.Parent))
        {
            yield return at.Code;
        }
        yield return start.Code;
    }

    private static List<JournalLine> ReadJournals(RecipeStepReader reader)
    {
        var lines = new List<JournalLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in reader.Objects("journals", required: false))
        {
            var code = reader.Text(item, path, "code", required: true)?.Trim().ToUpperInvariant();
            var name = reader.Text(item, path, "name", required: true)?.Trim();
            var type = reader.Text(item, path, "type", required: true)?.Trim().ToLowerInvariant();
            var active = reader.Flag(item, path, "active");
            if (code is not null && !JournalService.IsJournalCode(code))
            {
                reader.Error(path + RecipeStepReader.Field(item, "code").Name, "code must be 1–16 letters or digits (e.g. BNK2).");
            }
            else if (code is not null && !seen.Add(code))
            {
                reader.Error(path + RecipeStepReader.Field(item, "code").Name, $"journal {code} is listed twice.");
            }
            if (name is { Length: > 100 })
            {
                reader.Error(path + RecipeStepReader.Field(item, "name").Name, "name is at most 100 characters.");
            }
            if (type is not null && !JournalTypes.All.Contains(type))
            {
                reader.Error(path + RecipeStepReader.Field(item, "type").Name, $"type '{type}' is not one of {string.Join(", ", JournalTypes.All)}.");
            }
            if (code is not null && name is not null && type is not null)
            {
                lines.Add(new JournalLine(path, code, name, type, active));
            }
        }
        return lines;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
