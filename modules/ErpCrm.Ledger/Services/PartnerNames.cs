using ErpCrm.Contacts.Services;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The names of the contacts lines carry, read through the Contacts module's service, so its view permission applies. An archived
/// contact (or one merged away and kept archived) is read like any other: a contact lines refer to is never removed while the
/// Ledger is on (<see cref="LedgerContactReferences"/>), it is archived instead. A contact the reader may not see (or one removed
/// while the Ledger was off) has no name and shows by its id. Each contact is read once per request.
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
