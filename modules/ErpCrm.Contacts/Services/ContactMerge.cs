using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Contacts.Models;
using ErpCrm.Data;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Moves what points at a contact onto another one, when a duplicate is merged into the contact kept. Modules whose
/// records point at contacts (leads, tickets, invoices…) implement it and register it in their startup. It runs inside the
/// merge's unit of work: a handler refuses the merge by adding to <see cref="ContactMergeContext.Errors"/>, and then
/// nothing changes.
/// </summary>
public interface IContactMergeHandler
{
    Task MergeAsync(ContactMergeContext context);
}

/// <summary>What merge handlers are told.</summary>
public sealed class ContactMergeContext
{
    /// <summary>The contact merged away (removed after the handlers ran).</summary>
    public required string DuplicateId { get; init; }

    /// <summary>The contact kept.</summary>
    public required string KeptId { get; init; }

    /// <summary>Errors by field; add to refuse the merge.</summary>
    public required IDictionary<string, string> Errors { get; init; }

    /// <summary>How many records the handlers repointed; each handler adds its own.</summary>
    public int Moved { get; set; }

    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Repoints the people who work for a merged company at the company kept.</summary>
public sealed class PersonCompanyMergeHandler(IUnitOfWork unitOfWork, IContentItemService content) : IContactMergeHandler
{
    public async Task MergeAsync(ContactMergeContext context)
    {
        var people = await unitOfWork.QueryAsync<ContactRef>(
            $"SELECT content_item_id AS ContentItemId, content_type AS ContentType FROM {PersonIndex.TableName} WHERE company_id = @id AND latest = @yes ORDER BY content_item_id",
            new { id = context.DuplicateId, yes = true }, context.CancellationToken);
        foreach (var person in people)
        {
            var stored = await content.GetAsync(person.ContentType, person.ContentItemId, context.CancellationToken);
            var updated = stored.Value is null ? null : await content.UpdateAsync(
                person.ContentType, person.ContentItemId, WithCompany(stored.Value.Item, context.KeptId), stored.Value.Revision, context.CancellationToken);
            if (updated?.Status != ResultStatus.Done)
            {
                context.Errors[person.ContentItemId] = $"{person.ContentType} '{person.ContentItemId}' could not be moved to the company kept: {updated?.Detail ?? stored.Detail}";
                return;
            }
            context.Moved++;
        }
    }

    private static ContentItem WithCompany(ContentItem person, string companyId)
    {
        var item = person.Clone();
        item.GetOrCreatePart(PersonIndex.Part)["Company"] = new JsonObject { ["ContentItemIds"] = new JsonArray(companyId) };
        return item;
    }
}
