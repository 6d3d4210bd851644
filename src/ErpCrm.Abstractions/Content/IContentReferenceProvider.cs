namespace ErpCrm.Content;

/// <summary>
/// Tells the kernel which of a module's records refer to a content item, so that nothing a module keeps (journal lines, stock
/// moves, invoices, tickets, converted leads) is left pointing at an item that is gone: reports that name it and links to it
/// keep working.
/// </summary>
/// <remarks>
/// <para>
/// Before any content item is removed — through <c>/api/content</c>, a module's own API (<c>/api/contacts</c>), an admin page, a
/// recipe, an import or a module's service — the kernel asks every provider whose feature is on for the current tenant. When one
/// answers a reference, the removal is refused (409 Conflict) with a detail naming them all, e.g. "Company 'Acme' cannot be
/// deleted while other records refer to it: 12 posted journal lines, 1 lead.", and nothing changes. Modules that merge records
/// ask too (<see cref="IContentItemService.ReferencesToAsync"/>): Contacts keeps a merged-away contact that something still
/// refers to as an archived record pointing at the one kept, instead of removing it.
/// </para>
/// <para>
/// Implement it for each table of yours that stores content item ids, and register it in the startup of the feature that owns
/// the table (<c>services.AddScoped&lt;IContentReferenceProvider, MyReferences&gt;()</c>). The kernel resolves providers through
/// its feature-filtered enumeration: while your feature is off you are not asked (your rows are kept, but nothing protects what
/// they point at), so make the screens that read your rows cope with an item that was removed meanwhile.
/// </para>
/// <para>
/// Count what a person would expect to keep the item alive: posted and draft records alike (a draft pointing at a removed
/// item could never be completed). Answer quickly — one indexed count per kind of record — and only read: the question is asked
/// inside the unit of work of the removal.
/// </para>
/// </remarks>
public interface IContentReferenceProvider
{
    /// <summary>
    /// The kinds of your records that refer to <paramref name="item"/> (its latest version), each with how many; empty when none
    /// does. Items of any type are asked about: answer nothing for types you never refer to.
    /// </summary>
    Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken);
}

/// <summary>Records of one kind that refer to a content item: how many, and what they are as people read them.</summary>
/// <param name="Count">How many records (a kind with none is left out of the answer).</param>
/// <param name="Description">The records with their number, as a sentence names them: "12 posted journal lines", "1 lead".</param>
public sealed record ContentReference(long Count, string Description)
{
    /// <summary>
    /// A kind of record with its count and the right noun: <c>Of(12, "posted journal line", "posted journal lines")</c> is
    /// "12 posted journal lines"; null when <paramref name="count"/> is zero (nothing refers).
    /// </summary>
    public static ContentReference? Of(long count, string one, string many) =>
        count <= 0 ? null : new ContentReference(count, $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}");

    /// <summary>References as one list for a message: "12 posted journal lines, 1 lead".</summary>
    public static string Describe(IEnumerable<ContentReference> references) => string.Join(", ", references.Select(r => r.Description));
}
