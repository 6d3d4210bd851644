using ErpCrm.Web.Cli;

namespace ErpCrm.Testing;

/// <summary>What one command printed, and how it ended.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Lines(Stdout);

    public string[] StderrLines => Lines(Stderr);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the command line in process, as a user would from a shell, against a data folder of its own that is
/// deleted afterwards. Each command builds and disposes a whole host, exactly like the executable does.
/// </summary>
public sealed class CliSession : IDisposable
{
    public string DataDirectory { get; } = TestFolders.Create("cli-");

    /// <summary>Runs <paramref name="args"/> with <c>--data</c> pointing at this session's folder, unless the arguments name one.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] withData = args.Any(a => a == "--data" || a.StartsWith("--data=", StringComparison.Ordinal)) ? args : [.. args, "--data", DataDirectory];
        var exitCode = await ErpCrmCli.RunAsync(withData, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command that must succeed.</summary>
    public async Task<CliRun> SucceedAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"'{string.Join(' ', args)}' failed:\n{run}");
        return run;
    }

    /// <summary>Sets up the Default tenant with the blank recipe.</summary>
    public Task<CliRun> SetUpAsync() => SucceedAsync("setup", "--recipe", "blank", "--admin-password", "Correct-horse-1");

    /// <summary>
    /// Runs a command that must be refused as bad input: exit code 2, standard error exactly one line that starts
    /// with "error: " and mentions every one of <paramref name="mentions"/>, no stack trace, nothing on standard output.
    /// Returns the message after "error: ".
    /// </summary>
    public async Task<string> RefusedAsync(string[] args, params string[] mentions)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 2, $"'{string.Join(' ', args)}' should exit 2:\n{run}");
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, line);
        }
        return line["error: ".Length..];
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
