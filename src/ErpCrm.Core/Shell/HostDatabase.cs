using ErpCrm.Core.Data;
using ErpCrm.Core.Migrations;
using ErpCrm.Core.Modules;
using ErpCrm.Data;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Shell;

/// <summary>The host database: the list of tenants. SQLite in the data folder, or PostgreSQL (schema <c>erp_host</c>).</summary>
public sealed class HostDatabase(IOptions<ErpCrmOptions> options, FeatureMigrator migrator)
{
    public const string MigrationScope = "ErpCrm.Host";

    private readonly SemaphoreSlim _ensureLock = new(1, 1);
    private volatile bool _ready;

    public DatabaseTarget Target { get; } = options.Value.HostDatabaseProvider == DatabaseProvider.Postgres
        ? DatabaseTarget.ForPostgresSchema(options.Value.HostConnectionString
            ?? throw new InvalidOperationException("ErpCrm:HostConnectionString is required when the host database is PostgreSQL."), "erp_host")
        : DatabaseTarget.ForSqliteFile(Path.Combine(options.Value.DataDirectory, "host.db"));

    /// <summary>Creates the host database and brings its schema up to date, once per process.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }
        await _ensureLock.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await Target.EnsureExistsAsync(cancellationToken);
                await migrator.MigrateUpAsync(Target, MigrationScope,
                    [new MigrationDescriptor(typeof(HostTenantsMigration), MigrationScope, 1, "Tenants")], cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _ensureLock.Release();
        }
    }
}
