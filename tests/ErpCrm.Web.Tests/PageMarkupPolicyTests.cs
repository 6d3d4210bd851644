using System.Text.RegularExpressions;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The Content-Security-Policy refuses inline script, event handlers and style attributes on every page; the browser tests catch
/// a page that breaks it only if they visit it. This reads every Razor view of the repository — the host's, every module's and
/// the test modules' — so that a page no browser test visits cannot break the policy unseen either.
/// </summary>
public sealed partial class PageMarkupPolicyTests
{
    [Fact]
    public void No_page_holds_an_inline_script_an_event_handler_or_a_style_attribute()
    {
        var root = RepositoryRoot();
        var views = new[] { "src", "modules", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cshtml", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToList();
        var offences = new List<string>();
        foreach (var view in views)
        {
            var lines = File.ReadAllLines(view);
            for (var i = 0; i < lines.Length; i++)
            {
                if (StyleAttribute().IsMatch(lines[i]) || EventHandler().IsMatch(lines[i]) || InlineScript().IsMatch(lines[i]))
                {
                    offences.Add($"{Path.GetRelativePath(root, view)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(views.Count > 50, $"Only {views.Count} views found under {root}.");
        Assert.True(offences.Count == 0, "Inline script, event handlers and style attributes break the Content-Security-Policy:\n" + string.Join("\n", offences));
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ErpCrm.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No ErpCrm.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"<[a-zA-Z][^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<[a-zA-Z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
