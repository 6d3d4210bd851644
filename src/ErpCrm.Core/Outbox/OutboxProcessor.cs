using System.Text.Json;
using Dapper;
using ErpCrm.Core.Events;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Core.Outbox;

/// <summary>
/// Delivers a tenant's pending outbox messages to their consumers. Each consumer of each message runs in
/// its own unit of work, which also records that the consumer is done: a message re-delivered after a crash
/// skips the consumers that already committed. A failing consumer is retried with a growing delay. Each consumer is resolved
/// in the scope of its own unit of work, where the system acts on behalf of the user who raised the message
/// (<see cref="Actor.SystemFor"/>), so that what it injects (the unit of work too) is that work's. Domain events
/// (<see cref="DomainEventJson.Topic"/>) go to every <see cref="ICommittedEventObserver"/>, each as a consumer of its own.
/// </summary>
public sealed class OutboxProcessor(TenantScopeFactory scopes, TimeProvider clock, ILogger<OutboxProcessor> logger)
{
    public const int BatchSize = 100;
    public const int MaxAttempts = 10;

    private sealed class Row
    {
        public long Id { get; init; }
        public string Topic { get; init; } = "";
        public string Payload { get; init; } = "";
        public string CreatedUtc { get; init; } = "";
        public int Attempts { get; init; }
        public long? RaisedBy { get; init; }
    }

    /// <summary>Processes up to one batch; returns how many messages were completed.</summary>
    public async Task<int> ProcessAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = await scopes.CreateAsync(tenant, cancellationToken);
        var uow = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var now = clock.GetUtcNow().ToString("O");
        var pending = await uow.QueryAsync<Row>(
            $"SELECT id AS Id, topic AS Topic, payload AS Payload, created_utc AS CreatedUtc, attempts AS Attempts, raised_by AS RaisedBy FROM erp_outbox WHERE processed_utc IS NULL AND attempts < {MaxAttempts} AND next_attempt_utc <= @now ORDER BY id LIMIT {BatchSize}",
            new { now }, cancellationToken);
        var consumers = scope.ServiceProvider.GetRequiredService<IFeatureServices<IOutboxConsumer>>()
            .Select(c => (c.Topic, Recipient: new Recipient(c.GetType(), ConsumeAsync(c.GetType())))).ToList();
        var observers = scope.ServiceProvider.GetRequiredService<IFeatureServices<ICommittedEventObserver>>()
            .Select(o => new Recipient(o.GetType(), ObserveAsync(o.GetType()))).ToList();
        var completed = 0;
        foreach (var row in pending)
        {
            var recipients = consumers.Where(c => c.Topic == row.Topic).Select(c => c.Recipient)
                .Concat(row.Topic == DomainEventJson.Topic ? observers : []);
            if (await DeliverAsync(tenant, row, recipients, cancellationToken))
            {
                completed++;
            }
        }
        return completed;
    }

    /// <summary>Who receives a message: a consumer or an observer, by type, handed the message in its own scope and unit of work.</summary>
    private sealed record Recipient(Type Type, Func<IServiceProvider, OutboxMessage, IUnitOfWork, CancellationToken, Task> HandleAsync);

    // A recipient whose feature was switched off since the batch was read is no longer in the scope: it is skipped.
    private static Func<IServiceProvider, OutboxMessage, IUnitOfWork, CancellationToken, Task> ConsumeAsync(Type type) =>
        (services, message, unitOfWork, cancellationToken) => services.GetRequiredService<IFeatureServices<IOutboxConsumer>>()
            .FirstOrDefault(c => c.GetType() == type)?.HandleAsync(message, unitOfWork, cancellationToken) ?? Task.CompletedTask;

    private static Func<IServiceProvider, OutboxMessage, IUnitOfWork, CancellationToken, Task> ObserveAsync(Type type) =>
        (services, message, _, cancellationToken) => services.GetRequiredService<IFeatureServices<ICommittedEventObserver>>()
            .FirstOrDefault(o => o.GetType() == type)
            ?.OnCommittedEventAsync(message.Payload.Deserialize<DomainEventEnvelope>(DomainEventJson.Options)!, cancellationToken) ?? Task.CompletedTask;

    private async Task<bool> DeliverAsync(TenantInfo tenant, Row row, IEnumerable<Recipient> consumers, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(row.Payload);
        var message = new OutboxMessage(row.Id, row.Topic, payload.RootElement.Clone(), DateTimeOffset.Parse(row.CreatedUtc), row.Attempts + 1)
        {
            RaisedBy = row.RaisedBy,
        };
        foreach (var consumer in consumers)
        {
            var name = consumer.Type.FullName!;
            await using var scope = await scopes.CreateAsync(tenant, cancellationToken, Actor.SystemFor(row.RaisedBy));
            var uow = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            try
            {
                await uow.BeginWriteAsync(cancellationToken);
                var done = await uow.QuerySingleOrDefaultAsync<long?>(
                    "SELECT message_id FROM erp_outbox_consumed WHERE message_id = @id AND consumer = @name", new { id = row.Id, name }, cancellationToken);
                if (done is null)
                {
                    await consumer.HandleAsync(scope.ServiceProvider, message, uow, cancellationToken);
                    await uow.ExecuteAsync("INSERT INTO erp_outbox_consumed (message_id, consumer, consumed_utc) VALUES (@id, @name, @now)",
                        new { id = row.Id, name, now = clock.GetUtcNow().ToString("O") }, cancellationToken);
                    await uow.CommitAsync(cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox message {Id} ({Topic}) of tenant {Tenant} failed in {Consumer} (attempt {Attempt}).", row.Id, row.Topic, tenant.Name, name, message.Attempt);
                await RecordFailureAsync(tenant, row, $"{name}: {e.Message}", cancellationToken);
                return false;
            }
        }

        await using var finish = await scopes.CreateAsync(tenant, cancellationToken);
        var finishUow = finish.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await finishUow.ExecuteAsync("UPDATE erp_outbox SET processed_utc = @now, attempts = attempts + 1 WHERE id = @id",
            new { id = row.Id, now = clock.GetUtcNow().ToString("O") }, cancellationToken);
        await finishUow.CommitAsync(cancellationToken);
        return true;
    }

    private async Task RecordFailureAsync(TenantInfo tenant, Row row, string error, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, row.Attempts + 1)));
        await using var scope = await scopes.CreateAsync(tenant, cancellationToken);
        var uow = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await uow.ExecuteAsync("UPDATE erp_outbox SET attempts = attempts + 1, next_attempt_utc = @next, last_error = @error WHERE id = @id",
            new { id = row.Id, next = clock.GetUtcNow().Add(delay).ToString("O"), error = error.Length > 2000 ? error[..2000] : error }, cancellationToken);
        await uow.CommitAsync(cancellationToken);
    }
}
