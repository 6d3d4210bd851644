using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Tenants;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The chart of accounts: a tree (an account's parent has the same type) keyed by code. A code never changes; an account with lines
/// keeps its type and currency (its balance means what they say) and is archived rather than removed. The chart comes from the
/// tenant's configuration cache (kind <see cref="Kind"/>), kept for the unit of work; a change reads it from the database and
/// invalidates the cache in its transaction.
/// </summary>
public sealed partial class AccountService(IUnitOfWork unitOfWork, LedgerSettingsService settings, ITenantConfigurationCache configuration)
{
    public const int MaxCodeLength = 32, MaxNameLength = 200;

    public static readonly ConfigurationKind<FrozenDictionary<string, LedgerAccount>> Kind = new("Ledger.Accounts");

    private IReadOnlyDictionary<string, LedgerAccount>? _accounts;

    /// <summary>Every account by code.</summary>
    public async Task<IReadOnlyDictionary<string, LedgerAccount>> AllAsync(CancellationToken cancellationToken) =>
        _accounts ??= await configuration.GetAsync(Kind, async ct => (await unitOfWork.QueryAsync<AccountRow>(
                "SELECT code AS Code, name AS Name, type AS Type, subtype AS Subtype, parent_code AS Parent, currency AS Currency, active AS Active FROM ledger_accounts",
                cancellationToken: ct))
            .ToFrozenDictionary(r => r.Code, r => new LedgerAccount(r.Code, r.Name, r.Type, r.Subtype, r.Parent, r.Currency, r.Active != 0), StringComparer.Ordinal),
            cancellationToken);

    /// <summary>Before a change of the chart: invalidates the cache with it, and reads the chart from the database from now on.</summary>
    private async Task ChangingAsync(CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(Kind, cancellationToken);
        _accounts = null;
    }

    /// <summary>The chart in tree order: each account followed by its children, siblings by code; with each one's depth.</summary>
    public async Task<IReadOnlyList<(LedgerAccount Account, int Depth)>> TreeAsync(CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        var children = all.Values.ToLookup(a => a.Parent is not null && all.ContainsKey(a.Parent) ? a.Parent : null);
        var ordered = new List<(LedgerAccount, int)>(all.Count);
        void Walk(string? parent, int depth)
        {
            foreach (var account in children[parent].OrderBy(a => a.Code, StringComparer.Ordinal))
            {
                ordered.Add((account, depth));
                Walk(account.Code, depth + 1);
            }
        }
        Walk(null, 0);
        return ordered;
    }

    public async Task<LedgerAccount?> FindAsync(string code, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).GetValueOrDefault(code);

    /// <summary>Adds an account; <paramref name="path"/> prefixes the error keys (a recipe's <c>accounts[3].</c>).</summary>
    public async Task<Result<LedgerAccount>> CreateAsync(AccountInput input, string path, CancellationToken cancellationToken)
    {
        await ChangingAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        var code = input.Code?.Trim() ?? "";
        if (!AccountCode().IsMatch(code))
        {
            errors[$"{path}code"] = $"code is required: 1–{MaxCodeLength} letters, digits, '.', '-' or '_'.";
        }
        var all = await AllAsync(cancellationToken);
        if (errors.Count == 0 && all.ContainsKey(code))
        {
            return Result.Conflict($"There is already an account {code}.", $"{path}code");
        }
        var account = await CheckAsync(new LedgerAccount(code, input.Name?.Trim() ?? "", input.Type?.Trim().ToLowerInvariant() ?? "",
            Blank(input.Subtype)?.ToLowerInvariant(), Blank(input.Parent), Blank(input.Currency)?.ToUpperInvariant(), input.Active ?? true), path, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        await unitOfWork.ExecuteAsync("""
            INSERT INTO ledger_accounts (code, name, type, subtype, parent_code, currency, active)
            VALUES (@Code, @Name, @Type, @Subtype, @Parent, @Currency, @Active)
            """, Row(account), cancellationToken);
        _accounts = null;
        return Result.Done(account);
    }

    /// <summary>Changes an account: what the input leaves out stays. Type and currency are fixed once the account has lines.</summary>
    public async Task<Result<LedgerAccount>> UpdateAsync(string code, AccountInput input, string path, CancellationToken cancellationToken)
    {
        await ChangingAsync(cancellationToken);
        if (await FindAsync(code, cancellationToken) is not { } current)
        {
            return Result.NotFound($"There is no account {code}.");
        }
        var errors = new Dictionary<string, string>();
        if (input.Code is { } newCode && newCode.Trim() != code)
        {
            errors[$"{path}code"] = "An account's code never changes; create a new account and archive this one.";
        }
        var changed = current with
        {
            Name = input.Name?.Trim() ?? current.Name,
            Type = input.Type?.Trim().ToLowerInvariant() ?? current.Type,
            Subtype = input.Subtype is null ? current.Subtype : Blank(input.Subtype)?.ToLowerInvariant(),
            Parent = input.Parent is null ? current.Parent : Blank(input.Parent),
            Currency = input.Currency is null ? current.Currency : Blank(input.Currency)?.ToUpperInvariant(),
            Active = input.Active ?? current.Active,
        };
        changed = await CheckAsync(changed, path, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        if ((changed.Type != current.Type || changed.Currency != current.Currency) && await HasLinesAsync(code, cancellationToken))
        {
            return Result.Conflict($"Account {code} has journal lines: its type and currency stay as they are.",
                changed.Type != current.Type ? $"{path}type" : $"{path}currency");
        }
        if (changed.Type != current.Type && (await AllAsync(cancellationToken)).Values.Any(a => a.Parent == code))
        {
            return Result.Conflict($"Account {code} has sub-accounts of type {current.Type}: change theirs first.", $"{path}type");
        }
        await unitOfWork.ExecuteAsync("""
            UPDATE ledger_accounts SET name = @Name, type = @Type, subtype = @Subtype, parent_code = @Parent, currency = @Currency, active = @Active
            WHERE code = @Code
            """, Row(changed), cancellationToken);
        _accounts = null;
        return Result.Done(changed);
    }

    /// <summary>Creates the account or, when it exists, changes it to match (what a recipe re-run needs).</summary>
    public async Task<Result<LedgerAccount>> SaveAsync(AccountInput input, string path, CancellationToken cancellationToken) =>
        input.Code is { } code && await FindAsync(code.Trim(), cancellationToken) is not null
            ? await UpdateAsync(code.Trim(), input with { Code = null }, path, cancellationToken)
            : await CreateAsync(input, path, cancellationToken);

    private async Task<bool> HasLinesAsync(string code, CancellationToken cancellationToken) =>
        await unitOfWork.QuerySingleOrDefaultAsync<long?>("SELECT 1 FROM ledger_lines WHERE account_code = @Code LIMIT 1", new { Code = code }, cancellationToken) is not null;

    private async Task<LedgerAccount> CheckAsync(LedgerAccount account, string path, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (account.Name.Length is 0 or > MaxNameLength)
        {
            errors[$"{path}name"] = $"name is required, at most {MaxNameLength} characters.";
        }
        if (!AccountTypes.All.Contains(account.Type))
        {
            errors[$"{path}type"] = $"type must be one of {string.Join(", ", AccountTypes.All)}.";
        }
        else if (account.Subtype is not null && !AccountSubtypes.ByType[account.Type].Contains(account.Subtype))
        {
            errors[$"{path}subtype"] = $"subtype of an {account.Type} account is one of {string.Join(", ", AccountSubtypes.ByType[account.Type])} (or left out).";
        }
        var all = await AllAsync(cancellationToken);
        if (account.Parent is not null)
        {
            if (!all.TryGetValue(account.Parent, out var parent))
            {
                errors[$"{path}parent"] = $"parent {account.Parent} is not an account.";
            }
            else if (parent.Type != account.Type && AccountTypes.All.Contains(account.Type))
            {
                errors[$"{path}parent"] = $"parent {parent.Code} is an {parent.Type} account; a sub-account has its parent's type ({account.Type} given).";
            }
            else
            {
                for (var at = parent; at is not null; at = at.Parent is null ? null : all.GetValueOrDefault(at.Parent))
                {
                    if (at.Code == account.Code)
                    {
                        errors[$"{path}parent"] = $"parent {account.Parent} is under {account.Code}: the tree would loop.";
                        break;
                    }
                }
            }
        }
        if (account.Currency is not null)
        {
            var currencies = await settings.CurrenciesAsync(cancellationToken);
            if (!currencies.ContainsKey(account.Currency))
            {
                errors[$"{path}currency"] = $"currency {account.Currency} is not one of the ledger's currencies ({string.Join(", ", currencies.Keys)}).";
            }
        }
        return account;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object Row(LedgerAccount a) => new { a.Code, a.Name, a.Type, a.Subtype, a.Parent, a.Currency, Active = a.Active ? 1 : 0 };

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,32}$")]
    private static partial Regex AccountCode();

    private sealed class AccountRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string? Subtype { get; init; }
        public string? Parent { get; init; }
        public string? Currency { get; init; }
        public int Active { get; init; }
    }
}
