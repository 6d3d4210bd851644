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
    private List<Func<CancellationToken, Task>>? _heldWrites;
    private bool _heldWritesLost;

    public ISqlDialect Dialect => tenant.Database.Dialect;

    public DbTransaction? Transaction => _transaction;

    public async Task<DbConnection> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (_heldWrites is not null)
        {
            await FlushAsync(cancellationToken);
        }
        return _connection ??= await tenant.Database.OpenForUnitOfWorkAsync(cancellationToken);
    }

    public async Task<DbTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            if (_heldWrites is not null)
            {
                await FlushAsync(cancellationToken);
            }
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
        // Raising an event sends nothing itself: held writes wait for the first statement a handler sends, if any.
        if (_transaction is null)
        {
            await BeginWriteAsync(cancellationToken);
        }
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
        await FlushAsync(cancellationToken);
        if (_heldWritesLost)
        {
            throw new InvalidOperationException("Writes held back to travel together did not reach the database; the unit of work cannot commit.");
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
        DropHeldWrites();
        await _transaction.RollbackAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        EndTurn();
        _enqueued = false;
        Ended(committed: false);
    }

    /// <summary>Runs <paramref name="callback"/> once when the current transaction ends, with whether it committed (kernel use).</summary>
    internal void AfterTransaction(Action<bool> callback) => (_afterTransaction ??= []).Add(callback);

    /// <summary>
    /// Kernel seam for writes held back so that many travel in one round trip (the content store holds new items this way):
    /// <paramref name="flush"/> sends what its holder holds, in the current transaction. The unit of work runs it once, before
    /// its next statement of any kind (a query or write through it, <see cref="GetConnectionAsync"/>, <see cref="BeginWriteAsync"/>)
    /// and before commit, so whatever runs in this unit of work sees the held rows; a rollback or dispose drops them with the
    /// transaction. A holder registers when it starts holding again after a flush. A flush that fails leaves the unit of work
    /// unable to commit (its rows may not all have reached the database).
    /// </summary>
    internal void HoldWrites(Func<CancellationToken, Task> flush) => (_heldWrites ??= []).Add(flush);

    /// <summary>Sends the held writes now (a holder's limit reached).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_heldWrites is { } held)
        {
            _heldWrites = null;
            try
            {
                foreach (var flush in held)
                {
                    await flush(cancellationToken);
                }
            }
            catch
            {
                _heldWritesLost = true;
                throw;
            }
        }
    }

    private void DropHeldWrites()
    {
        _heldWrites = null;
        _heldWritesLost = false;
    }

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
            DropHeldWrites();
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
