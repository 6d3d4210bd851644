using ErpCrm.Admin;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Contacts as pickers show them (<see cref="LookupItem"/>: the id, the name, the type and email): the active contacts whose name,
/// email or phone holds the text typed, read through the contact service, so only contacts the caller may view are answered.
/// </summary>
public sealed class ContactLookup(ContactService contacts)
{
    /// <summary>Up to <see cref="Lookups.MaxResults"/> active contacts matching <paramref name="text"/> (all, by name, when it is empty).</summary>
    public async Task<IReadOnlyList<LookupItem>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var (found, _) = await contacts.ListAsync(new ContactListRequest(text?.Trim(), null, null, 1, Lookups.MaxResults), cancellationToken);
        return found.Select(f => Item(ContactCard.Of(f.Item))).ToList();
    }

    private static LookupItem Item(ContactCard card) =>
        new(card.Id, card.Name, string.Join(" · ", new[] { card.Type, card.Email }.OfType<string>()));
}
