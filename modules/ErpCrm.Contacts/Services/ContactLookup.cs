using ErpCrm.Admin;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Contacts as pickers show them (<see cref="LookupItem"/>: the id, the name, the type and email): the active contacts whose name,
/// email or phone holds the text typed, and the names of contacts already chosen. Both read through the content service, so only
/// contacts the caller may view are answered.
/// </summary>
public sealed class ContactLookup(ContactService contacts, ContactIndexQueries index, IContentItemService content)
{
    /// <summary>Up to <see cref="Lookups.MaxResults"/> active contacts matching <paramref name="text"/> (all, by name, when it is empty).</summary>
    public async Task<IReadOnlyList<LookupItem>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var (found, _) = await contacts.ListAsync(new ContactListRequest(text?.Trim(), null, null, 1, Lookups.MaxResults), cancellationToken);
        return found.Select(f => Item(ContactCard.Of(f.Item))).ToList();
    }

    /// <summary>The names of the contacts <paramref name="ids"/> the caller may view, by id (an unknown id is left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        foreach (var id in ids.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal))
        {
            if (await index.ContentTypeOfAsync(id, cancellationToken) is { } type)
            {
                found.Add((type, id));
            }
        }
        var items = await content.GetVisibleAsync(found, cancellationToken);
        return items.Select(i => ContactCard.Of(i.Item)).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
    }

    private static LookupItem Item(ContactCard card) =>
        new(card.Id, card.Name, string.Join(" · ", new[] { card.Type, card.Email }.OfType<string>()));
}
