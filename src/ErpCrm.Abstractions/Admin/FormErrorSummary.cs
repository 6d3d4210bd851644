using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Http;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ErpCrm.Admin;

/// <summary>
/// What the error summary of the form being rendered (<see cref="FormErrorSummaryTagHelper"/>) learns from its content: each input's
/// id and label by input name. Kept in the request's items while the form renders, because its inputs may be in partial views, which
/// do not share the tag helpers' context.
/// </summary>
public sealed partial class FormErrorSummary
{
    private static readonly object StackKey = new();
    private static readonly object CountKey = new();

    private readonly Dictionary<string, (string Id, string? AriaLabel, int Order)> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    /// <summary>The summary of the innermost form being rendered, or null outside a form that has errors to show.</summary>
    internal static FormErrorSummary? Current(HttpContext http) =>
        http.Items.TryGetValue(StackKey, out var stack) && stack is Stack<FormErrorSummary> { Count: > 0 } forms ? forms.Peek() : null;

    internal static void Push(HttpContext http, FormErrorSummary summary)
    {
        if (!http.Items.TryGetValue(StackKey, out var stack) || stack is not Stack<FormErrorSummary>)
        {
            stack = new Stack<FormErrorSummary>();
            http.Items[StackKey] = stack;
        }
        ((Stack<FormErrorSummary>)stack).Push(summary);
    }

    internal static void Pop(HttpContext http) => ((Stack<FormErrorSummary>)http.Items[StackKey]!).Pop();

    /// <summary>Records an input (the first one of a name wins: a radio group links to its first button).</summary>
    internal void Input(string name, string id, string? ariaLabel) => _inputs.TryAdd(name, (id, ariaLabel, _inputs.Count));

    /// <summary>Records the text of a label for an input id.</summary>
    internal void Label(string id, string html)
    {
        // A required marker ("*" for the eye, "(required)" for screen readers) is no part of the field's name.
        var text = Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(Markers().Replace(html, " "), " ")), " ").Trim().TrimEnd('*', ':').Trim();
        if (text.EndsWith("(optional)", StringComparison.Ordinal))
        {
            text = text[..^"(optional)".Length].TrimEnd();
        }
        if (text.Length > 0)
        {
            _labels.TryAdd(id, text);
        }
    }

    /// <summary>The input an error key is about: the input of that name, or the first whose name is under it (a field's amount under the field).</summary>
    internal (string Id, string? Label, int Order)? InputOf(string key)
    {
        if (key.Length == 0)
        {
            return null;
        }
        if (!_inputs.TryGetValue(key, out var input))
        {
            var under = _inputs.FirstOrDefault(i => i.Key.StartsWith(key + ".", StringComparison.Ordinal) || i.Key.StartsWith(key + "[", StringComparison.Ordinal));
            if (under.Key is null)
            {
                return null;
            }
            input = under.Value;
        }
        return (input.Id, _labels.TryGetValue(input.Id, out var label) ? label : input.AriaLabel, input.Order);
    }

    /// <summary>
    /// The label of an input already rendered in the form being rendered (labels usually come before their inputs), for a message
    /// next to it that names the field (<see cref="Http.FormMessages"/>); null outside a form with errors or for an unlabelled input.
    /// </summary>
    public static string? LabelOf(HttpContext http, string id) =>
        Current(http) is { } form && form._labels.TryGetValue(id, out var label) ? label : null;

    /// <summary>
    /// The summary of this form, or null when it shows none: the errors of its inputs, and, on the form that was posted, the errors
    /// about no input (the form as a whole, or fields the form does not show). The latter are listed once per page.
    /// </summary>
    internal IHtmlContent? Render(HttpContext http, ModelStateDictionary modelState, bool posted, bool inputsOnly = false)
    {
        var items = new List<(string Text, string? Id, int Order)>();
        var loose = new List<string>();
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }
            var input = InputOf(key);
            foreach (var error in entry.Errors.Where(e => e.ErrorMessage.Length > 0))
            {
                if (input is { } at)
                {
                    items.Add((FormMessages.Labelled(key, error.ErrorMessage, at.Label, named: true), at.Id, at.Order));
                }
                else
                {
                    loose.Add(error.ErrorMessage);
                }
            }
        }
        var count = http.Items.TryGetValue(CountKey, out var placed) ? (int)placed! : 0;
        if (items.Count == 0 && !posted)
        {
            return null;
        }
        // The errors about no input first, then the others in the order of their inputs on the form.
        items = [.. items.OrderBy(i => i.Order)];
        if (count == 0 && !inputsOnly)
        {
            items.InsertRange(0, loose.Select(text => (text, (string?)null, -1)));
        }
        if (items.Count == 0)
        {
            return null;
        }
        http.Items[CountKey] = count + 1;
        var id = count == 0 ? "form-errors" : "form-errors-" + (count + 1).ToString(CultureInfo.InvariantCulture);
        var box = new TagBuilder("div");
        box.AddCssClass("alert alert-danger erp-form-errors");
        box.Attributes["role"] = "alert";
        box.Attributes["id"] = id;
        box.Attributes["tabindex"] = "-1";
        box.Attributes["aria-labelledby"] = id + "-title";
        box.Attributes["data-form-errors"] = "";
        var title = new TagBuilder("h2");
        title.AddCssClass("h6");
        title.Attributes["id"] = id + "-title";
        title.InnerHtml.Append(items.Count == 1 ? "1 problem to fix" : $"{items.Count.ToString(CultureInfo.InvariantCulture)} problems to fix");
        var list = new TagBuilder("ul");
        list.AddCssClass("mb-0");
        foreach (var (text, inputId, _) in items)
        {
            var li = new TagBuilder("li");
            if (inputId is null)
            {
                li.InnerHtml.Append(text);
            }
            else
            {
                var link = new TagBuilder("a");
                link.Attributes["href"] = "#" + inputId;
                link.InnerHtml.Append(text);
                li.InnerHtml.AppendHtml(link);
            }
            list.InnerHtml.AppendHtml(li);
        }
        box.InnerHtml.AppendHtml(title);
        box.InnerHtml.AppendHtml(list);
        return box;
    }

    [GeneratedRegex("<span[^>]*(?:aria-hidden=\"true\"|visually-hidden)[^>]*>[^<]*</span>")]
    private static partial Regex Markers();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
