using System.Net;
using System.Text.RegularExpressions;

namespace ErpCrm.Testing;

/// <summary>The error summary the kernel puts at the top of a posted form with errors (<c>#form-errors</c>), as tests read it.</summary>
public static partial class FormErrorsReader
{
    /// <summary>The summary's markup; fails the test when the page has none.</summary>
    public static string Summary(string html)
    {
        var match = SummaryBox().Match(html);
        Assert.True(match.Success, $"The page has no error summary: {html}");
        return match.Value;
    }

    /// <summary>The summary's links: the id of the input each points to, and its text.</summary>
    public static IReadOnlyList<(string Target, string Text)> Links(string summary) =>
        SummaryLink().Matches(summary).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    [GeneratedRegex("<div [^>]*id=\"form-errors\" role=\"alert\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex SummaryBox();

    [GeneratedRegex("<a href=\"#([^\"]+)\">([^<]*)</a>")]
    private static partial Regex SummaryLink();
}
