using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>How a link field's text is given (Orchard Core's LinkTextMode).</summary>
internal enum LinkTextMode
{
    /// <summary>The editor may give a text.</summary>
    Optional,

    /// <summary>The editor must give a text.</summary>
    Required,

    /// <summary>The text is always the DefaultText setting.</summary>
    Static,

    /// <summary>The text is the URL.</summary>
    Url,
}

/// <summary>
/// <c>LinkField</c>: <c>{"Url": "…", "Text": "…"}</c> (Orchard Core's <c>Target</c> is kept as it came). The URL is stored
/// trimmed and must be absolute http, https or mailto, or a path on this site starting with '/'; other schemes
/// (javascript:, data:…) and protocol-relative URLs are refused. Settings <c>LinkFieldSettings</c>: Required, Hint,
/// HintLinkText, LinkTextMode, DefaultUrl, DefaultText (used when an item does not carry the field; the text of Static mode).
/// Errors are keyed by the property (Path.Url, Path.Text).
/// </summary>
internal sealed class LinkFieldType : ContentFieldTypeBase
{
    public const int MaxUrlLength = 2048;

    public override string Name => "LinkField";

    public override string DisplayName => "Link";

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) => IndexText(StringOf(value, "Url"));

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        StringOf(value, "Url") is not { } url ? null
        : StringOf(value, "Text") is { } text && text != url ? $"{text} ({url})" : url;

    protected override void CheckSettings(SettingsReader settings)
    {
        settings.Text("HintLinkText");
        settings.Enumeration<LinkTextMode>("LinkTextMode");
        settings.Text("DefaultText");
        if (settings.Text("DefaultUrl") is { Length: > 0 } url && !IsAllowedUrl(url.Trim()))
        {
            settings.Error("DefaultUrl", $"DefaultUrl {UrlRule}.");
        }
    }

    protected override void Validate(FieldInput input)
    {
        if (!input.TryGetText("Url", out var url, "Url") || !input.TryGetText("Text", out var text, "Text"))
        {
            return;
        }
        if (!input.Present)
        {
            url = input.Settings.Text("DefaultUrl");
            text = input.Settings.Text("DefaultText");
        }
        url = url?.Trim();
        if (!input.HasValue(string.IsNullOrEmpty(url)))
        {
            return;
        }
        if (!IsAllowedUrl(url!))
        {
            input.Error(UrlRule, "Url");
            return;
        }
        input.Value["Url"] = url;
        switch (input.Settings.Enumeration<LinkTextMode>("LinkTextMode") ?? LinkTextMode.Optional)
        {
            case LinkTextMode.Required when string.IsNullOrWhiteSpace(text):
                input.Error("needs a link text", "Text");
                break;
            case LinkTextMode.Static:
                input.Value["Text"] = input.Settings.Text("DefaultText");
                break;
            case LinkTextMode.Url:
                input.Value["Text"] = url;
                break;
            default:
                input.Value["Text"] = text;
                break;
        }
    }

    private const string UrlRule = "must be an http, https or mailto address, or a path on this site starting with '/'";

    /// <summary>Whether a (trimmed) URL is one a link may hold.</summary>
    public static bool IsAllowedUrl(string url)
    {
        if (url.Length == 0 || url.Length > MaxUrlLength || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            return false;
        }
        if (url[0] == '/')
        {
            // "//host/…" leaves the site.
            return url.Length == 1 || url[1] != '/';
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme switch
        {
            "http" or "https" => uri.Host.Length > 0,
            "mailto" => url.Length > "mailto:".Length,
            _ => false,
        };
    }
}
