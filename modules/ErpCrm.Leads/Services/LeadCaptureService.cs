using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;
using ErpCrm.Contacts.Models;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Security;

namespace ErpCrm.Leads.Services;

/// <summary>What a web form (or the portal) sends to capture a lead. <see cref="Website"/> is a honeypot: people leave it empty.</summary>
public sealed record LeadCaptureRequest(string? Name, string? Email, string? Phone = null, string? Company = null, string? Source = null, string? Message = null, string? Website = null);

/// <summary>What a capture did: the lead that has the request now, and the lead or contact it repeated, if any.</summary>
/// <param name="Created">Whether a new lead was stored (false when the request was added to an open lead).</param>
public sealed record LeadCaptureResult(string LeadId, string? DuplicateOf, bool Created);

/// <summary>
/// Captures leads from public forms. Invariants:
/// - nothing is stored unless the request is valid: a name (at most <see cref="MaxNameLength"/>), a valid email, and every other
///   field within its length; a filled honeypot is refused like a bad field (nothing stored, nothing said about why it matters);
/// - the same email or phone (keys as contacts make them) as an open lead adds the message to that lead's notes and history,
///   and stores no new lead;
/// - the same email or phone as a contact stores a new lead linked to that contact;
/// - the new lead gets its stage, score and owner from the pipeline's rules (<see cref="LeadContentHandler"/>);
/// - the lead is stored as the system (<see cref="ISystemAccess"/>): the caller is an anonymous visitor, let in by the endpoint.
/// Two concurrent captures of the same new email may both store a lead: detection helps people, it is not a constraint.
/// </summary>
public sealed class LeadCaptureService(
    IContentItemService content, LeadIndexQueries leads, ContactIndexQueries contacts, LeadHistory history, ISystemAccess system, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 256;
    public const int MaxPhoneLength = 50;
    public const int MaxCompanyLength = 200;
    public const int MaxSourceLength = 100;
    public const int MaxMessageLength = 4000;
    public const string DefaultSource = "Website";

    /// <summary>Every problem with the request, keyed by its JSON property name.</summary>
    public static Dictionary<string, string> Validate(LeadCaptureRequest request)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = "Your name is required.";
        }
        Length(errors, "name", request.Name, MaxNameLength);
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = "Your email address is required.";
        }
        else if (request.Email.Trim().Length > MaxEmailLength || !MailAddress.TryCreate(request.Email.Trim(), out var parsed) || parsed.Address != request.Email.Trim()
                 || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            errors["email"] = $"'{Shorten(request.Email)}' is not a valid email address (at most {MaxEmailLength} characters, such as ada@example.com).";
        }
        Length(errors, "phone", request.Phone, MaxPhoneLength);
        if (request.Phone is { } phone && !string.IsNullOrWhiteSpace(phone) && ContactKeys.PhoneKey(phone) is null)
        {
            errors["phone"] = "A phone number has digits.";
        }
        Length(errors, "company", request.Company, MaxCompanyLength);
        Length(errors, "source", request.Source, MaxSourceLength);
        Length(errors, "message", request.Message, MaxMessageLength);
        if (!string.IsNullOrEmpty(request.Website))
        {
            errors["website"] = "This field must be left empty.";
        }
        return errors;
    }

    public async Task<ContentResult<LeadCaptureResult>> CaptureAsync(LeadCaptureRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } errors)
        {
            return LeadResults.Invalid<LeadCaptureResult>(errors);
        }
        var email = request.Email!.Trim();
        var phone = Blank(request.Phone);
        var message = Blank(request.Message);
        var emailKey = ContactKeys.Lower(email);
        var phoneKey = ContactKeys.PhoneKey(phone);
        using var asSystem = system.Begin();
        if (await leads.FindOpenLeadAsync(emailKey, phoneKey, cancellationToken) is { } open)
        {
            return await AddToOpenLeadAsync(open, request, message, cancellationToken);
        }
        var contact = await contacts.FindDuplicateAsync(new ContactKeys(null, emailKey, phoneKey, null, false, false), null, cancellationToken);
        var name = request.Name!.Trim();
        var company = Blank(request.Company);
        var part = new JsonObject();
        LeadPartValues.SetText(part, LeadPartValues.ContactName, name);
        LeadPartValues.SetText(part, LeadPartValues.CompanyName, company);
        part[LeadPartValues.Email] = new JsonObject { ["Email"] = email };
        part[LeadPartValues.Phone] = new JsonObject { ["Phone"] = phone };
        LeadPartValues.SetText(part, LeadPartValues.Source, Blank(request.Source) ?? DefaultSource);
        LeadPartValues.SetText(part, LeadPartValues.Notes, message);
        LeadPartValues.SetIds(part, LeadPartValues.Contact, contact?.ContentItemId);
        var item = new ContentItem
        {
            ContentType = LeadPartValues.TypeName,
            Parts = new JsonObject
            {
                ["TitlePart"] = new JsonObject { ["Title"] = company is null ? name : $"{name} ({company})" },
                [LeadPartValues.PartName] = part,
            },
        };
        var created = await content.CreateAsync(LeadPartValues.TypeName, item, cancellationToken);
        return created.Value is { } stored
            ? LeadResults.Done(new LeadCaptureResult(stored.Item.ContentItemId, contact?.ContentItemId, Created: true))
            : LeadResults.Failed<StoredContentItem, LeadCaptureResult>(created);
    }

    private async Task<ContentResult<LeadCaptureResult>> AddToOpenLeadAsync(LeadRef open, LeadCaptureRequest request, string? message, CancellationToken cancellationToken)
    {
        var entry = $"Captured again{(Blank(request.Source) is { } source ? $" from {source}" : "")} on {clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC "
            + $"by {request.Name!.Trim()} <{request.Email!.Trim()}>{(message is null ? "." : $": {message}")}";
        var stored = await content.GetAsync(open.ContentType, open.ContentItemId, cancellationToken);
        if (stored.Value is null)
        {
            return LeadResults.Failed<StoredContentItem, LeadCaptureResult>(stored);
        }
        var item = stored.Value.Item.Clone();
        var part = item.GetOrCreatePart(LeadPartValues.PartName);
        var notes = LeadPartValues.Text(part, LeadPartValues.Notes);
        var combined = notes is null ? entry : $"{notes}\n\n{entry}";
        // The notes keep their length limit: the oldest text gives way, the history keeps every capture in full.
        LeadPartValues.SetText(part, LeadPartValues.Notes, combined.Length > MaxNotesLength ? combined[^MaxNotesLength..] : combined);
        var updated = await content.UpdateAsync(open.ContentType, open.ContentItemId, item, stored.Value.Revision, cancellationToken);
        if (updated.Value is null)
        {
            return LeadResults.Failed<StoredContentItem, LeadCaptureResult>(updated);
        }
        await history.RecordAsync(open.ContentItemId, "LeadCapturedAgain", entry, cancellationToken);
        return LeadResults.Done(new LeadCaptureResult(open.ContentItemId, open.ContentItemId, Created: false));
    }

    /// <summary>The Notes field's MaxLength in lead-types.json.</summary>
    public const int MaxNotesLength = 20000;

    private static void Length(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max && !errors.ContainsKey(field))
        {
            errors[field] = $"{field} has at most {max} characters; this one has {value.Trim().Length}.";
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
