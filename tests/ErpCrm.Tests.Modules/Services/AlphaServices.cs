using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;

namespace ErpCrm.Tests.Modules.Services;

/// <summary>Raised when a note is added.</summary>
public sealed record NoteAdded(long NoteId) : IDomainEvent;

public sealed class NoteService(IUnitOfWork unitOfWork)
{
    public const string Topic = "test.note-added";

    public async Task<long> AddAsync(string text, CancellationToken cancellationToken)
    {
        var id = await unitOfWork.ExecuteScalarAsync<long>("INSERT INTO test_notes (text) VALUES (@text) RETURNING id", new { text }, cancellationToken);
        await unitOfWork.PublishAsync(new NoteAdded(id), cancellationToken);
        await unitOfWork.EnqueueAsync(Topic, new { noteId = id }, cancellationToken);
        if (text == "fail-after-events")
        {
            throw new InvalidOperationException("The test asked this write to fail after its events.");
        }
        return id;
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<string>("SELECT text FROM test_notes ORDER BY id", null, cancellationToken);

    public Task<IReadOnlyList<string>> LogAsync(CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<string>("SELECT source FROM test_note_log ORDER BY id", null, cancellationToken);
}

/// <summary>Records feature events in Alpha's table, while Alpha is on.</summary>
public sealed class AlphaFeatureEvents(IUnitOfWork unitOfWork) : IFeatureEventHandler
{
    public Task EnablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => RecordAsync(feature, "enabling", cancellationToken);
    public Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => RecordAsync(feature, "enabled", cancellationToken);
    public Task DisablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => RecordAsync(feature, "disabling", cancellationToken);
    public Task DisabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => RecordAsync(feature, "disabled", cancellationToken);

    private Task RecordAsync(IFeatureInfo feature, string name, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("INSERT INTO test_feature_events (feature_id, event) VALUES (@id, @name)", new { id = feature.Id, name }, cancellationToken);
}

/// <summary>Beta's handler of Alpha's event: runs inside the transaction that added the note, only while Beta is on.</summary>
public sealed class BetaNoteHandler(IUnitOfWork unitOfWork) : IDomainEventHandler<NoteAdded>
{
    public Task HandleAsync(NoteAdded domainEvent, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("INSERT INTO test_note_log (source, note_id) VALUES ('beta-event', @id)", new { id = domainEvent.NoteId }, cancellationToken);
}

/// <summary>
/// Alpha's outbox consumer: after commit, in its own unit of work. Besides its 'outbox' row it logs who acts there, as
/// <c>outbox:kind:on-behalf-of</c> (e.g. <c>outbox:system:1</c>).
/// </summary>
public sealed class AlphaNoteConsumer(ICurrentActor actor) : IOutboxConsumer
{
    public string Topic => NoteService.Topic;

    public async Task HandleAsync(OutboxMessage message, IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var id = message.Payload.GetProperty("noteId").GetInt64();
        await unitOfWork.ExecuteAsync("INSERT INTO test_note_log (source, note_id) VALUES ('outbox', @id)", new { id }, cancellationToken);
        var who = $"outbox:{actor.Actor.Kind.ToString().ToLowerInvariant()}:{actor.Actor.OnBehalfOf}";
        await unitOfWork.ExecuteAsync("INSERT INTO test_note_log (source, note_id) VALUES (@who, @id)", new { who, id }, cancellationToken);
    }
}
