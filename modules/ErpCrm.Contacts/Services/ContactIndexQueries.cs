using System.Text;
using ErpCrm.Contacts.Models;
using ErpCrm.Content;
using ErpCrm.Data;

namespace ErpCrm.Contacts.Services;

/// <summary>What the contact list asks for: active contacts, or with <paramref name="Archived"/> the archived ones.</summary>
public sealed record ContactListRequest(string? Search, ContactRole? Role, string? ContentType, int Page, int PageSize, bool Archived = false);

public enum ContactRole
{
    Customer,
    Supplier,
}

/// <summary>A contact found in the index: its id and type.</summary>
public sealed record ContactRef
{
    public string ContentItemId { get; init; } = "";
    public string ContentType { get; init; } = "";
}

/// <summary>An existing contact that shares a key with a new one.</summary>
/// <param name="Field">The field that matches: Email, Phone or TaxId (the ContactPart field's name).</param>
public sealed record ContactDuplicate(string Field, string ContentItemId, string ContentType);

/// <summary>
/// Reads the contact index (<see cref="ContactIndex"/>): only latest versions, so removed contacts are never found. Archived contacts
/// (<see cref="ContactArchive"/>) are found by their id, and by lists that ask for them, but never as a duplicate or a company's match.
/// Lists and their totals count only the contacts the caller may view (<see cref="IContentVisibility"/>).
/// </summary>
public sealed class ContactIndexQueries(IUnitOfWork unitOfWork, IContentVisibility visibility)
{
    /// <summary>One page of contacts, ordered by name, and how many match in all.</summary>
    public async Task<(IReadOnlyList<ContactRef> Page, long Total)> ListAsync(ContactListRequest request, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("c.latest = @yes AND c.archived = @archived");
        var search = ContactKeys.Lower(request.Search);
        var digits = ContactKeys.PhoneKey(request.Search);
        if (search is not null)
        {
            where.Append(" AND (c.display_name_key LIKE @like ESCAPE '\\' OR c.email_key LIKE @like ESCAPE '\\'");
            where.Append(digits is null ? ")" : " OR c.phone_key LIKE @digitsLike)");
        }
        if (request.Role is { } role)
        {
            where.Append(role == ContactRole.Customer ? " AND c.is_customer = @yes" : " AND c.is_supplier = @yes");
        }
        if (request.ContentType is not null)
        {
            where.Append(" AND c.content_type = @type");
        }
        var visible = await visibility.FilterAsync("c.content_type", "c.content_item_id", cancellationToken);
        where.Append(" AND ").Append(visible.Condition);
        var parameters = visible.With(new
        {
            yes = true,
            archived = request.Archived,
            like = search is null ? null : $"%{Escape(search)}%",
            digitsLike = digits is null ? null : $"%{digits}%",
            type = request.ContentType,
            take = request.PageSize,
            skip = (request.Page - 1) * request.PageSize,
        });
        var total = await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM {ContactIndex.TableName} c WHERE {where}", parameters, cancellationToken);
        var page = await unitOfWork.QueryAsync<ContactRef>(
            $"""
            SELECT c.content_item_id AS ContentItemId, c.content_type AS ContentType FROM {ContactIndex.TableName} c
            WHERE {where} ORDER BY c.display_name_key, c.content_item_id LIMIT @take OFFSET @skip
            """, parameters, cancellationToken);
        return (page, total);
    }

