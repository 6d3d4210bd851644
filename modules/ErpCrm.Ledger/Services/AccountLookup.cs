using ErpCrm.Admin;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Accounts as pickers show them (<see cref="LookupItem"/>: the code, <c>1200 Receivables</c>, the type): those whose code starts
/// with the text typed come first, then those whose name holds it, each group in the chart's order. Read from the tenant's cached
/// chart, so a keystroke costs no query.
/// </summary>
public sealed class AccountLookup(AccountService accounts)
{
    /// <summary>Up to <see cref="Lookups.MaxResults"/> accounts matching <paramref name="text"/> (the chart's first ones when it is empty).</summary>
    public async Task<IReadOnlyList<LookupItem>> SearchAsync(string text, CancellationToken cancellationToken)
    {
        var tree = await accounts.TreeAsync(cancellationToken);
        var byCode = tree.Where(a => a.Account.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase));
        var byName = tree.Where(a => !a.Account.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase)
            && a.Account.Name.Contains(text, StringComparison.OrdinalIgnoreCase));
        return byCode.Concat(byName).Take(Lookups.MaxResults).Select(a => Item(a.Account)).ToList();
    }

    /// <summary>What a picker shows for the account <paramref name="code"/>: its code and name, or null when there is no such account.</summary>
    public async Task<string?> LabelAsync(string? code, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(code) ? null : await accounts.FindAsync(code.Trim(), cancellationToken) is { } account ? Label(account) : null;

    /// <summary>How a picker names an account: its code, then its name.</summary>
    public static string Label(LedgerAccount account) => $"{account.Code} {account.Name}";

    private static LookupItem Item(LedgerAccount account) =>
        new(account.Code, Label(account), account.Active ? account.Type : $"{account.Type} · archived");
}
