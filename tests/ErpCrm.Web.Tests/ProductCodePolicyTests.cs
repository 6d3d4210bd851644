using System.Text.RegularExpressions;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Rules of the product code (src/ and modules/) that a review would otherwise have to catch: time comes from the host's
/// <see cref="TimeProvider"/> (which tests set), never from the machine's clock directly; and a recipe step is a file of its own.
/// </summary>
public sealed partial class ProductCodePolicyTests
{
    [Fact]
    public void Product_code_reads_the_time_from_the_TimeProvider_only()
    {
        var offences = Lines().Where(l => MachineClock().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal)).ToList();

        Assert.True(offences.Count == 0, "Use the injected TimeProvider:\n" + string.Join("\n", offences.Select(o => $"{o.File}:{o.Line}: {o.Text.Trim()}")));
    }

    [Fact]
    public void Every_recipe_step_is_a_file_of_its_own()
    {
        var files = Sources().Where(f => f.Contains($"{Path.DirectorySeparatorChar}Recipes{Path.DirectorySeparatorChar}")).ToList();
        var crowded = files.Select(f => (File: f, Steps: StepClass().Matches(File.ReadAllText(f)).Count)).Where(f => f.Steps > 1).ToList();

        Assert.Contains(files, f => StepClass().IsMatch(File.ReadAllText(f)));
        Assert.True(crowded.Count == 0, "One recipe step per file:\n" + string.Join("\n", crowded.Select(c => $"{Path.GetRelativePath(Root, c.File)}: {c.Steps} steps")));
    }

    private static readonly string Root = PageMarkupPolicyTests.RepositoryRoot();

    private static IEnumerable<string> Sources() =>
        new[] { "src", "modules" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));

    private static IEnumerable<(string File, int Line, string Text)> Lines() =>
        Sources().SelectMany(file => File.ReadAllLines(file).Select((text, i) => (Path.GetRelativePath(Root, file), i + 1, text)));

    [GeneratedRegex(@"\bDateTime(Offset)?\.(UtcNow|Now|Today)\b")]
    private static partial Regex MachineClock();

    /// <summary>A class that is a recipe step: implements IRecipeStep or derives from a step base class (…Step&lt;T&gt;, …Step).</summary>
    [GeneratedRegex(@"\bclass\s+\w+(<[^>]+>)?(\([^)]*\))?\s*:\s*(IRecipeStep\b|\w+Step\b)")]
    private static partial Regex StepClass();
}
