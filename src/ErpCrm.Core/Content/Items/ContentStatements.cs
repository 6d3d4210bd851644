using System.Data;
using System.Data.Common;
using System.Globalization;
using ErpCrm.Data;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// A write the content store sends: its SQL, with parameters named <c>@p0</c>, <c>@p1</c>, … in order, and their types (null:
/// from the value, as Dapper would take it).
/// </summary>
public sealed record ContentStatement(string Sql, DbType?[] Types)
{
    /// <summary>The name of the <paramref name="index"/>th parameter in the SQL.</summary>
    public static string Parameter(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One execution of a <see cref="ContentStatement"/>: its parameters' values in order.</summary>
public readonly record struct ContentWrite(ContentStatement Statement, object?[] Values);

/// <summary>
/// Sends the content store's writes in the scope's unit of work the cheapest way each engine allows, so that a unit of work that
/// creates many items pays for each statement once:
/// - SQLite runs in process, so round trips cost nothing, but preparing does: Microsoft.Data.Sqlite prepares each new command, so a
///   command is kept per statement for the scope and executed again with new values (prepared once per scope, bound by name);
/// - PostgreSQL pays a round trip per command: the writes of one call go in one batch, prepared when its types are fixed.
/// The commands belong to the scope's connection and are disposed with the scope (before the unit of work's connection).
/// Errors are the engine's, as <see cref="IUnitOfWork.ExecuteAsync"/> reports them (a unique violation stays one).
/// </summary>
public sealed class ContentStatements(IUnitOfWork unitOfWork) : IAsyncDisposable, IDisposable
{
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
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var write in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = write.Statement.Sql;
            for (var i = 0; i < write.Values.Length; i++)
            {
                command.Parameters.Add(NewParameter(command.CreateParameter(), i));
            }
            Bind(command.Parameters, write);
            batch.BatchCommands.Add(command);
        }
        FailedWrite = 0;
        try
        {
            // Prepared on the connection once (Npgsql keeps it for the pooled connection): no parse and plan per item. Only when every
            // parameter's type is fixed, so that a statement is never executed with other types than it was prepared with.
            if (writes.All(w => Array.TrueForAll(w.Statement.Types, t => t is not null)))
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
