using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The leads that refer to a contact — converted to it (<c>ConvertedCompany</c>, <c>ConvertedPerson</c>) or matched to it on capture
/// (<c>Contact</c>) — for the kernel's check before a contact is removed: a converted lead is the record of where a customer came
/// from, and its page and the lead report link to the contact it became.
/// </summary>
public sealed class LeadContactReferences(IUnitOfWork unitOfWork) : IContentReferenceProvider
{
    public async Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken)
    {
        var count = await unitOfWork.QuerySingleOrDefaultAsync<long>(
            $"SELECT COUNT(*) FROM {LeadIndex.TableName} WHERE latest = @yes AND (contact_id = @id OR company_id = @id OR person_id = @id)",
            new { yes = true, id = item.ContentItemId }, cancellationToken);
        return ContentReference.Of(count, "lead", "leads") is { } leads ? [leads] : [];
    }
}
