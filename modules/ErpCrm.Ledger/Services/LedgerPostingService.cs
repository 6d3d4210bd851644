using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Security;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Posts journal entries. Other modules (inventory valuation, procurement billing) call it inside their own unit of work, so their
/// change and its entry commit together or not at all; a failure comes back as a result, and the caller's command must fail with it.
/// </summary>
public interface ILedgerPostingService
{
    /// <summary>Checks and posts one entry: numbered, chained, in the balances; raises <see cref="EntryPosted"/>.</summary>
    Task<Result<LedgerEntry>> PostAsync(EntryDraft entry, CancellationToken cancellationToken);

    /// <summary>Checks every entry, then posts them all or none (errors keyed <c>entries[i].…</c>).</summary>
    Task<Result<IReadOnlyList<LedgerEntry>>> PostBatchAsync(IReadOnlyList<EntryDraft> entries, CancellationToken cancellationToken);

    /// <summary>Posts the mirror of a posted entry on <paramref name="date"/>, linked both ways; raises <see cref="EntryReversed"/>.</summary>
    Task<Result<LedgerEntry>> ReverseAsync(long entryId, DateOnly date, CancellationToken cancellationToken);
}

/// <summary>
/// The ledger's invariants, kept here and enforced again by the database where it can:
/// 1. A posted entry balances: its base debits equal its base credits, above zero, over at least two lines; an entry all in one
///    foreign currency balances in that currency too. Every line has a debit or a credit, never both (CHECK constraints).
/// 2. Posted entries and lines never change and are never deleted (triggers on both engines). Corrections are reversals, at most
///    one per entry (a unique index).
/// 3. Numbers run 1, 2, 3… per journal and fiscal year without gaps or repeats: the counter row is advanced in the posting
///    transaction (a rollback gives the number back) and a unique index backs it.
/// 4. Each journal's posted entries form a hash chain (<see cref="EntryHash"/>) whose head is advanced in the same transaction.
/// 5. <c>ledger_balances</c> equals the sum of posted lines per account and day, written in the posting transaction.
/// 6. Nothing is posted on or before the lock date or into a closed fiscal year; accounts must be active, journals active.
/// Checks run before the first write, so a refused entry writes nothing.
/// </summary>
public sealed class LedgerPostingService(IUnitOfWork unitOfWork, EntryQueries queries, FiscalYearService years, TimeProvider clock,
    ICurrentActor actor, LedgerSettingsService settings, AccountService accounts, JournalService journals, Contacts.Services.ContactIndexQueries contacts)
    : ILedgerPostingService
{
    private readonly EntryChecker _checker = new(settings, accounts, journals, years, contacts);
    private readonly LedgerWriter _writer = new(unitOfWork, clock);

    private string? User => actor.Actor.UserKey;

    public Task<Result<LedgerEntry>> PostAsync(EntryDraft entry, CancellationToken cancellationToken) => CreateAsync(entry, post: true, cancellationToken);

    /// <summary>Creates an entry as a draft, or posts it at once.</summary>
    public async Task<Result<LedgerEntry>> CreateAsync(EntryDraft entry, bool post, CancellationToken cancellationToken)
    {
        var result = await WriteAsync([entry], post, "", cancellationToken);
        return result.Status == ResultStatus.Done ? Result.Done(result.Value![0]) : result.Failure!;
    }

    public Task<Result<IReadOnlyList<LedgerEntry>>> PostBatchAsync(IReadOnlyList<EntryDraft> entries, CancellationToken cancellationToken) =>
        WriteAsync(entries, post: true, null, cancellationToken);

    /// <summary>Writes entries all or none; <paramref name="path"/> null keys errors by <c>entries[i].</c>.</summary>
    private async Task<Result<IReadOnlyList<LedgerEntry>>> WriteAsync(IReadOnlyList<EntryDraft> entries, bool post, string? path, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var prepared = new List<LedgerWriter.Prepared>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (await _checker.CheckAsync(entries[i], post, path ?? $"entries[{i}].", errors, cancellationToken) is { } entry)
            {
                prepared.Add(entry);
            }
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        if (!post)
        {
            return Result.Done(await _writer.InsertDraftsAsync(prepared, User, cancellationToken));
        }
        var (closed, heads) = await ClosedPeriodAsync(prepared, path, cancellationToken);
        if (closed is not null)
        {
            return closed.Failure!;
        }
        return Result.Done(await PostPreparedAsync(prepared, null, heads, cancellationToken));
    }

    /// <summary>
    /// For an entry that did not read whole: adds the problems with what it refers to — journal, accounts, contacts — that the checks
    /// find, for fields the reading did not already fault. Amount and balance checks are left out: they would only echo the reading's.
    /// </summary>
    public async Task AddReferenceProblemsAsync(EntryDraft partial, string path, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>();
        await _checker.CheckAsync(partial, posting: false, path, found, cancellationToken);
        foreach (var (key, message) in found)
        {
            var reference = key == $"{path}journal" || key.EndsWith(".account", StringComparison.Ordinal) || key.EndsWith(".contactId", StringComparison.Ordinal);
            if (reference && !errors.ContainsKey(key[..Math.Max(0, key.LastIndexOf('.'))]))
            {
                errors.TryAdd(key, message);
            }
        }
    }

    /// <summary>Changes a draft (its version must match: someone else's change in between is a conflict).</summary>
    public async Task<Result<LedgerEntry>> UpdateDraftAsync(long id, int? expectedVersion, EntryDraft entry, CancellationToken cancellationToken)
    {
        if (await DraftAsync(id, expectedVersion, cancellationToken) is { Status: not ResultStatus.Done } failed)
        {
            return failed;
        }
        var errors = new Dictionary<string, string>();
        if (await _checker.CheckAsync(entry, posting: false, "", errors, cancellationToken) is not { } prepared)
        {
            return Result.Invalid(errors);
        }
        if (!await ClaimAsync(id, expectedVersion, cancellationToken))
        {
            return Changed(id);
        }
        await _writer.ReplaceDraftAsync(id, prepared, cancellationToken);
        return Result.Done((await queries.GetAsync(id, cancellationToken))!);
    }

    /// <summary>Deletes a draft; a posted entry is never deleted (reverse it).</summary>
    public async Task<Result<bool>> DeleteDraftAsync(long id, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (await DraftAsync(id, expectedVersion, cancellationToken) is { Status: not ResultStatus.Done } failed)
        {
            return failed.Failure!;
        }
        if (!await ClaimAsync(id, expectedVersion, cancellationToken))
        {
            return Changed(id).Failure!;
        }
        await unitOfWork.ExecuteAsync("DELETE FROM ledger_lines WHERE entry_id = @Id", new { Id = id }, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM ledger_entries WHERE id = @Id AND state = 'draft'", new { Id = id }, cancellationToken);
        return Result.Done(true);
    }

    /// <summary>Posts a draft as it is stored. Two posts of one draft at once: the first wins, the other is a conflict.</summary>
    public async Task<Result<LedgerEntry>> PostDraftAsync(long id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var read = await DraftAsync(id, expectedVersion, cancellationToken);
        if (read.Status != ResultStatus.Done)
        {
            return read;
        }
        var draft = read.Value!;
        var errors = new Dictionary<string, string>();
        var asDraft = new EntryDraft(draft.Journal, draft.Date, draft.Reference, draft.Lines.Select(l => new LineDraft(l.Account, l.Debit, l.Credit)
        {
            Currency = l.Currency, AmountCurrency = l.AmountCurrency, ContactId = l.ContactId, Description = l.Description,
        }).ToList()) { DueDate = draft.DueDate };
        if (await _checker.CheckAsync(asDraft, posting: true, "", errors, cancellationToken) is not { } prepared)
        {
            return Result.Invalid(errors);
        }
        var (closed, heads) = await ClosedPeriodAsync([prepared], "", cancellationToken);
        if (closed is not null)
        {
            return closed;
        }
        // The claim is the first write: it locks the draft's row, and a concurrent post finds it no longer a draft at this version.
        if (!await ClaimAsync(id, draft.Version, cancellationToken))
        {
            return Changed(id);
        }
        var posted = await PostPreparedAsync([prepared], [(id, draft.CreatedUtc, draft.CreatedBy)], heads, cancellationToken);
        return Result.Done(posted[0] with { Version = draft.Version + 1, Lines = draft.Lines });
    }

    public async Task<Result<LedgerEntry>> ReverseAsync(long entryId, DateOnly date, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(entryId, cancellationToken) is not { } original)
        {
            return Result.NotFound($"There is no journal entry {entryId}.");
        }
        if (!original.IsPosted)
        {
            return Result.Conflict($"Entry {entryId} is a draft: change or delete it instead of reversing it.");
        }
        if (original.ReversedBy is { } already)
        {
            return Result.Conflict($"Entry {original.Number} is already reversed by entry {already}.");
        }
        if (original.ReversalOf is not null || original.IsClosing)
        {
            return Result.Conflict(original.IsClosing
                ? $"Entry {original.Number} closes a fiscal year and is not reversed."
                : $"Entry {original.Number} is itself a reversal; post a new entry instead.");
        }
        if (date < original.Date)
        {
            return Result.Invalid("date", $"A reversal is dated on or after the entry it reverses ({LedgerDates.Text(original.Date)}).");
        }
        var mirror = new EntryDraft(original.Journal, date, $"Reversal of {original.Number}", original.Lines.Select(l => new LineDraft(l.Account, l.Credit, l.Debit)
        {
            Currency = l.Currency, AmountCurrency = -l.AmountCurrency, ContactId = l.ContactId, Description = l.Description,
        }).ToList());
        var errors = new Dictionary<string, string>();
        if (await _checker.CheckAsync(mirror, posting: true, "", errors, cancellationToken, reversalOf: entryId) is not { } prepared)
        {
            return Result.Invalid(errors);
        }
        var (closed, heads) = await ClosedPeriodAsync([prepared], "", cancellationToken);
        if (closed is not null)
        {
            return closed;
        }
        IReadOnlyList<LedgerEntry> reversal;
        try
        {
            reversal = await PostPreparedAsync([prepared], null, heads, cancellationToken, publish: false);
        }
        catch (Exception e) when (unitOfWork.Dialect.IsUniqueViolation(e))
        {
            // Another reversal of the same entry committed first; nothing of this one may stay.
            await unitOfWork.RollbackAsync(cancellationToken);
            return Result.Conflict($"Entry {original.Number} is already reversed.");
        }
        await unitOfWork.PublishAsync(new EntryReversed(original with { ReversedBy = reversal[0].Id }, reversal[0]), cancellationToken);
        return Result.Done(reversal[0]);
    }

    /// <summary>Posts the year-end closing entry (the close checks the year itself; the lock date does not apply to it).</summary>
    internal async Task<Result<LedgerEntry>> PostClosingAsync(EntryDraft entry, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (await _checker.CheckAsync(entry, posting: true, "", errors, cancellationToken, isClosing: true) is not { } prepared)
        {
            return Result.Invalid(errors);
        }
        var heads = await _writer.LockJournalsAsync([prepared.Draft.Journal], cancellationToken);
        return Result.Done((await PostPreparedAsync([prepared], null, heads, cancellationToken))[0]);
    }

    private async Task<IReadOnlyList<LedgerEntry>> PostPreparedAsync(IReadOnlyList<LedgerWriter.Prepared> prepared,
        IReadOnlyList<(long, DateTimeOffset, string?)>? drafts, IReadOnlyDictionary<string, LedgerWriter.JournalHead> heads, CancellationToken cancellationToken,
        bool publish = true)
    {
        foreach (var year in prepared.Select(p => p.Year).DistinctBy(y => y.Name))
        {
            await years.EnsureAsync(year.Start, cancellationToken);
        }
        var posted = await _writer.PostAsync(prepared, drafts, User, heads, cancellationToken);
        if (publish)
        {
            foreach (var entry in posted)
            {
                await unitOfWork.PublishAsync(new EntryPosted(entry), cancellationToken);
            }
        }
        return posted;
    }

    /// <summary>
    /// Takes the rows of the entries' journals for this transaction (<see cref="LedgerWriter.LockJournalsAsync"/>), then answers why
    /// nothing can be posted on one of the dates by the lock date read on them, or null and the journals' heads to post with.
    /// </summary>
    private async Task<(Result<LedgerEntry>? Closed, IReadOnlyDictionary<string, LedgerWriter.JournalHead> Heads)> ClosedPeriodAsync(
        IReadOnlyList<LedgerWriter.Prepared> prepared, string? path, CancellationToken cancellationToken)
    {
        var heads = await _writer.LockJournalsAsync(prepared.Select(p => p.Draft.Journal), cancellationToken);
        // Every journal's row carries the same lock date (set on all of them together); the latest is the safe one to read.
        var lockDate = heads.Values.Max(h => h.LockDate);
        if (await _checker.PeriodClosedAsync(prepared.Select(p => p.Draft.Date).ToList(), lockDate, cancellationToken) is not { } closed)
        {
            return (null, heads);
        }
        return (Result.Conflict(closed.Reason, $"{path ?? $"entries[{closed.Index}]."}date"), heads);
    }

    private async Task<Result<LedgerEntry>> DraftAsync(long id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var entry = await queries.GetAsync(id, cancellationToken);
        if (entry is null)
        {
            return Result.NotFound($"There is no journal entry {id}.");
        }
        if (entry.IsPosted)
        {
            return Result.Conflict($"Entry {entry.Number} is posted: posted entries never change; reverse it instead.");
        }
        if (expectedVersion is { } version && version != entry.Version)
        {
            return Changed(id);
        }
        return Result.Done(entry);
    }

    /// <summary>Takes the draft's row for this transaction (bumping its version) if it is still the draft at the version read.</summary>
    private async Task<bool> ClaimAsync(long id, int? version, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(version is null
            ? "UPDATE ledger_entries SET version = version + 1 WHERE id = @Id AND state = 'draft'"
            : "UPDATE ledger_entries SET version = version + 1 WHERE id = @Id AND state = 'draft' AND version = @Version",
            new { Id = id, Version = version }, cancellationToken) == 1;

    private static Result<LedgerEntry> Changed(long id) =>
        Result.Conflict($"Entry {id} changed since it was read (posted, edited or deleted by someone else): read it again.");
}
