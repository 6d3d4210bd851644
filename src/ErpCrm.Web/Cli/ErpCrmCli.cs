using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Web.Hosting;
using Microsoft.Extensions.Options;

namespace ErpCrm.Web.Cli;

/// <summary>
/// The host executable's entry: no verb (or <c>serve</c>) runs the web host; the other verbs run one command
/// on the same services and exit. Success exits 0, bad input 2 with one line naming what is wrong, any other
/// failure 1 with one line — never a stack trace.
/// </summary>
internal static class ErpCrmCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var (command, parseError) = CommandLine.Parse(args);
        if (command is null)
        {
            await stderr.WriteLineAsync($"error: {ErpCrm.Text.Sentence.End(parseError ?? "")}");
            return CliException.BadInput;
        }
        try
        {
            if (command.Verb.Name == "help")
            {
                await stdout.WriteLineAsync("Usage: ErpCrm.Web [command]\n\nCommands:\n" + string.Join("\n", CommandLine.Verbs.Select(v => "  " + v.Usage)));
                return 0;
            }
            var dataDirectory = CheckDataDirectory(command.Option("--data"));
            if (command.Verb.Name == "serve")
            {
                var app = ErpCrmWebHost.Build(new HostSettings { DataDirectory = dataDirectory, Urls = CheckUrls(command.Option("--urls")) });
                CheckConfiguration(app.Services);
                await app.RunAsync(cancellationToken);
                return 0;
            }

            await using var host = ErpCrmWebHost.Build(new HostSettings { DataDirectory = dataDirectory, CommandLineLogging = true, RunBackgroundWork = false });
            CheckConfiguration(host.Services);
            await host.Services.GetRequiredService<HostDatabase>().EnsureReadyAsync(cancellationToken);
            await host.Services.GetRequiredService<TenantService>().EnsureDefaultAsync(cancellationToken);
            var commands = new CliCommands(host.Services, stdout);
            return command.Verb.Name switch
            {
                "setup" => await commands.SetupAsync(command, cancellationToken),
                "features list" => await commands.FeaturesListAsync(command, cancellationToken),
                "features enable" => await commands.FeaturesChangeAsync(command, enable: true, cancellationToken),
                "features disable" => await commands.FeaturesChangeAsync(command, enable: false, cancellationToken),
                "tenants list" => await commands.TenantsListAsync(cancellationToken),
                "tenants create" => await commands.TenantsCreateAsync(command, cancellationToken),
                "tokens create" => await commands.TokensCreateAsync(command, cancellationToken),
                "recipes list" => await commands.RecipesListAsync(),
                "recipes run" => await commands.RecipesRunAsync(command, cancellationToken),
                "recipes export" => await commands.RecipesExportAsync(command, cancellationToken),
                _ => throw new CliException($"'{command.Verb.Name}' is not implemented."),
            };
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            // A setting of the host's configuration (appsettings.json, ErpCrm__… environment variables) is out of range: the operator's to fix.
            await stderr.WriteLineAsync($"error: {ErpCrm.Text.Sentence.End(string.Join(" ", e.Failures))}");
            return CliException.BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: cancelled.");
            return CliException.Failure;
        }
        catch (Exception e)
        {
            // Not the user's doing: say what failed in one line; the log (standard error) has the details.
            await stderr.WriteLineAsync($"error: {ErpCrm.Text.Sentence.End($"{command.Verb.Name} failed: {e.GetBaseException().Message}")}");
            return CliException.Failure;
        }
    }

    /// <summary>
    /// Checks every setting the host validates when it starts (options registered with ValidateOnStart) before any command runs, so
    /// that a setting out of range is one line of error (<see cref="OptionsValidationException"/>, exit 2) rather than a failure
    /// logged with its stack trace by the starting host, or one found only by the command that happens to need it.
    /// </summary>
    private static void CheckConfiguration(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The data folder must be a folder (or not exist yet, and then be creatable).</summary>
    private static string? CheckDataDirectory(string? path)
    {
        if (path is null)
        {
            return null;
        }
        if (File.Exists(path))
        {
            throw new CliException($"--data '{path}' is a file; it must be a folder.");
        }
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--data '{path}' cannot be used as the data folder: {e.Message}");
        }
        return Path.GetFullPath(path);
    }

    /// <summary>Kestrel's address list: <c>http(s)://host:port</c>, separated by ';' (host may be * or +).</summary>
    private static string? CheckUrls(string? urls)
    {
        if (urls is null)
        {
            return null;
        }
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = url.Replace("://*", "://localhost").Replace("://+", "://localhost");
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                throw new CliException($"--urls '{url}' is not an address to listen on, such as http://127.0.0.1:5000.");
            }
            if (uri.Port != 0 && !PortIsFree(uri))
            {
                throw new CliException($"--urls '{url}': port {uri.Port} is already in use; choose another port.");
            }
        }
        return urls;
    }

    /// <summary>Probes the port so that a taken one is a one-line error, not a failed start with Kestrel's stack trace.</summary>
    private static bool PortIsFree(Uri uri)
    {
        var address = uri.Host == "localhost" ? System.Net.IPAddress.Loopback
            : System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : System.Net.IPAddress.Any;
        try
        {
            var probe = new System.Net.Sockets.TcpListener(address, uri.Port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return true; // not ours to judge (e.g. an address of another machine): let Kestrel say
        }
    }

    internal static DatabaseProvider ParseDatabase(string? value) => value?.ToLowerInvariant() switch
    {
        null or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new CliException($"--database '{value}' is not supported: use sqlite or postgres."),
    };
}
