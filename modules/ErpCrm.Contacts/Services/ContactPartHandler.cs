using ErpCrm.Content;
using ErpCrm.Contacts.Models;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Gives every Company and Person a ContactPart, even one sent without it (a minimal API body, a recipe's item): the contact
/// index keys on that part, and without it the contact could be neither listed, found nor referenced by other modules.
/// </summary>
public sealed class ContactPartHandler : IContentHandler
{
    public Task CreatingAsync(ContentContext context) => EnsureAsync(context);

    public Task UpdatingAsync(ContentContext context) => EnsureAsync(context);

    private static Task EnsureAsync(ContentContext context)
    {
        if (ContactService.ContactTypes.Contains(context.Item.ContentType, StringComparer.OrdinalIgnoreCase))
        {
            context.Item.GetOrCreatePart(ContactKeys.PartName);
        }
        return Task.CompletedTask;
    }
}
