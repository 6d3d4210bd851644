using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;

namespace ErpCrm.Tests.Modules.Services;

/// <summary>Logs the ledger's events inside the posting transaction.</summary>
public sealed class LedgerEventLog(IUnitOfWork unitOfWork) : IDomainEventHandler<EntryPosted>, IDomainEventHandler<EntryReversed>
{
    public Task HandleAsync(EntryPosted domainEvent, CancellationToken cancellationToken) =>
        LogAsync("posted", $"{domainEvent.Entry.Number} {domainEvent.Entry.Total}", cancellationToken);

    public Task HandleAsync(EntryReversed domainEvent, CancellationToken cancellationToken) =>
        LogAsync("reversed", $"{domainEvent.Original.Number} by {domainEvent.Reversal.Number}", cancellationToken);

    private Task LogAsync(string name, string detail, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("INSERT INTO test_ledger_events (event, detail) VALUES (@name, @detail)", new { name, detail }, cancellationToken);
}

/// <summary>What another module does: its own write and a journal entry, in one unit of work.</summary>
public sealed class NoteWithEntry(NoteService notes, ILedgerPostingService ledger)
{
    public async Task<Result<LedgerEntry>> AddAsync(string text, EntryDraft entry, CancellationToken cancellationToken)
    {
        await notes.AddAsync(text, cancellationToken);
        return await ledger.PostAsync(entry, cancellationToken);
    }
}
