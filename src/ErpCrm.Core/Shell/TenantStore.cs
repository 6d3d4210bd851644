using System.Data.Common;
using Dapper;
using ErpCrm.Core.Data;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;

namespace ErpCrm.Core.Shell;

/// <summary>Reads and writes the tenant list in the host database. Every write bumps the host serial.</summary>
public sealed class TenantStore(HostDatabase host, TimeProvider clock)
{
    private sealed record TenantRow(string name, string state, string? request_url_prefix, string request_url_hosts,
        string database_provider, string? connection_string, string? db_schema, string created_utc);

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await host.EnsureReadyAsync(cancellationToken);
        await using var connection = await host.Target.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TenantRow>(new CommandDefinition(
            $"SELECT name, state, request_url_prefix, request_url_hosts, database_provider, connection_string, db_schema, created_utc FROM erp_tenants ORDER BY name{OrdinalCollation}",
            cancellationToken: cancellationToken));
        return rows.Select(ToTenant).ToList();
    }

    public async Task<long> ReadSerialAsync(CancellationToken cancellationToken)
    {
        await host.EnsureReadyAsync(cancellationToken);
        await using var connection = await host.Target.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT serial FROM erp_host_state WHERE id = 1", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Names compare by their characters' codes on both engines (SQLite's default; PostgreSQL's "C"), so that the order is the same
    /// whichever engine the host database is on, and <see cref="TenantRegistry.Apply"/> can place a tenant where a reload would.
    /// </summary>
    private string OrdinalCollation => host.Target.Provider == DatabaseProvider.Postgres ? " COLLATE \"C\"" : "";

    /// <summary>Adds a tenant; false when the name, prefix or a host name is taken.</summary>
    public async Task<bool> TryAddAsync(TenantInfo tenant, CancellationToken cancellationToken) => await AddAsync(tenant, cancellationToken) is not null;

    /// <summary>Adds a tenant; returns the host serial its write left, or null when the name, prefix or a host name is taken.</summary>
    public async Task<long?> AddAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await host.EnsureReadyAsync(cancellationToken);
        await using var connection = await host.Target.OpenAsync(cancellationToken);
        await using var transaction = DatabaseTarget.BeginWrite(connection);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO erp_tenants (name, name_normalized, state, request_url_prefix, request_url_hosts, database_provider, connection_string, db_schema, created_utc)
                VALUES (@Name, @NameNormalized, @State, @Prefix, @Hosts, @Provider, @ConnectionString, @Schema, @Created)
                """,
                new
                {
                    tenant.Name,
                    NameNormalized = tenant.Name.ToUpperInvariant(),
                    State = tenant.State.ToString(),
                    Prefix = tenant.RequestUrlPrefix,
                    Hosts = string.Join(',', tenant.RequestUrlHosts),
                    Provider = tenant.DatabaseProvider.ToString(),
                    tenant.ConnectionString,
                    tenant.Schema,
                    Created = tenant.CreatedUtc.ToString("O"),
                }, transaction, cancellationToken: cancellationToken));
            var serial = await BumpSerialAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return serial;
        }
        catch (Exception e) when (host.Target.Dialect.IsUniqueViolation(e))
        {
            return null;
        }
    }

    /// <summary>Moves a tenant from one state to another; false when it was not in <paramref name="from"/> any more.</summary>
    public async Task<bool> TryChangeStateAsync(string name, TenantState from, TenantState to, CancellationToken cancellationToken) =>
        await ChangeStateAsync(name, from, to, cancellationToken) is not null;

    /// <summary>Moves a tenant from one state to another; returns the host serial its write left, or null when it was not in <paramref name="from"/> any more.</summary>
    public async Task<long?> ChangeStateAsync(string name, TenantState from, TenantState to, CancellationToken cancellationToken)
    {
        await host.EnsureReadyAsync(cancellationToken);
        await using var connection = await host.Target.OpenAsync(cancellationToken);
        await using var transaction = DatabaseTarget.BeginWrite(connection);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE erp_tenants SET state = @to WHERE name = @name AND state = @from",
            new { name, from = from.ToString(), to = to.ToString() }, transaction, cancellationToken: cancellationToken));
        long? serial = changed == 1 ? await BumpSerialAsync(connection, transaction, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        return serial;
    }

    /// <summary>Points a tenant that is not set up yet at another database; false when it is set up already.</summary>
    public async Task<bool> TryUpdateDatabaseAsync(string name, DatabaseProvider provider, string? connectionString, string? schema, CancellationToken cancellationToken)
    {
        await host.EnsureReadyAsync(cancellationToken);
        await using var connection = await host.Target.OpenAsync(cancellationToken);
        await using var transaction = DatabaseTarget.BeginWrite(connection);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE erp_tenants SET database_provider = @provider, connection_string = @connectionString, db_schema = @schema WHERE name = @name AND state = @state",
            new { name, provider = provider.ToString(), connectionString, schema, state = nameof(TenantState.Uninitialized) }, transaction, cancellationToken: cancellationToken));
        if (changed == 1)
        {
            await BumpSerialAsync(connection, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    /// <summary>Counts a write to the tenant list; returns the serial it wrote.</summary>
    private static Task<long> BumpSerialAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("UPDATE erp_host_state SET serial = serial + 1 WHERE id = 1 RETURNING serial",
            transaction: transaction, cancellationToken: cancellationToken));

    private TenantInfo ToTenant(TenantRow row) => new(
        row.name,
        Enum.Parse<TenantState>(row.state),
        row.request_url_prefix,
        row.request_url_hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Enum.Parse<DatabaseProvider>(row.database_provider),
        row.connection_string,
        row.db_schema,
        DateTimeOffset.TryParse(row.created_utc, out var created) ? created : clock.GetUtcNow());
}
