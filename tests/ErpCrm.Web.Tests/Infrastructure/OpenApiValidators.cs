using System.Diagnostics;

namespace ErpCrm.Testing;

/// <summary>What the validators said about a document, and whether every one of them found it clean.</summary>
public sealed record OpenApiValidation(bool Valid, string Output);

/// <summary>
/// Runs the real OpenAPI validators (tests/openapi/validate.mjs: the official schema, @readme/openapi-parser and Redocly's recommended
/// rules) on a document, with the machine's Node. test.sh installs them (<c>npm ci</c> in tests/openapi); when Node or the packages are
/// missing the test fails saying so, never skips.
/// </summary>
public static class OpenApiValidators
{
    public static async Task<OpenApiValidation> ValidateAsync(string documentJson)
    {
        var folder = Folder();
        var node = Node() ?? throw new InvalidOperationException(
            "Node.js was not found on PATH: the OpenAPI validators run on it. Install Node 20 (Debian package 'nodejs') and run 'bash test.sh', which installs the validators.");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@redocly", "cli")))
        {
            throw new InvalidOperationException(
                $"The OpenAPI validators are not installed in {folder}: run 'npm ci' there (bash test.sh does it before the tests).");
        }
        var file = Path.Combine(Path.GetTempPath(), $"erpcrm-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, documentJson);
        try
        {
            var start = new ProcessStartInfo(node, [Path.Combine(folder, "validate.mjs"), file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var valid = process.ExitCode == 0;
            if (valid)
            {
                File.Delete(file);
            }
            // An invalid document stays, so that the lines the validators name can be read.
            return new OpenApiValidation(valid, $"{await stdout}{await stderr}{(valid ? "" : $"\nThe document is kept at {file}.")}");
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    /// <summary>tests/openapi of the repository the test runs from.</summary>
    private static string Folder() => Path.Combine(RepositoryRoot(), "tests", "openapi");

    /// <summary>The repository the test runs from (the folder of ErpCrm.sln above the build output).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ErpCrm.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ErpCrm.sln above {AppContext.BaseDirectory}: the tests run from the repository's build output.");
    }

    private static string? Node() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);
}
