using ErpCrm.Content;
using ErpCrm.Contacts.Models;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Gives every Company and Person a ContactPart, even one sent without it (a minimal API body, a recipe's item): the contact
/// index keys on that part, and without it the contact could be neither listed, found nor referenced by other modules. Then
/// holds <see cref="ContactRules"/> on every save, whatever path it takes: a name, and no duplicate of an active contact.
/// </summary>
public sealed class ContactPartHandler(ContactRules rules) : IContentHandler
{
    public Task CreatingAsync(ContentContext context) => CheckAsync(context);

    public Task UpdatingAsync(ContentContext context) => CheckAsync(context);

    private async Task CheckAsync(ContentContext context)
    {
        var item = context.Item;
        if (ContactService.ContactTypes.Contains(item.ContentType, StringComparer.OrdinalIgnoreCase))
        {
            item.GetOrCreatePart(ContactKeys.PartName);
            var hasTitlePart = context.Type.Parts.Any(p => p.Name == "TitlePart");
            if (!ContactRules.HasName(item, hasTitlePart) && (context.Previous is null || ContactRules.HasName(context.Previous, hasTitlePart)))
            {
                context.Errors.TryAdd(hasTitlePart ? ContactRules.TitlePath : nameof(ContentItem.DisplayText), ContactRules.NameRequired(item.ContentType));
            }
        }
        if (rules.DuplicatesAllowed || !context.Type.Parts.Any(p => p.PartName == ContactKeys.PartName)
            || ContactArchive.IsArchived(item.Part(ContactKeys.PartName)))
        {
            return;
        }
        if (await rules.DuplicateOfAsync(item, context.Previous, context.CancellationToken) is { } duplicate && context.Errors.TryAdd(duplicate.Path, duplicate.Message))
        {
            context.Links[duplicate.Path] = duplicate.Link;
        }
    }
}
