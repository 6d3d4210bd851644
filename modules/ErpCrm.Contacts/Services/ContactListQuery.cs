using ErpCrm.Http;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Reads what the contact list asks for from a query string, as /api/contacts and the contact list page take it:
/// <c>q</c> (name, email or phone), <c>role</c> (customer or supplier), <c>type</c> (Company or Person), <c>archived</c>
/// (true lists the archived contacts instead of the active ones), <c>page</c> and <c>pageSize</c>. Each bad value is named in the errors.
/// </summary>
public static class ContactListQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static ContactListRequest Parse(IQueryCollection query, IDictionary<string, string> errors)
    {
        var (role, type) = ContactListFilter.Read(query["role"], query["type"], errors);
        var page = ApiResults.QueryNumber(query, "page", 1, 1, int.MaxValue / MaxPageSize, errors);
        var pageSize = ApiResults.QueryNumber(query, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        var archived = query["archived"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            _ => ContactListFilter.Error<bool>(errors, "archived", "archived is true or false."),
        };
        return new ContactListRequest(query["q"].ToString(), role, type, page, pageSize, archived);
    }
}

/// <summary>The list's filter as its query parameters spell it (<c>role</c>, <c>type</c>), shared by the list, the export and their pages.</summary>
public static class ContactListFilter
{
    /// <summary>Reads <c>role</c> (customer or supplier) and <c>type</c> (Company or Person); empty is no filter; errors keyed by parameter.</summary>
    public static (ContactRole? Role, string? Type) Read(string? role, string? type, IDictionary<string, string> errors)
    {
        ContactRole? parsedRole = (role ?? "") switch
        {
            "" => null,
            var text when Enum.TryParse<ContactRole>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _) => parsed,
            _ => Error<ContactRole?>(errors, "role", "role is customer or supplier."),
        };
        var parsedType = (type ?? "") switch
        {
            "" => null,
            var text => ContactService.ContactTypes.FirstOrDefault(t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase))
                ?? Error<string?>(errors, "type", $"type is {string.Join(" or ", ContactService.ContactTypes)}."),
        };
        return (parsedRole, parsedType);
    }

    /// <summary>Names a bad parameter in the errors; answers the no-filter value.</summary>
    internal static T Error<T>(IDictionary<string, string> errors, string name, string message)
    {
        errors[name] = message;
        return default!;
    }
}
