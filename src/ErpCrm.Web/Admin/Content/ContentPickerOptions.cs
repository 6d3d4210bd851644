using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Identity;

namespace ErpCrm.Web.Admin.Content;

/// <summary>
/// What the editor's pickers offer: items of the allowed types the user may view (the first
/// <see cref="MaxOptions"/> by display text, or those matching a search, read through <see cref="ContentQuery"/>), and
/// the tenant's users. Chosen values are always offered, so that saving never drops a choice the list does not show.
/// </summary>
public sealed class ContentPickerOptions(ContentQuery query, ContentDefinitionStore definitions, ContentItemStore store, ContentManager content, UserStore users)
{
    public const int MaxOptions = 50;

    private IReadOnlyList<ContentOption>? _users;

    /// <summary>The options of every picker of the editor, by field path.</summary>
    public async Task<Dictionary<string, IReadOnlyList<ContentOption>>> ForAsync(ContentEditor editor, IReadOnlyDictionary<string, string[]> values, CancellationToken cancellationToken)
    {
        var options = new Dictionary<string, IReadOnlyList<ContentOption>>(StringComparer.Ordinal);
        foreach (var field in editor.Fields.Where(f => f.Widget is ContentWidget.ContentPicker or ContentWidget.UserPicker))
        {
            var chosen = values.TryGetValue(field.Path, out var ids) ? ids : [];
            options[field.Path] = field.Widget == ContentWidget.UserPicker
                ? await UsersAsync(chosen, cancellationToken)
                : await ItemsAsync(field, null, chosen, cancellationToken);
        }
        return options;
    }

    /// <summary>Items of the picker's types whose display text contains <paramref name="search"/>, chosen ones first.</summary>
    public async Task<IReadOnlyList<ContentOption>> ItemsAsync(ContentFieldEditor field, string? search, IReadOnlyCollection<string> chosen, CancellationToken cancellationToken)
    {
        var types = field.PickedTypes.Count > 0 ? field.PickedTypes : (await definitions.ListTypesAsync(cancellationToken)).Select(t => t.Definition.Name).ToList();
        var found = new List<ContentOption>();
        foreach (var type in types)
        {
            var page = await query.ListAsync(type, new ContentListRequest { Search = search, Sort = "DisplayText", PageSize = MaxOptions }, cancellationToken);
            found.AddRange((page.Value?.Items ?? []).Select(i => new ContentOption(i.Item.ContentItemId, Label(i.Item.DisplayText, i.Item.ContentItemId, types.Count > 1 ? type : null))));
        }
        var offered = found.OrderBy(o => o.Text, StringComparer.CurrentCultureIgnoreCase).Take(MaxOptions).ToList();
        var chosenOptions = new List<ContentOption>();
        foreach (var id in chosen.Where(id => offered.All(o => o.Value != id)))
        {
            // A chosen item outside the list reads by its title only when the user may view it.
            var type = await store.ContentTypeOfAsync(id, cancellationToken);
            var item = type is null ? null : (await content.GetAsync(type, id, cancellationToken)).Value?.Item;
            chosenOptions.Add(new ContentOption(id, item is null ? id : Label(item.DisplayText, id, null)));
        }
        return [.. chosenOptions, .. offered];
    }

    private async Task<IReadOnlyList<ContentOption>> UsersAsync(IReadOnlyCollection<string> chosen, CancellationToken cancellationToken)
    {
        _users ??= (await users.ListAsync(cancellationToken))
            .Select(u => new ContentOption(u.Id.ToString(CultureInfo.InvariantCulture), u.DisplayName.Length > 0 && u.DisplayName != u.UserName ? $"{u.DisplayName} ({u.UserName})" : u.UserName))
            .ToList();
        return [.. chosen.Where(id => _users.All(u => u.Value != id)).Select(id => new ContentOption(id, id + " (unknown user)")), .. _users];
    }

    private static string Label(string? displayText, string id, string? type) =>
        (string.IsNullOrWhiteSpace(displayText) ? id : displayText) + (type is null ? "" : $" ({type})");
}
