using System.Text.Json.Nodes;
using ErpCrm.Admin;
using ErpCrm.Content;
using ErpCrm.Contacts.Services;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ErpCrm.Contacts.Endpoints;

/// <summary>
/// Companies and people over HTTP, in Orchard Core's ContentItem JSON, like /api/content/{type} but without the type in the
/// URL, with a search over the contact index and duplicate detection on create. Answers about one contact carry its revision
/// as <c>ETag</c>; a PUT, DELETE, archive or restore with an older <c>If-Match</c> answers 409. A contact other records refer to
/// (posted journal lines, leads…) is not deleted (409 naming them): archive it instead.
/// </summary>
public static class ContactsApi
{
    public const int DefaultPageSize = ContactListQuery.DefaultPageSize;
    public const int MaxPageSize = ContactListQuery.MaxPageSize;

    public static void MapContactsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/contacts").WithTag(Tag, "Companies and people (content items of the Company and Person types): search, duplicates, merge, archive, CSV.");
        api.MapGet("", ListAsync).RequirePermission(Permissions.ViewContacts).WithName("ListContacts").WithSummary("A page of contacts, searched and filtered")
            .WithQuery("q", "Text searched in names, emails, phones and tax ids.")
            .WithQuery("role", "Customers or suppliers only.", ApiValueType.String, false, "customer", "supplier")
            .WithQuery("type", "Companies or people only.", ApiValueType.String, false, "Company", "Person")
            .WithQuery("archived", "true lists the archived contacts instead of the active ones.", ApiValueType.Boolean)
            .WithPaging(DefaultPageSize, MaxPageSize)
            .Produces<ContactPageDocument>();
        api.MapGet("/lookup", LookupAsync).RequirePermission(Permissions.ViewContacts).WithName("LookupContacts")
            .WithSummary("Up to 20 active contacts whose name, email or phone holds the text, as pickers list them")
            .WithQuery("q", "Text searched in names, emails and phones; empty lists the first contacts by name.")
            .Produces<IReadOnlyList<LookupItem>>();
        api.MapPost("", CreateAsync).RequirePermission(Permissions.ManageContacts).AcceptIdempotencyKey().WithName("CreateContact")
            .WithSummary("Creates a company or a person (409 with duplicateOf for a duplicate)")
            .WithQuery("allowDuplicate", "true creates the contact even when an active one has the same email, phone or tax id.", ApiValueType.Boolean)
            .Accepts<ContentItemDocument>("application/json").Produces<ContentItemDocument>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id}", GetAsync).RequirePermission(Permissions.ViewContacts).WithName("GetContact").WithSummary("A contact, its revision as ETag")
            .Produces<ContentItemDocument>();
        api.MapPut("/{id}", UpdateAsync).RequirePermission(Permissions.ManageContacts).WithIfMatch().WithName("UpdateContact").WithSummary("Replaces a contact's fields")
            .Accepts<ContentItemDocument>("application/json").Produces<ContentItemDocument>();
        api.MapDelete("/{id}", RemoveAsync).RequirePermission(Permissions.ManageContacts).WithIfMatch().WithName("DeleteContact")
            .WithSummary("Deletes a contact (409 naming the records that refer to it: archive it instead)");
        api.MapPost("/{id}/merge", MergeAsync).RequirePermission(Permissions.ManageContacts).WithName("MergeContact")
            .WithSummary("Merges the contact into another and removes or archives it").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/archive", ArchiveAsync).RequirePermission(Permissions.ManageContacts).WithIfMatch().WithName("ArchiveContact")
            .WithSummary("Archives a contact (lists leave it out)").Produces<ContentItemDocument>();
        api.MapPost("/{id}/restore", RestoreAsync).RequirePermission(Permissions.ManageContacts).WithIfMatch().WithName("RestoreContact")
            .WithSummary("Restores an archived contact").Produces<ContentItemDocument>();
    }

    /// <summary>The tag of the contacts' endpoints in the API reference.</summary>
    public const string Tag = "Contacts";

    /// <summary>A page of contacts, for the API reference (the answer is <see cref="ContactPageDto"/>).</summary>
    public sealed record ContactPageDocument(IReadOnlyList<ContentItemDocument> Items, long Total, int Page, int PageSize);

    /// <summary>What a merge asks: the id of the contact to keep.</summary>
    public sealed record MergeRequest(string? Into);

    /// <summary>
    /// What a merge answers: the contact kept (as it is now), how many records were repointed at it, and whether the duplicate was
    /// archived pointing at it (records that cannot be repointed, such as posted journal lines, refer to it) rather than removed.
    /// </summary>
    public sealed record MergeDto(JsonObject Kept, int Moved, bool DuplicateArchived);

    /// <summary>A page of contacts.</summary>
    public sealed record ContactPageDto(IReadOnlyList<JsonObject> Items, long Total, int Page, int PageSize);

    private static async Task<Results<Ok<ContactPageDto>, ValidationProblem>> ListAsync(
        HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var request = ContactListQuery.Parse(http.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var (items, total) = await contacts.ListAsync(request, ct);
        return TypedResults.Ok(new ContactPageDto(items.Select(i => content.Write(i.Item)).ToList(), total, request.Page, request.PageSize));
    }

    private static async Task<Results<Ok<IReadOnlyList<LookupItem>>, ValidationProblem>> LookupAsync(
        HttpContext http, ContactLookup lookup, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var text = Lookups.Text(http.Request.Query, errors);
        return errors.Count > 0 ? Invalid(errors) : TypedResults.Ok(await lookup.SearchAsync(text, ct));
    }

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonNode? body, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var allowDuplicate = http.Request.Query["allowDuplicate"].ToString() is "true" or "True";
        if (content.Read(body, errors) is not { } item)
        {
            return Invalid(errors);
        }
        var result = await contacts.CreateAsync(item, allowDuplicate, ct);
        if (result.Failure is DuplicateContactFailure { Duplicate: var duplicate })
        {
            return TypedResults.Problem(title: "Duplicate contact", detail: result.Detail, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?>
                {
                    ["duplicateOf"] = duplicate.ContentItemId,
                    ["field"] = $"ContactPart.{duplicate.Field}",
                    ["errors"] = result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
                });
        }
        return Answer(result, stored =>
        {
            ETags.SetETag(http, stored.Revision);
            return TypedResults.Created($"{http.Request.PathBase}/api/contacts/{Uri.EscapeDataString(stored.Item.ContentItemId)}", content.Write(stored.Item));
        });
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct) =>
        Answer(await contacts.GetAsync(id, ct), stored => Ok(http, content, stored));

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, JsonNode? body, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        var item = content.Read(body, errors);
        if (item is null || errors.Count > 0)
        {
            return Invalid(errors);
        }
        return Answer(await contacts.UpdateAsync(id, item, expected, ct), stored => Ok(http, content, stored));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        string id, HttpContext http, ContactService contacts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        return Answer(await contacts.RemoveAsync(id, expected, ct), _ => TypedResults.NoContent());
    }

    private static async Task<Results<Ok<MergeDto>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        string id, MergeRequest? request, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct) =>
        Answer(await contacts.MergeAsync(id, request?.Into, ct), merged =>
        {
            ETags.SetETag(http, merged.Kept.Revision);
            return TypedResults.Ok(new MergeDto(content.Write(merged.Kept.Item), merged.Moved, merged.DuplicateArchived));
        });

    private static Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> ArchiveAsync(
        string id, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct) =>
        SetArchivedAsync(id, true, http, contacts, content, ct);

    private static Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> RestoreAsync(
        string id, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct) =>
        SetArchivedAsync(id, false, http, contacts, content, ct);

    /// <summary>Archives (or restores) a contact: 200 with it as it is now; archiving an archived one changes nothing.</summary>
    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> SetArchivedAsync(
        string id, bool archived, HttpContext http, ContactService contacts, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        return Answer(await contacts.SetArchivedAsync(id, archived, expected, ct), stored => Ok(http, content, stored));
    }

    private static Ok<JsonObject> Ok(HttpContext http, IContentItemService content, StoredContentItem stored) => ApiResults.Item(http, content, stored);

    private static Results<TSuccess, ValidationProblem, ProblemHttpResult> Answer<T, TSuccess>(Result<T> result, Func<T, TSuccess> success)
        where TSuccess : IResult => ApiResults.Answer(result, success);

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) => ApiResults.Invalid(errors);
}
