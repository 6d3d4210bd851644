using System.Text.Encodings.Web;
using ErpCrm.Http;
using Microsoft.AspNetCore.Html;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// What a form of the ledger pages was sent with and what the services said about it, keyed by the inputs' names (which are the
/// services' error keys: <c>code</c>, <c>lines[1].debit</c>), so each error stands next to its input and every typed value stays.
/// <see cref="Form"/> names the form it belongs to, on pages with several.
/// </summary>
public sealed class FormFields(string form = "")
{
    public string Form { get; } = form;
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors no input shows (a conflict with the books' state, a missing record).</summary>
    public List<string> Problems { get; } = [];

    public string Value(string name) => Values.TryGetValue(name, out var value) ? value : "";

    public string? ErrorOf(string name) => Errors.TryGetValue(name, out var error) ? error : null;

    /// <summary>aria-invalid for an input: "true" when it has an error.</summary>
    public string? Invalid(string name) => Errors.ContainsKey(name) ? "true" : null;

    /// <summary>aria-describedby for an input with an error, naming the paragraph <see cref="ErrorFor"/> writes.</summary>
    public string? DescribedBy(string name, string id) => Errors.ContainsKey(name) ? id + "-error" : null;

    /// <summary>The error about an input as a paragraph next to it (<c>{id}-error</c>), or nothing.</summary>
    public IHtmlContent ErrorFor(string name, string id) =>
        ErrorOf(name) is { } error
            ? new HtmlContentBuilder().AppendHtml($"<p class=\"error\" id=\"{HtmlEncoder.Default.Encode(id)}-error\">").Append(error).AppendHtml("</p>")
            : HtmlString.Empty;

    /// <summary>
    /// Places the errors of a service: those of <paramref name="shown"/> inputs next to them, the others (and the detail when there are
    /// none) above the form. <paramref name="labelOf"/> names an input as the form labels it, for messages that name it by its key.
    /// </summary>
    public void Add(IReadOnlyDictionary<string, string> errors, string detail, IReadOnlyCollection<string> shown, Func<string, string?>? labelOf = null)
    {
        foreach (var (key, given) in errors)
        {
            var message = labelOf is null ? given : FormMessages.Labelled(key, given, labelOf(key));
            if (shown.Contains(key))
            {
                Errors[key] = Errors.TryGetValue(key, out var other) ? $"{other} {message}" : message;
            }
            else
            {
                Problems.Add(message);
            }
        }
        if (errors.Count == 0 && detail.Length > 0)
        {
            Problems.Add(detail);
        }
    }
}
