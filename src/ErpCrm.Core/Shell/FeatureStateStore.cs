using System.Data.Common;
using Dapper;
using ErpCrm.Core.Tenants;

namespace ErpCrm.Core.Shell;

/// <summary>
/// The feature state in a tenant database. A change is accepted only if the serial it read is still the
/// current one: of two concurrent changes, one wins and the other sees a conflict.
/// </summary>
public static class FeatureStateStore
{
    public static async Task<FeatureSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var serial = await ReadSerialAsync(connection, transaction, cancellationToken);
        var enabled = await connection.QueryAsync<string>(new CommandDefinition("SELECT feature_id FROM erp_features", transaction: transaction, cancellationToken: cancellationToken));
        return new FeatureSnapshot(serial, enabled.ToHashSet(StringComparer.Ordinal));
    }

    public static Task<long> ReadSerialAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT serial FROM erp_shell_state WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>Records the change; returns the new serial, or null when another change got there first.</summary>
    public static async Task<long?> TryWriteAsync(DbConnection connection, DbTransaction transaction, long expectedSerial,
        IEnumerable<string> enable, IEnumerable<string> disable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stamp = now.ToString("O");
        var bumped = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE erp_shell_state SET serial = serial + 1, changed_utc = @stamp WHERE id = 1 AND serial = @expectedSerial",
            new { stamp, expectedSerial }, transaction, cancellationToken: cancellationToken));
        if (bumped != 1)
        {
            return null;
        }
        foreach (var id in disable)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM erp_features WHERE feature_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var id in enable)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO erp_features (feature_id, enabled_utc) VALUES (@id, @stamp) ON CONFLICT (feature_id) DO NOTHING",
                new { id, stamp }, transaction, cancellationToken: cancellationToken));
        }
        return expectedSerial + 1;
    }
}
