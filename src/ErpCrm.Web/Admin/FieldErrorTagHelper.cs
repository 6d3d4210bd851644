using ErpCrm.Admin;
using ErpCrm.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ErpCrm.Web.Admin;

/// <summary>
/// Puts the page's error for a form field next to the field, on every page alike: a field whose name has an error in
/// <c>ModelState</c> gets <c>aria-invalid</c>, <c>aria-describedby</c> pointing at the message, Bootstrap's
/// <c>is-invalid</c>, and the message right after it as <c>&lt;p class="error" id="{id}-error"&gt;</c>.
/// </summary>
[HtmlTargetElement("input", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "name")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = output.Attributes["name"]?.Value?.ToString();
        // A group of checkboxes or radio buttons shows its error once, on its fieldset; an input its page already marks invalid shows
        // the error the page put next to it (a module's item editor, ContentItemEditorPage), which the form's summary lists too.
        if (string.IsNullOrEmpty(name) || output.Attributes["type"]?.Value?.ToString() is "hidden" or "checkbox" or "radio"
            || output.Attributes["aria-invalid"]?.Value?.ToString() == "true"
            || !ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }
        var id = output.Attributes["id"]?.Value?.ToString() ?? name;
        var errorId = id + "-error";
        // The error's attributes follow the id, so that whoever reads the markup finds them together.
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.RemoveAll("aria-describedby");
        var at = output.Attributes.IndexOfName("id") + 1;
        output.Attributes.Insert(at, new TagHelperAttribute("aria-invalid", "true"));
        output.Attributes.Insert(at + 1, new TagHelperAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : describedBy + " " + errorId));
        var css = output.Attributes["class"]?.Value?.ToString();
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(css) ? "is-invalid" : css + " is-invalid");

        var message = new TagBuilder("p");
        message.AddCssClass("error");
        message.Attributes["id"] = errorId;
        // A message that names the field by its path names it by the label the page shows.
        var label = FormErrorSummary.LabelOf(ViewContext.HttpContext, id) ?? output.Attributes["aria-label"]?.Value?.ToString();
        message.InnerHtml.Append(string.Join(" ", entry.Errors.Select(e => FormMessages.Labelled(name, e.ErrorMessage, label))));
        output.PostElement.AppendHtml(message);
    }
}
