using ErpCrm.Data;

namespace ErpCrm.Core;

/// <summary>Where the host keeps its data and finds its plugins. Bound from the <c>ErpCrm</c> configuration section.</summary>
public sealed class ErpCrmOptions
{
    public const string Section = "ErpCrm";

    /// <summary>The data folder: <c>--data</c>, else <c>ERPCRM_DATA</c>, else <c>App_Data</c> beside the app.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The folder of plugins, one sub-folder each; defaults to <c>plugins</c> beside the app.</summary>
    public string PluginsDirectory { get; set; } = "";

    /// <summary>Folders searched for recipes by name; defaults to <c>recipes</c> beside the app.</summary>
    public List<string> RecipeDirectories { get; set; } = [];

    /// <summary>The engine of the host database that lists tenants. SQLite (in the data folder) by default.</summary>
    public DatabaseProvider HostDatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string of the host database, when it is on PostgreSQL.</summary>
    public string? HostConnectionString { get; set; }

    /// <summary>How long a node trusts its cached tenant list and feature states before re-checking the database.</summary>
    public TimeSpan StateRecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a tenant may go without a request before this node releases what it holds for it (its cached feature state and
    /// configuration, its database target and pooled connections); its next request reads them again. A tenant is never released
    /// while a request or a scope (a command, background work) is bound to it. Zero or less: never release.
    /// </summary>
    public TimeSpan IdleReleaseAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the outbox worker sweeps every tenant, besides being woken by commits.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the setup page waits for setup to finish before it shows its progress instead.</summary>
    public TimeSpan SetupAnswerWithin { get; set; } = TimeSpan.FromSeconds(2);

    internal string SitesDirectory => Path.Combine(DataDirectory, "Sites");

    /// <summary>Fills unset paths with their defaults.</summary>
    public void ApplyDefaults(string appDirectory)
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("ERPCRM_DATA");
            DataDirectory = string.IsNullOrWhiteSpace(fromEnvironment) ? Path.Combine(appDirectory, "App_Data") : fromEnvironment;
        }
        DataDirectory = Path.GetFullPath(DataDirectory);
        if (string.IsNullOrWhiteSpace(PluginsDirectory))
        {
            PluginsDirectory = Path.Combine(appDirectory, "plugins");
        }
        if (RecipeDirectories.Count == 0)
        {
            RecipeDirectories.Add(Path.Combine(appDirectory, "recipes"));
        }
    }
}
