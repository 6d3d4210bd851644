using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// Cleans HTML that editors save (HtmlField, HtmlBodyPart): scripts, event-handler attributes, and URLs other than
/// http, https, mailto and relative ones are removed; ordinary formatting, links, images and tables stay.
/// One instance is shared: it is configured once here and HtmlSanitizer's Sanitize is safe to call from many threads.
/// </summary>
public sealed partial class ContentHtmlSanitizer
{
    private readonly HtmlSanitizer _sanitizer;

    public ContentHtmlSanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Add("mailto");
    }

    /// <summary>The HTML with everything unsafe removed.</summary>
    public string Sanitize(string html) => html.Length == 0 ? html : _sanitizer.Sanitize(html);

    /// <summary>The text of an HTML fragment, whitespace collapsed, for people to read in lists and diffs.</summary>
    public static string PlainText(string html)
    {
        var text = new HtmlParser().ParseDocument($"<body>{html}</body>").Body?.TextContent ?? "";
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
