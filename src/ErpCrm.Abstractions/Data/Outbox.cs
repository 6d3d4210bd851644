using System.Text.Json;

namespace ErpCrm.Data;

/// <summary>A message written to the outbox in a committed transaction.</summary>
/// <param name="Id">Unique and stable across deliveries: use it as an idempotency key for effects outside the database.</param>
/// <param name="Topic">What the message is about, e.g. <c>search.index</c>.</param>
/// <param name="Payload">The JSON payload.</param>
/// <param name="CreatedUtc">When it was written.</param>
/// <param name="Attempt">1 on the first delivery, more on retries.</param>
public sealed record OutboxMessage(long Id, string Topic, JsonElement Payload, DateTimeOffset CreatedUtc, int Attempt)
{
    /// <summary>
    /// The id of the user whose work wrote the message, when a user's did; null when the system raised it. The consumer runs as
    /// the system on their behalf (<see cref="Security.ICurrentActor"/>: <see cref="Security.Actor.OnBehalfOf"/>).
    /// </summary>
    public long? RaisedBy { get; init; }
}

/// <summary>
/// Does after-commit work for one topic (indexing, webhooks, e-mail). Delivery is at least once: a consumer
/// is resolved and runs in its own unit of work (where the system acts on behalf of <see cref="OutboxMessage.RaisedBy"/>), and the kernel records its completion in that same transaction, so work
/// done in the tenant's database happens exactly once. Effects outside it must be idempotent by message id.
/// </summary>
public interface IOutboxConsumer
{
    /// <summary>The topic consumed.</summary>
    string Topic { get; }

    /// <summary>Handles one message. Throwing leaves it for a later retry.</summary>
    Task HandleAsync(OutboxMessage message, IUnitOfWork unitOfWork, CancellationToken cancellationToken);
}
