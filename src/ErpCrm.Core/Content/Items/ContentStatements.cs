using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using ErpCrm.Core.Transactions;
using ErpCrm.Data;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// A write the content store sends: its SQL, with parameters named <c>@p0</c>, <c>@p1</c>, … in order, and their types (null:
/// from the value, as Dapper would take it).
/// </summary>
public sealed partial record ContentStatement(string Sql, DbType?[] Types)
{
    private string? _positionalSql;

    /// <summary>The name of the <paramref name="index"/>th parameter in the SQL.</summary>
    public static string Parameter(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The SQL with PostgreSQL's positional parameters (<c>$1</c> for <c>@p0</c>, …): Npgsql sends such a command as it is,
    /// where it parses the text of one with named parameters on every execution to rename them.
    /// </summary>
    public string PositionalSql => _positionalSql ??=
        NamedParameter().Replace(Sql, m => "$" + (int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));

    [GeneratedRegex(@"@p(\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedParameter();
}

/// <summary>One execution of a <see cref="ContentStatement"/>: its parameters' values in order.</summary>
public readonly record struct ContentWrite(ContentStatement Statement, object?[] Values);

/// <summary>
/// Sends the content store's writes in the scope's unit of work the cheapest way each engine allows, so that a unit of work that
/// creates many items pays for each statement once:
/// - SQLite runs in process, so round trips cost nothing, but preparing does: Microsoft.Data.Sqlite prepares each new command, so a
///   command is kept per statement for the scope and executed again with new values (prepared once per scope, bound by name);
/// - PostgreSQL pays a round trip per command: the writes of one call go in one batch, prepared when its types are fixed, and
///   writes that may wait (<see cref="HoldAsync"/>) go with those of the next calls, in a batch sent before anything else runs.
/// The commands belong to the scope's connection and are disposed with the scope (before the unit of work's connection).
/// Errors are the engine's, as <see cref="IUnitOfWork.ExecuteAsync"/> reports them (a unique violation stays one).
/// </summary>
public sealed class ContentStatements(IUnitOfWork unitOfWork) : IAsyncDisposable, IDisposable
{
    /// <summary>The most statements held writes send in one round trip (50 new items of four statements).</summary>
    public const int HeldWritesPerRoundTrip = 200;

    private List<ContentWrite>? _held;

    // Statements are kept instances (static, or one per shape), so they are told apart by reference: no hashing of their text.
    private readonly Dictionary<ContentStatement, DbCommand> _commands = new(ReferenceEqualityComparer.Instance);

    /// <summary>Which of the writes of the last call that threw failed (its index in the list), for telling whose key was taken.</summary>
    public int FailedWrite { get; private set; }

    /// <summary>Executes one write in the unit of work's transaction (beginning it); the rows it changed.</summary>
    public async Task<int> ExecuteAsync(ContentWrite write, CancellationToken cancellationToken)
    {
        var transaction = await unitOfWork.BeginWriteAsync(cancellationToken);
        var command = CommandFor(write.Statement, transaction);
        Bind(command.Parameters, write);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Executes writes in order in the unit of work's transaction: in one round trip where the engine has batches.</summary>
    public async Task ExecuteAsync(IReadOnlyList<ContentWrite> writes, CancellationToken cancellationToken)
    {
        var transaction = await unitOfWork.BeginWriteAsync(cancellationToken);
        var connection = transaction.Connection!;
        if (writes.Count < 2 || !connection.CanCreateBatch)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                FailedWrite = i;
                var command = CommandFor(writes[i].Statement, transaction);
                Bind(command.Parameters, writes[i]);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return;
        }
        FailedWrite = 0;
        await SendBatchAsync(transaction, writes, cancellationToken);
    }

    /// <summary>
    /// Writes that may wait for company: on PostgreSQL they are held in the unit of work and travel with the writes held after them
    /// in one batch (up to <see cref="HeldWritesPerRoundTrip"/> statements), sent before the unit of work's next statement of any
    /// kind and before its commit, so that the unit of work still reads what it wrote; on SQLite (no round trips) they run now.
    /// Only for writes whose failure the caller need not tell apart (a new version under ids this host generated): one that fails
    /// fails the statement that sent it, or the commit, and the unit of work does not commit.
    /// </summary>
    public async Task HoldAsync(IReadOnlyList<ContentWrite> writes, CancellationToken cancellationToken)
    {
        var transaction = unitOfWork.Transaction ?? await unitOfWork.BeginWriteAsync(cancellationToken);
        if (unitOfWork is not UnitOfWork kernel || !transaction.Connection!.CanCreateBatch)
        {
            await ExecuteAsync(writes, cancellationToken);
            return;
        }
        if (_held is null)
        {
            var held = _held = new List<ContentWrite>(HeldWritesPerRoundTrip + 8);
            kernel.HoldWrites(ct => SendHeldAsync(held, ct));
            // A rollback drops the held writes with the transaction: the next ones start a new batch.
            kernel.AfterTransaction(_ => _held = null);
        }
        _held.AddRange(writes);
        if (_held.Count >= HeldWritesPerRoundTrip)
        {
            await kernel.FlushAsync(cancellationToken);
        }
    }

    private async Task SendHeldAsync(List<ContentWrite> held, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_held, held))
        {
            _held = null;
        }
        var transaction = unitOfWork.Transaction ?? throw new InvalidOperationException("Content writes were held without a transaction.");
        await SendBatchAsync(transaction, held, cancellationToken);
    }

    private async Task SendBatchAsync(DbTransaction transaction, IReadOnlyList<ContentWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = transaction.Connection!.CreateBatch();
        batch.Transaction = transaction;
        var prepare = true;
        var positional = unitOfWork.Dialect.Provider == DatabaseProvider.Postgres;
        foreach (var write in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = positional ? write.Statement.PositionalSql : write.Statement.Sql;
            for (var i = 0; i < write.Values.Length; i++)
            {
                var parameter = command.CreateParameter();
                command.Parameters.Add(positional ? parameter : NewParameter(parameter, i));
            }
            Bind(command.Parameters, write);
            batch.BatchCommands.Add(command);
            prepare &= Array.TrueForAll(write.Statement.Types, t => t is not null);
        }
        try
        {
            // Prepared on the connection once (Npgsql keeps it for the pooled connection): no parse and plan per item. Only when every
            // parameter's type is fixed, so that a statement is never executed with other types than it was prepared with.
            if (prepare)
            {
                await batch.PrepareAsync(cancellationToken);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException e) when (e.BatchCommand is { } failed)
        {
            FailedWrite = batch.BatchCommands.IndexOf(failed);
            throw;
        }
    }

    /// <summary>Whether every value of a statement whose types come from its values has a type this class binds as Dapper would.</summary>
    public static bool CanBind(object? value) => value is null || TypeOf(value) is not null;

    private DbCommand CommandFor(ContentStatement statement, DbTransaction transaction)
    {
        if (_commands.TryGetValue(statement, out var kept) && kept.Connection == transaction.Connection)
        {
            kept.Transaction = transaction;
            return kept;
        }
        kept?.Dispose();
        var command = transaction.Connection!.CreateCommand();
        command.CommandText = statement.Sql;
        command.Transaction = transaction;
        for (var i = 0; i < statement.Types.Length; i++)
        {
            command.Parameters.Add(NewParameter(command.CreateParameter(), i));
        }
        _commands[statement] = command;
        return command;
    }

    private static DbParameter NewParameter(DbParameter parameter, int index)
    {
        parameter.ParameterName = ContentStatement.Parameter(index);
        return parameter;
    }

    private static void Bind(DbParameterCollection parameters, ContentWrite write)
    {
        var types = write.Statement.Types;
        for (var i = 0; i < write.Values.Length; i++)
        {
            var parameter = parameters[i];
            var value = write.Values[i];
            if ((types[i] ?? TypeOf(value)) is { } type)
            {
                parameter.DbType = type;
            }
            else
            {
                parameter.ResetDbType();
            }
            parameter.Value = value ?? DBNull.Value;
        }
    }

    // The types Dapper gives these values; a statement with a value of another type is not sent through here (see CanBind).
    private static DbType? TypeOf(object? value) => value switch
    {
        string => DbType.String,
        bool => DbType.Boolean,
        int => DbType.Int32,
        long => DbType.Int64,
        decimal => DbType.Decimal,
        double => DbType.Double,
        short => DbType.Int16,
        DateTime => DbType.DateTime,
        DateTimeOffset => DbType.DateTimeOffset,
        Guid => DbType.Guid,
        _ => null,
    };

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
