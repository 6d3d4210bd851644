using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ErpCrm.Admin;

/// <summary>
/// Puts a summary of the page's errors (<c>ModelState</c>) at the top of a posted form, so that every form shows all its problems at
/// once without writing it: "3 problems to fix", then each error as a link to its input, naming the field by its label
/// (<c>&lt;label for&gt;</c>, else the input's <c>aria-label</c>), and the errors about no input. On a page with several forms it goes
/// on the forms whose inputs have errors, and the errors about no input on the form that was posted (its action is the request's
/// page and handler). Pages get it with <c>@addTagHelper *, ErpCrm.Abstractions</c> in their <c>_ViewImports.cshtml</c>.
/// </summary>
[HtmlTargetElement("form", Attributes = "[method=post]")]
public sealed class FormErrorSummaryTagHelper : TagHelper
{
    /// <summary>After the framework's form tag helper, which writes the action.</summary>
    public override int Order => 100;

    /// <summary>The page being rendered (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>
    /// <c>erp-summary="inputs"</c>: the page shows the errors about no input itself (a stale-version notice, a refused delete), so the
    /// summary lists only its inputs' errors.
    /// </summary>
    [HtmlAttributeName("erp-summary")]
    public string? Summary { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var posted = Summary != "inputs" && WasPosted(ViewContext.HttpContext.Request, AttributeText.Of(output, "action"));
        if (context.Items.TryGetValue(typeof(FormErrorSummary), out var found) && found is FormErrorSummary summary
            && summary.Render(ViewContext.HttpContext, ViewContext.ViewData.ModelState, posted, inputsOnly: Summary == "inputs") is { } box)
        {
            output.PreContent.AppendHtml(box);
        }
    }

    /// <summary>Whether this form is the one the request posted: it posts to the request's path (or has no action) with the same handler.</summary>
    private static bool WasPosted(HttpRequest request, string? action)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return false;
        }
        if (string.IsNullOrEmpty(action))
        {
            return true;
        }
        var query = action.IndexOf('?');
        var path = query < 0 ? action : action[..query];
        var handler = query < 0 ? "" : QueryHelpersHandler(action[(query + 1)..]);
        var requested = (request.PathBase + request.Path).Value ?? "";
        return string.Equals(path.TrimEnd('/'), requested.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            && string.Equals(handler, request.Query["handler"].ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static string QueryHelpersHandler(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue("handler", out var value) ? value.ToString() : "";
}

/// <summary>
/// Renders the content of a posted form with errors before any other tag helper of the form does (the framework's end-of-form helper
/// renders it too, and keeps what it rendered), so that the inputs and labels in it tell <see cref="FormErrorSummaryTagHelper"/> what
/// they are.
/// </summary>
[HtmlTargetElement("form", Attributes = "[method=post]")]
public sealed class FormErrorScopeTagHelper : TagHelper
{
    /// <summary>Before every other tag helper of the form.</summary>
    public override int Order => int.MinValue;

    /// <summary>The page being rendered (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.ModelState.ErrorCount == 0)
        {
            return;
        }
        var http = ViewContext.HttpContext;
        var summary = new FormErrorSummary();
        FormErrorSummary.Push(http, summary);
        try
        {
            await output.GetChildContentAsync();
        }
        finally
        {
            FormErrorSummary.Pop(http);
        }
        context.Items[typeof(FormErrorSummary)] = summary;
    }
}

/// <summary>Tells the error summary of the form around it which inputs the form has, by name, with their ids.</summary>
[HtmlTargetElement("input", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "name")]
public sealed class FormErrorInputTagHelper : TagHelper
{
    /// <summary>After the framework's tag helpers, which may write the id.</summary>
    public override int Order => 100;

    /// <summary>The page being rendered (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (FormErrorSummary.Current(ViewContext.HttpContext) is not { } form
            || AttributeText.Of(output, "name") is not { Length: > 0 } name
            || AttributeText.Of(output, "type") is "hidden"
            || AttributeText.Of(output, "id") is not { Length: > 0 } id)
        {
            return;
        }
        form.Input(name, id, AttributeText.Of(output, "aria-label"));
    }
}

/// <summary>Tells the error summary of the form around it the label of an input, by the input's id.</summary>
[HtmlTargetElement("label", Attributes = "for")]
public sealed class FormErrorLabelTagHelper : TagHelper
{
    /// <summary>After the framework's label tag helper (<c>asp-for</c>), which may write the text.</summary>
    public override int Order => 100;

    /// <summary>The page being rendered (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (FormErrorSummary.Current(ViewContext.HttpContext) is not { } form || AttributeText.Of(output, "for") is not { Length: > 0 } id)
        {
            return;
        }
        var text = output.IsContentModified ? output.Content.GetContent() : (await output.GetChildContentAsync()).GetContent();
        form.Label(id, text);
    }
}

/// <summary>An attribute's value as text, whether the page wrote it as a string or as markup (<c>id="line-@i-debit"</c>).</summary>
public static class AttributeText
{
    /// <summary>The text of the attribute <paramref name="name"/> of <paramref name="output"/>, or null.</summary>
    public static string? Of(TagHelperOutput output, string name)
    {
        switch (output.Attributes[name]?.Value)
        {
            case null:
                return null;
            case string text:
                return text;
            case IHtmlContent html:
                using (var writer = new StringWriter())
                {
                    html.WriteTo(writer, HtmlEncoder.Default);
                    return WebUtility.HtmlDecode(writer.ToString());
                }
            case var other:
                return other.ToString();
        }
    }
}
