using ErpCrm.Contacts.Services;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The names of the contacts lines carry, read through the Contacts module's service, so its view permission applies: a contact
/// the reader may not see (or one removed since) has no name and shows by its id. Each contact is read once per request.
/// </summary>
public sealed class PartnerNames(ContactService contacts)
{
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);

    public async Task<string?> NameOfAsync(string? contactId, CancellationToken cancellationToken)
    {
        if (contactId is null)
        {
            return null;
        }
        if (!_names.TryGetValue(contactId, out var name))
        {
            name = (await contacts.GetAsync(contactId, cancellationToken)).Value?.Item.DisplayText;
            _names[contactId] = name;
        }
        return name;
    }
}
