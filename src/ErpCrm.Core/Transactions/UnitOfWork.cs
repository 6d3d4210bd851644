using System.Data.Common;
using System.Text.Json;
using Dapper;
using ErpCrm.Core.Data;
using ErpCrm.Core.Events;
using ErpCrm.Core.Outbox;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Transactions;

/// <summary>
/// The scoped unit of work on the current tenant's database. One connection per scope; the first write
/// begins the transaction; <see cref="CommitAsync"/> ends it, and a later write begins the next one.
/// Disposing without committing rolls back. On SQLite, writers take turns through the file's
/// <see cref="SqliteCommitQueue"/> and a commit returns once an fsync shared with the commits beside it has ended.
/// </summary>
internal sealed class UnitOfWork(TenantAccessor tenant, IServiceProvider services, OutboxSignal outboxSignal, TimeProvider clock)
    : IUnitOfWork, IAsyncDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private SqliteCommitQueue.Turn? _writeTurn;
    private bool _enqueued;
    private List<Action<bool>>? _afterTransaction;

    public ISqlDialect Dialect => tenant.Database.Dialect;

    public DbTransaction? Transaction => _transaction;

    public async Task<DbConnection> GetConnectionAsync(CancellationToken cancellationToken = default) =>
        _connection ??= await tenant.Database.OpenForUnitOfWorkAsync(cancellationToken);

    public async Task<DbTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            return _transaction;
        }
        var connection = await GetConnectionAsync(cancellationToken);
        if (tenant.Database.CommitQueue is { } queue)
        {
            _writeTurn = await queue.TakeTurnAsync(DatabaseTarget.WriteTurnTimeout, cancellationToken);
        }
        try
        {
            _transaction = DatabaseTarget.BeginWrite(connection);
        }
        catch
        {
            EndTurn();
            throw;
        }
        return _transaction;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, _transaction, cancellationToken: cancellationToken));
        return rows as IReadOnlyList<T> ?? rows.ToList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, _transaction, cancellationToken: cancellationToken));
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var transaction = await BeginWriteAsync(cancellationToken);
        return await transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var transaction = await BeginWriteAsync(cancellationToken);
        return await transaction.Connection!.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }

    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default) where TEvent : IDomainEvent
    {
        await BeginWriteAsync(cancellationToken);
        foreach (var handler in services.GetRequiredService<IFeatureServices<IDomainEventHandler<TEvent>>>())
        {
            await handler.HandleAsync(domainEvent, cancellationToken);
        }
        await services.GetRequiredService<DomainEventObservation>().ObserveAsync(domainEvent, cancellationToken);
    }

    public async Task EnqueueAsync(string topic, object payload, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToString("O");
        // Who raised it: the user acting, or the one the system acts for; its delivery acts on their behalf.
        var actor = services.GetRequiredService<ICurrentActor>().Actor;
        var raisedBy = actor.Kind == ActorKind.User ? actor.UserId : actor.OnBehalfOf;
        await ExecuteAsync(
            "INSERT INTO erp_outbox (topic, payload, created_utc, attempts, next_attempt_utc, raised_by) VALUES (@topic, @payload, @now, 0, @now, @raisedBy)",
            new { topic, payload = JsonSerializer.Serialize(payload), now, raisedBy }, cancellationToken);
        _enqueued = true;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is null)
        {
            return;
        }
        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        var queue = tenant.Database.CommitQueue;
        var ticket = queue?.Committed();
        EndTurn();
        try
        {
            if (queue is not null)
            {
                // Answered only once on disk; the next writer commits meanwhile, and the fsync after this one covers it.
                await queue.WaitDurableAsync(ticket!.Value, cancellationToken);
            }
        }
        finally
        {
            Ended(committed: true);
            if (_enqueued)
            {
                _enqueued = false;
                outboxSignal.Notify(tenant.Tenant.Name);
            }
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is null)
        {
            return;
        }
        await _transaction.RollbackAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        EndTurn();
        _enqueued = false;
        Ended(committed: false);
    }

    /// <summary>Runs <paramref name="callback"/> once when the current transaction ends, with whether it committed (kernel use).</summary>
    internal void AfterTransaction(Action<bool> callback) => (_afterTransaction ??= []).Add(callback);

    private void EndTurn()
    {
        _writeTurn?.Dispose();
        _writeTurn = null;
    }

    private void Ended(bool committed)
    {
        if (_afterTransaction is { } callbacks)
        {
            _afterTransaction = null;
            callbacks.ForEach(callback => callback(committed));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
            EndTurn();
            Ended(committed: false);
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
