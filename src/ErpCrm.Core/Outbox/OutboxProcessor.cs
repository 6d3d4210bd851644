using System.Text.Json;
using Dapper;
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
/// skips the consumers that already committed. A failing consumer is retried with a growing delay. The consumer is resolved
/// in that unit of work's scope, where the system acts on behalf of the user who raised the message (<see cref="Actor.SystemFor"/>).
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
        var consumers = ConsumersIn(scope.ServiceProvider).ToList();
        var completed = 0;
        foreach (var row in pending)
        {
            if (await DeliverAsync(tenant, row, consumers.Where(c => c.Topic == row.Topic).Select(NameOf).ToList(), cancellationToken))
            {
                completed++;
            }
        }
        return completed;
    }

    private static IEnumerable<IOutboxConsumer> ConsumersIn(IServiceProvider services) => services.GetRequiredService<IFeatureServices<IOutboxConsumer>>();

    private static string NameOf(IOutboxConsumer consumer) => consumer.GetType().FullName!;

    private async Task<bool> DeliverAsync(TenantInfo tenant, Row row, IReadOnlyList<string> consumers, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(row.Payload);
        var message = new OutboxMessage(row.Id, row.Topic, payload.RootElement.Clone(), DateTimeOffset.Parse(row.CreatedUtc), row.Attempts + 1)
        {
            RaisedBy = row.RaisedBy,
        };
        foreach (var name in consumers)
        {
            await using var scope = await scopes.CreateAsync(tenant, cancellationToken, Actor.SystemFor(row.RaisedBy));
            var uow = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            try
            {
                await uow.BeginWriteAsync(cancellationToken);
                var done = await uow.QuerySingleOrDefaultAsync<long?>(
                    "SELECT message_id FROM erp_outbox_consumed WHERE message_id = @id AND consumer = @name", new { id = row.Id, name }, cancellationToken);
                // Resolved in this scope, so that what it uses works in this unit of work and as this actor; a consumer whose
                // feature was switched off since the batch was read is skipped.
                if (done is null && ConsumersIn(scope.ServiceProvider).FirstOrDefault(c => NameOf(c) == name) is { } consumer)
                {
                    await consumer.HandleAsync(message, uow, cancellationToken);
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
