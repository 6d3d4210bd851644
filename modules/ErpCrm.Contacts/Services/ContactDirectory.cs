using ErpCrm.Security;

namespace ErpCrm.Contacts.Services;

/// <summary>The kernel's view of contacts (<see cref="IContactDirectory"/>), read from the contact index.</summary>
public sealed class ContactDirectory(ContactIndexQueries index) : IContactDirectory
{
    public async Task<bool> ExistsAsync(string contactId, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(contactId, cancellationToken) is not null;
}
