using System.Data.Common;

namespace ErpCrm.Data;

/// <summary>
/// The one unit of work of a request or command, on the current tenant's database. Reads go through
/// the connection as they come; the first write begins the transaction, and every write, domain event
/// handler and outbox message after it shares that transaction. The host commits it when the request or
/// command succeeds and rolls it back otherwise.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>The SQL dialect of the tenant's database.</summary>
    ISqlDialect Dialect { get; }

    /// <summary>Runs a parameterised query and maps its rows.</summary>
    Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a parameterised query and maps its single row, or default when there is none.</summary>
    Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a parameterised statement inside the transaction (beginning it if needed).</summary>
    Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a parameterised statement inside the transaction and returns its first value.</summary>
    Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>The open connection, for code that needs ADO.NET directly. Pass <see cref="Transaction"/> to commands.</summary>
    Task<DbConnection> GetConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Begins the write transaction if it has not begun, and returns it.</summary>
    Task<DbTransaction> BeginWriteAsync(CancellationToken cancellationToken = default);

    /// <summary>The write transaction once begun, else null.</summary>
    DbTransaction? Transaction { get; }

    /// <summary>
    /// Raises a domain event: every enabled handler of <typeparamref name="TEvent"/> runs now, inside the
    /// transaction, so that its effects commit or roll back with the change that raised it.
    /// </summary>
    Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default) where TEvent : IDomainEvent;

    /// <summary>
    /// Writes a message to the outbox inside the transaction. After commit a background worker hands it to
    /// every enabled <see cref="IOutboxConsumer"/> of <paramref name="topic"/> (at least once).
    /// </summary>
    Task EnqueueAsync(string topic, object payload, CancellationToken cancellationToken = default);

    /// <summary>Commits the transaction, if one began. The host calls this; modules rarely need to.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Rolls back the transaction, if one began, dropping its outbox messages too.</summary>
    Task RollbackAsync(CancellationToken cancellationToken = default);
}
