using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Tenants;

namespace ErpCrm.Ledger.Services;

/// <summary>The journals entries are written in. Enabling the feature creates GEN, SAL, PUR, BNK and CSH; admins add more. A journal
/// with posted entries can be deactivated but never removed (its numbers and hash chain are part of the audit trail).
/// What checks need comes from the tenant's configuration cache (kind <see cref="Kind"/>); a change invalidates it in its transaction.</summary>
public sealed partial class JournalService(IUnitOfWork unitOfWork, ITenantConfigurationCache configuration)
{
    public static readonly ConfigurationKind<FrozenDictionary<string, LedgerJournal>> Kind = new("Ledger.Journals");

    private IReadOnlyDictionary<string, LedgerJournal>? _journals;

    /// <summary>
    /// Every journal by code, cached: what a posting checks. <see cref="LedgerJournal.Posted"/> is 0 here — every posting changes it;
    /// <see cref="ListAsync"/> counts.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, LedgerJournal>> AllAsync(CancellationToken cancellationToken) =>
        _journals ??= await configuration.GetAsync(Kind, async ct => (await ReadAsync(ct)).ToFrozenDictionary(j => j.Code, j => j with { Posted = 0 }, StringComparer.Ordinal),
            cancellationToken);

    /// <summary>Every journal with how many entries it has posted, read from the database.</summary>
    public async Task<IReadOnlyList<LedgerJournal>> ListAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken)).OrderBy(j => j.Code, StringComparer.Ordinal).ToList();

    private async Task<IEnumerable<LedgerJournal>> ReadAsync(CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<JournalRow>(
            "SELECT code AS Code, name AS Name, type AS Type, active AS Active, chain_length AS Posted FROM ledger_journals", cancellationToken: cancellationToken))
        .Select(r => new LedgerJournal(r.Code, r.Name, r.Type, r.Active != 0, r.Posted));

    /// <summary>Creates a journal or changes an existing one's name, type and whether it is active.</summary>
    public async Task<Result<LedgerJournal>> SaveAsync(JournalInput input, string path, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        if (!JournalCode().IsMatch(code))
        {
            errors[$"{path}code"] = "code is required: 1–16 letters or digits (e.g. BNK2).";
        }
        await configuration.InvalidateAsync(Kind, cancellationToken);
        _journals = null;
        var existing = (await ReadAsync(cancellationToken)).FirstOrDefault(j => j.Code == code);
        var name = input.Name?.Trim() ?? existing?.Name ?? "";
        if (name.Length is 0 or > 100)
        {
            errors[$"{path}name"] = "name is required, at most 100 characters.";
        }
        var type = input.Type?.Trim().ToLowerInvariant() ?? existing?.Type ?? "";
        if (!JournalTypes.All.Contains(type))
        {
            errors[$"{path}type"] = $"type must be one of {string.Join(", ", JournalTypes.All)}.";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        var active = input.Active ?? existing?.Active ?? true;
        // A new journal starts with the lock date (postings read it on their journals' rows). The settings row first: a change of the
        // lock date takes it before it sets every journal's, so this reads the lock date that change commits, or that change sees this row.
        await unitOfWork.ExecuteAsync("UPDATE ledger_settings SET lock_date = lock_date WHERE id = 1", cancellationToken: cancellationToken);
        await unitOfWork.ExecuteAsync("""
            INSERT INTO ledger_journals (code, name, type, active, chain_length, lock_date)
            VALUES (@Code, @Name, @Type, @Active, 0, (SELECT lock_date FROM ledger_settings WHERE id = 1))
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, active = excluded.active
            """, new { Code = code, Name = name, Type = type, Active = active ? 1 : 0 }, cancellationToken);
        _journals = null;
        return Result.Done(new LedgerJournal(code, name, type, active, existing?.Posted ?? 0));
    }

    [GeneratedRegex("^[A-Z0-9]{1,16}$")]
    private static partial Regex JournalCode();

    private sealed class JournalRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public int Active { get; init; }
        public long Posted { get; init; }
    }
}
