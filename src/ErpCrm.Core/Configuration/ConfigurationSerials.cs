using System.Data.Common;
using Dapper;

namespace ErpCrm.Core.Configuration;

/// <summary>The serial of each kind of cached configuration in a tenant database (table <c>erp_configuration_serials</c>).</summary>
internal static class ConfigurationSerials
{
    private sealed class Row
    {
        public string Kind { get; init; } = "";
        public long Serial { get; init; }
    }

    /// <summary>Every kind's serial; a kind never changed has no row (serial 0). One small query for all kinds.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT kind AS Kind, serial AS Serial FROM erp_configuration_serials", transaction: transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Kind, r => r.Serial, StringComparer.Ordinal);
    }

    /// <summary>Bumps a kind's serial inside <paramref name="transaction"/>: it commits or rolls back with the change.</summary>
    public static Task BumpAsync(DbConnection connection, DbTransaction transaction, string kind, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO erp_configuration_serials (kind, serial) VALUES (@kind, 1)
            ON CONFLICT (kind) DO UPDATE SET serial = erp_configuration_serials.serial + 1
            """, new { kind }, transaction, cancellationToken: cancellationToken));
}
