using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ErpCrm.Web.Pages.Shared;

/// <summary>A one-time message shown at the top of the next page (after a redirect): what a change did.</summary>
public sealed record Notice(string Kind, string Text)
{
    private const string Key = "erp:notice";

    public static void Set(ITempDataDictionary tempData, string text, string kind = "success") => tempData[Key] = kind + "|" + text;

    public static Notice? From(ITempDataDictionary tempData) =>
        tempData[Key] is string value && value.IndexOf('|') is var bar and > 0 ? new Notice(value[..bar], value[(bar + 1)..]) : null;
}
