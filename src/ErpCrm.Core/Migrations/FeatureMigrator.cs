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
    public Task<int> MigrateUpAsync(DatabaseTarget database, string scope, IReadOnlyList<MigrationDescriptor> migrations, CancellationToken cancellationToken) =>
        MigrateUpAsync(database, [new MigrationScope(scope, migrations)], cancellationToken);

    /// <summary>
    /// Applies the migrations the database has not seen of several scopes, scope after scope in the order given (a feature
    /// after the features it depends on), each scope's in version order; returns how many ran. One pass holds the locks,
    /// reads what is applied and prepares FluentMigrator once for all of them: enabling a recipe's features, or setting up
    /// a tenant, costs one pass rather than one per feature.
    /// </summary>
    public async Task<int> MigrateUpAsync(DatabaseTarget database, IReadOnlyList<MigrationScope> scopes, CancellationToken cancellationToken)
    {
        if (scopes.All(s => s.Migrations.Count == 0))
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
            var applied = await AppliedAsync(database, cancellationToken);
            var pending = scopes
                .SelectMany(s => s.Migrations.Where(m => !applied.Contains((s.Scope, m.Version))).OrderBy(m => m.Version).Select(m => (s.Scope, Migration: m)))
                .ToList();
            return pending.Count == 0 ? 0 : Apply(database, pending);
        }
        finally
        {
            gate.Release();
        }
    }

    private int Apply(DatabaseTarget database, List<(string Scope, MigrationDescriptor Migration)> pending)
    {
        var validated = new ValidatedMigrations(database.Provider);
        using var services = BuildRunnerServices(database, validated);
        using var scopeServices = services.CreateScope();
        var runner = (MigrationRunner)scopeServices.ServiceProvider.GetRequiredService<IMigrationRunner>();
        var processor = scopeServices.ServiceProvider.GetRequiredService<IMigrationProcessor>();
        var ran = 0;
        foreach (var (scope, descriptor) in pending)
        {
            var migration = (IMigration)ActivatorUtilities.CreateInstance(scopeServices.ServiceProvider, descriptor.Type);
            validated.Applying(descriptor.Type);
            processor.BeginTransaction();
            try
            {
                runner.ApplyMigrationUp(new NonAttributedMigrationToMigrationInfoAdapter(migration), useTransaction: false);
                // FluentMigrator's processor takes no parameters; both values come from code, and are escaped.
                processor.Execute(
                    $"INSERT INTO {VersionTable} (scope, version, description, applied_utc) VALUES ({Literal(scope)}, {descriptor.Version}, {Literal(descriptor.Description)}, {Literal(clock.GetUtcNow().UtcDateTime.ToString("O"))})");
                processor.CommitTransaction();
                validated.Applied();
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

    /// <summary>Every (scope, version) recorded as applied, creating the record table on a database that has none.</summary>
    private static async Task<HashSet<(string Scope, long Version)>> AppliedAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS {VersionTable} (scope VARCHAR(200) NOT NULL, version BIGINT NOT NULL, description VARCHAR(400) NOT NULL, applied_utc VARCHAR(40) NOT NULL, PRIMARY KEY (scope, version))",
            cancellationToken: cancellationToken));
        var rows = await Dapper.SqlMapper.QueryAsync<(string, long)>(connection,
            new Dapper.CommandDefinition($"SELECT scope, version FROM {VersionTable}", cancellationToken: cancellationToken));
        return rows.ToHashSet();
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

    private static ServiceProvider BuildRunnerServices(DatabaseTarget database, ValidatedMigrations validated)
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
        services.AddScoped(validated.ValidatorFor);
        return services.BuildServiceProvider(validateScopes: false);
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}

/// <summary>The migrations of one scope (a feature, the kernel, or the host) that <see cref="FeatureMigrator"/> brings a database up to.</summary>
public sealed record MigrationScope(string Scope, IReadOnlyList<MigrationDescriptor> Migrations);
