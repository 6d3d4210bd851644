using ErpCrm.Data;

namespace ErpCrm.Web.Hosting;

/// <summary>How to start a host: from the command line, or from a test.</summary>
public sealed record HostSettings
{
    /// <summary>The data folder (<c>--data</c>); null for <c>ERPCRM_DATA</c> or <c>App_Data</c> beside the app.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The addresses to listen on (<c>--urls</c>).</summary>
    public string? Urls { get; init; }

    /// <summary>The plugins folder; null for <c>plugins</c> beside the app.</summary>
    public string? PluginsDirectory { get; init; }

    /// <summary>The folder modules are discovered in; the app's own folder by default.</summary>
    public string HostDirectory { get; init; } = AppContext.BaseDirectory;

    public DatabaseProvider HostDatabaseProvider { get; init; } = DatabaseProvider.Sqlite;

    public string? HostConnectionString { get; init; }

    /// <summary>Command-line verbs keep standard output for their results: logs go to standard error, warnings and up.</summary>
    public bool CommandLineLogging { get; init; }

    /// <summary>Runs the background workers (the outbox) — for serving, not for one-shot commands.</summary>
    public bool RunBackgroundWork { get; init; } = true;

    /// <summary>The clock every service reads (<see cref="System.TimeProvider"/>); the system's when null. Tests set it to control "today".</summary>
    public TimeProvider? TimeProvider { get; init; }
}
