using ErpCrm.Content;

namespace ErpCrm.Web.Admin.Content;

/// <summary>The addresses of the content item pages (relative to the tenant, as <see cref="AdminPageModel.RedirectToAdmin"/> takes them).</summary>
public static class ContentAdminUrls
{
    public static string List(string type) => $"/admin/content/{Uri.EscapeDataString(type)}";

    public static string Create(string type) => List(type) + "/create";

    public static string Edit(string type, string id) => List(type) + "/" + Uri.EscapeDataString(id);

    public static string History(string type, string id) => Edit(type, id) + "/history";

    /// <summary>What a list or an editor says about an item's state: Published, Draft, or both when a draft follows a published version.</summary>
    public static string Status(ContentItem latest, bool hasPublishedVersion) =>
        latest.Published ? "Published" : hasPublishedVersion ? "Published, with a newer draft" : "Draft";

    /// <summary>The badge style of a <see cref="Status"/>.</summary>
    public static string StatusBadge(string status) => status switch
    {
        "Published" => "erp-badge-on",
        "Draft" => "erp-badge-off",
        _ => "erp-badge-warn",
    };

    /// <summary>The text that stands for an item in links: its display text, else its id.</summary>
    public static string Title(ContentItem item) => string.IsNullOrWhiteSpace(item.DisplayText) ? $"(untitled {item.ContentItemId})" : item.DisplayText;
}
