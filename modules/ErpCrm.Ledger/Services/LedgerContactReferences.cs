using ErpCrm.Content;
using ErpCrm.Data;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The journal lines that carry a contact (partner lines), for the kernel's check before a contact is removed. Posted lines never
/// change, so the contact they name must stay: the aged report, statements and the Customer 360 page go on naming it (archive it
/// instead). Draft lines count too: a draft whose contact is gone could never be posted ("Contact does not exist"), and a person
/// expects an invoice they are still writing to keep its customer, as Odoo and ERPNext refuse to delete a partner any journal item
/// refers to, draft or not.
/// </summary>
public sealed class LedgerContactReferences(IUnitOfWork unitOfWork) : IContentReferenceProvider
{
    private sealed class Counts
    {
        public long Posted { get; init; }
        public long Drafts { get; init; }
    }

    public async Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken)
    {
        // One pass over the partial index on contact_id: contacts are the only items lines refer to, and ids are unique across types.
        var counts = await unitOfWork.QuerySingleOrDefaultAsync<Counts>("""
            SELECT CAST(COALESCE(SUM(CASE WHEN posted = 1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS Posted,
                   CAST(COALESCE(SUM(CASE WHEN posted = 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS Drafts
            FROM ledger_lines WHERE contact_id = @id
            """, new { id = item.ContentItemId }, cancellationToken);
        return new[]
        {
            ContentReference.Of(counts?.Posted ?? 0, "posted journal line", "posted journal lines"),
            ContentReference.Of(counts?.Drafts ?? 0, "draft journal line", "draft journal lines"),
        }.OfType<ContentReference>().ToList();
    }
}
