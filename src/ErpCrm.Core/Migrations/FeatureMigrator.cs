using System.Collections.Concurrent;
using System.Data.Common;
using ErpCrm.Core.Data;
using ErpCrm.Core.Modules;
using ErpCrm.Data;
using FluentMigrator;
using FluentMigrator.Infrastructure;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Conventions;
using FluentMigrator.Runner.Processors;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Migrations;

/// <summary>
/// Runs FluentMigrator migrations for one scope (a feature, or the host) on one database, and records the
/// versions applied in <c>erp_migrations</c> of that database. Each migration and its record commit in one
/// transaction, so a crash never leaves a migration applied but unrecorded.
/// </summary>
public sealed class FeatureMigrator(TimeProvider clock)
{
    private const string VersionTable = "erp_migrations";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    /// <summary>Applies the migrations of <paramref name="scope"/> that the database has not seen; returns how many ran.</summary>
    public async Task<int> MigrateUpAsync(DatabaseTarget database, string scope, IReadOnlyList<MigrationDescriptor> migrations, CancellationToken cancellationToken)
    {
        if (migrations.Count == 0)
        {
            return 0;
        }

        // Two enables of the same feature must not run its migrations twice: one migrator at a time per
        // database, in this process and (on PostgreSQL) across nodes; then see what is applied.
        var gate = _gates.GetOrAdd(database.ConnectionString, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var crossNodeLock = await AcquireCrossNodeLockAsync(database, cancellationToken);
            await EnsureVersionTableAsync(database, cancellationToken);
            var applied = await AppliedVersionsAsync(database, scope, cancellationToken);
            var pending = migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version).ToList();
            return pending.Count == 0 ? 0 : Apply(database, scope, pending);
        }
        finally
        {
            gate.Release();
        }
    }

    private int Apply(DatabaseTarget database, string scope, List<MigrationDescriptor> pending)
    {
        using var services = BuildRunnerServices(database);
        using var scopeServices = services.CreateScope();
        var runner = (MigrationRunner)scopeServices.ServiceProvider.GetRequiredService<IMigrationRunner>();
        var processor = scopeServices.ServiceProvider.GetRequiredService<IMigrationProcessor>();
        var ran = 0;
        foreach (var descriptor in pending)
        {
            var migration = (IMigration)ActivatorUtilities.CreateInstance(scopeServices.ServiceProvider, descriptor.Type);
            processor.BeginTransaction();
            try
            {
                runner.ApplyMigrationUp(new NonAttributedMigrationToMigrationInfoAdapter(migration), useTransaction: false);
                // FluentMigrator's processor takes no parameters; both values come from code, and are escaped.
                processor.Execute(
                    $"INSERT INTO {VersionTable} (scope, version, description, applied_utc) VALUES ({Literal(scope)}, {descriptor.Version}, {Literal(descriptor.Description)}, {Literal(clock.GetUtcNow().UtcDateTime.ToString("O"))})");
                processor.CommitTransaction();
                ran++;
            }
            catch
            {
                processor.RollbackTransaction();
                throw;
            }
        }
        return ran;
    }

    /// <summary>The versions of <paramref name="scope"/> recorded as applied.</summary>
    public async Task<HashSet<long>> AppliedVersionsAsync(DatabaseTarget database, string scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var versions = await Dapper.SqlMapper.QueryAsync<long>(connection,
            new Dapper.CommandDefinition($"SELECT version FROM {VersionTable} WHERE scope = @scope", new { scope }, cancellationToken: cancellationToken));
        return versions.ToHashSet();
    }

    /// <summary>
    /// On PostgreSQL, a session advisory lock on the tenant's schema, held while migrating and released explicitly when
    /// disposed: closing a pooled connection keeps its session (Npgsql resets it only when the connection is next used), so
    /// the lock would otherwise outlive the migration and block the next feature's. Nothing on SQLite (one node).
    /// </summary>
    private static async Task<IAsyncDisposable?> AcquireCrossNodeLockAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return null;
        }
        var key = "erpcrm.migrations." + database.Schema;
        var connection = await database.OpenAsync(cancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
            "SELECT pg_advisory_lock(hashtext(@key))", new { key }, cancellationToken: cancellationToken));
        return new AdvisoryLock(connection, key);
    }

    private sealed class AdvisoryLock(DbConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition("SELECT pg_advisory_unlock(hashtext(@key))", new { key }));
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task EnsureVersionTableAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS {VersionTable} (scope VARCHAR(200) NOT NULL, version BIGINT NOT NULL, description VARCHAR(400) NOT NULL, applied_utc VARCHAR(40) NOT NULL, PRIMARY KEY (scope, version))",
            cancellationToken: cancellationToken));
    }

    private static ServiceProvider BuildRunnerServices(DatabaseTarget database)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                if (database.Provider == DatabaseProvider.Sqlite)
                {
                    runner.AddSQLite();
                }
                else
                {
                    runner.AddPostgres();
                }
                runner.WithGlobalConnectionString(database.ConnectionString);
            });
        // Unqualified table names in migrations land in the tenant's schema, not in "public".
        services.AddSingleton<IConventionSet>(new DefaultConventionSet(database.Schema, workingDirectory: null));
        return services.BuildServiceProvider(validateScopes: false);
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
