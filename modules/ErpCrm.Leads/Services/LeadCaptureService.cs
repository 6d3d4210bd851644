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

/// <summary>What a capture did with a valid request.</summary>
public enum LeadCaptureOutcome
{
    /// <summary>A new lead was stored (linked to the contact with the same email or phone, if any).</summary>
    Created,
    /// <summary>The request was kept as a message of the open lead with the same email or phone (<see cref="LeadMessages"/>).</summary>
    AddedToOpenLead,
    /// <summary>Nothing was stored: the honeypot was filled, or the open lead has had its day's messages.</summary>
    Ignored,
}

/// <summary>
/// What a capture did, for the module's own callers (tests, benchmarks, a future staff-side import). The public endpoint tells a
/// visitor none of it: it answers the same whatever happened.
/// </summary>
/// <param name="LeadId">The new lead, or the open lead the message was added to.</param>
/// <param name="DuplicateOf">The open lead or contact the request repeated, if any.</param>
public sealed record LeadCaptureResult(LeadCaptureOutcome Outcome, string? LeadId, string? DuplicateOf)
{
    /// <summary>Whether a new lead was stored.</summary>
    public bool Created => Outcome == LeadCaptureOutcome.Created;
}

/// <summary>
/// Captures leads from public forms. Invariants:
/// - nothing is stored unless the request is valid: a name (at most <see cref="MaxNameLength"/>), a valid email, and every other
///   field within its length; the errors name the visitor's own fields only, never what is stored;
/// - a filled honeypot stores nothing and is otherwise treated as a stored capture (<see cref="LeadCaptureOutcome.Ignored"/>),
///   so a bot cannot tell that it was caught;
/// - the same email or phone (keys as contacts make them) as an open lead keeps the request as a message of that lead
///   (<see cref="LeadMessages"/>, capped per lead and day) and records it in its history; the lead itself — its notes and
///   every field staff wrote — is not changed, and no new lead is stored;
/// - the same email or phone as a contact stores a new lead linked to that contact;
/// - the new lead gets its stage, score and owner from the pipeline's rules (<see cref="LeadContentHandler"/>);
/// - the lead is stored as the system (<see cref="ISystemAccess"/>): the caller is an anonymous visitor, let in by the endpoint,
///   which answers every valid capture alike so that the form cannot be used to learn who is a lead or a customer.
/// Two concurrent captures of the same new email may both store a lead: detection helps people, it is not a constraint.
/// </summary>
public sealed class LeadCaptureService(
    IContentItemService content, LeadIndexQueries leads, ContactIndexQueries contacts, LeadMessages messages, LeadHistory history, ISystemAccess system)
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 256;
    public const int MaxPhoneLength = 50;
    public const int MaxCompanyLength = 200;
    public const int MaxSourceLength = 100;
    public const int MaxMessageLength = 4000;
    public const string DefaultSource = "Website";

    /// <summary>
    /// The largest capture body read, in bytes (413 past it, before any of it is parsed). The largest valid capture — every field
    /// at its limit, about 4,800 characters — is under 15 KB in UTF-8 even when every character takes three bytes.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Every problem with the request, keyed by its JSON property name. The honeypot is not one: a bot is not told about it.</summary>
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
        return errors;
    }

    public async Task<Result<LeadCaptureResult>> CaptureAsync(LeadCaptureRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } errors)
        {
            return Result.Invalid(errors);
        }
        if (!string.IsNullOrEmpty(request.Website))
        {
            return Result.Done(new LeadCaptureResult(LeadCaptureOutcome.Ignored, null, null));
        }
        var email = request.Email!.Trim();
        var phone = Blank(request.Phone);
        var message = Blank(request.Message);
        var emailKey = ContactKeys.Lower(email);
        var phoneKey = ContactKeys.PhoneKey(phone);
        using var asSystem = system.Begin();
        if (await leads.FindOpenLeadAsync(emailKey, phoneKey, cancellationToken) is { } open)
        {
            return await AddToOpenLeadAsync(open, request, email, phone, message, cancellationToken);
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
            ? Result.Done(new LeadCaptureResult(LeadCaptureOutcome.Created, stored.Item.ContentItemId, contact?.ContentItemId))
            : created.Failure!;
    }

    private async Task<Result<LeadCaptureResult>> AddToOpenLeadAsync(
        LeadRef open, LeadCaptureRequest request, string email, string? phone, string? message, CancellationToken cancellationToken)
    {
        var name = request.Name!.Trim();
        var source = Blank(request.Source);
        var kept = await messages.AppendAsync(open.ContentItemId, new LeadMessage
        {
            LeadId = open.ContentItemId, Name = name, Email = email, Phone = phone, Company = Blank(request.Company), Source = source, Message = message,
        }, cancellationToken);
        if (!kept)
        {
            return Result.Done(new LeadCaptureResult(LeadCaptureOutcome.Ignored, open.ContentItemId, open.ContentItemId));
        }
        await history.RecordAsync(open.ContentItemId, "LeadCapturedAgain", $"{(source is null ? "" : $"from {source} ")}by {name} <{email}>; see its messages", cancellationToken);
        return Result.Done(new LeadCaptureResult(LeadCaptureOutcome.AddedToOpenLead, open.ContentItemId, open.ContentItemId));
    }

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