    /// <summary>The content type of a contact's latest version, or null when there is no such contact.</summary>
    public Task<string?> ContentTypeOfAsync(string contentItemId, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<string>(
            $"SELECT content_type FROM {ContactIndex.TableName} WHERE content_item_id = @contentItemId AND latest = @yes",
            new { contentItemId, yes = true }, cancellationToken);

    /// <summary>The first <paramref name="take"/> people who work for a company (but <paramref name="exceptId"/>), ordered by name, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<ContactRef> Page, long Total)> PeopleOfAsync(string companyId, string? exceptId, int take, CancellationToken cancellationToken)
    {
        var visible = await visibility.FilterAsync("p.content_type", "p.content_item_id", cancellationToken);
        var parameters = visible.With(new { companyId, except = exceptId ?? "", yes = true, take });
        var where = $"p.company_id = @companyId AND p.latest = @yes AND p.content_item_id <> @except AND {visible.Condition}";
        var total = await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM {PersonIndex.TableName} p WHERE {where}", parameters, cancellationToken);
        var page = await unitOfWork.QueryAsync<ContactRef>(
            $"""
            SELECT p.content_item_id AS ContentItemId, p.content_type AS ContentType FROM {PersonIndex.TableName} p
            LEFT JOIN {ContactIndex.TableName} c ON c.content_item_id = p.content_item_id AND c.latest = @yes
            WHERE {where} ORDER BY c.display_name_key, p.content_item_id LIMIT @take
            """, parameters, cancellationToken);
        return (page, total);
    }

    /// <summary>The first other contact that has the same email, phone digits or tax id, by that order of strength.</summary>
    public async Task<ContactDuplicate?> FindDuplicateAsync(ContactKeys keys, string? exceptContentItemId, CancellationToken cancellationToken)
    {
        // One query for the keys given (a capture or a save asks on every call), a branch per key so that each uses its own index:
        // the strongest key that matches wins, then the lowest id, as one query per key in that order would answer.
        var branches = DuplicateKeys
            .Select((key, strength) => (key.Column, Value: key.Of(keys), Strength: strength))
            .Where(k => k.Value is not null)
            .Select(k => $"""
                SELECT content_item_id AS ContentItemId, content_type AS ContentType, {k.Strength} AS Strength FROM {ContactIndex.TableName}
                WHERE {k.Column} = @{k.Column} AND latest = @yes AND archived = @no AND content_item_id <> @except
                """)
            .ToList();
        if (branches.Count == 0)
        {
            return null;
        }
        var found = await unitOfWork.QueryAsync<DuplicateRow>(
            $"SELECT ContentItemId, ContentType, Strength FROM ({string.Join(" UNION ALL ", branches)}) d ORDER BY Strength, ContentItemId LIMIT 1",
            new { email_key = keys.Email, phone_key = keys.Phone, tax_id_key = keys.TaxId, yes = true, no = false, except = exceptContentItemId ?? "" },
            cancellationToken);
        return found.Count == 0 ? null : new ContactDuplicate(DuplicateKeys[found[0].Strength].Field, found[0].ContentItemId, found[0].ContentType);
    }

    private static readonly (string Field, string Column, Func<ContactKeys, string?> Of)[] DuplicateKeys =
        [("Email", "email_key", k => k.Email), ("Phone", "phone_key", k => k.Phone), ("TaxId", "tax_id_key", k => k.TaxId)];

    private sealed record DuplicateRow
    {
        public string ContentItemId { get; init; } = "";
        public string ContentType { get; init; } = "";
        public int Strength { get; init; }
    }

    /// <summary>The ids of (at most two) companies whose name is <paramref name="name"/>, ignoring case: one is a match, two are ambiguous.</summary>
    public Task<IReadOnlyList<string>> CompaniesNamedAsync(string name, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<string>(
            $"""
            SELECT content_item_id FROM {ContactIndex.TableName}
            WHERE display_name_key = @key AND content_type = @type AND latest = @yes AND archived = @no ORDER BY content_item_id LIMIT 2
            """, new { key = ContactKeys.Lower(name), type = ContactService.Company, yes = true, no = false }, cancellationToken);

    /// <summary>How many (archived) contacts were merged into this one: they point at it, so it must stay.</summary>
    public Task<long> MergedIntoCountAsync(string contentItemId, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<long>(
            $"SELECT COUNT(*) FROM {ContactIndex.TableName} WHERE merged_into = @contentItemId AND latest = @yes",
            new { contentItemId, yes = true }, cancellationToken);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
