using System.Text.Json.Nodes;
using ErpCrm.Contacts.Models;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>The contacts a lead became.</summary>
public sealed record LeadConversion(string? CompanyId, string? PersonId);

/// <summary>
/// Converts a lead to contacts through <see cref="ContactService"/>. Invariants:
/// - a lead with a company name becomes a Company, one with a contact name a Person working for that company;
/// - an existing contact is reused rather than duplicated: the contact the lead was matched to on capture, else a contact with
///   the same email or phone (Contacts' duplicate detection), else a company with the same name; a reused person without a
///   company is linked to the lead's;
/// - converting is idempotent: a converted lead answers the contacts it became, and changes nothing;
/// - a lost lead is not converted (Conflict): reopen it first;
/// - all in the caller's unit of work, and <see cref="LeadConverted"/> is raised in it.
/// </summary>
public sealed class LeadConversionService(LeadService leads, ContactService contacts, IUnitOfWork unitOfWork)
{
    public async Task<Result<LeadConversion>> ConvertAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await leads.GetAsync(id, cancellationToken);
        if (stored.Value is null)
        {
            return stored.Failure!;
        }
        var lead = stored.Value.Item;
        var part = lead.Part(LeadPartValues.PartName);
        var done = new LeadConversion(LeadPartValues.FirstId(part, LeadPartValues.ConvertedCompany), LeadPartValues.FirstId(part, LeadPartValues.ConvertedPerson));
        if (done.CompanyId is not null || done.PersonId is not null)
        {
            return Result.Done(done);
        }
        if (LeadPartValues.StatusOf(part) == LeadStatus.Lost)
        {
            return Result.Conflict($"Lead '{id}' is lost ({LeadPartValues.Text(part, LeadPartValues.LostReason)}): a lost lead is not converted. Move it to an open stage first.");
        }
        var personName = LeadPartValues.Text(part, LeadPartValues.ContactName);
        var companyName = LeadPartValues.Text(part, LeadPartValues.CompanyName);
        if (personName is null && companyName is null)
        {
            return Result.Invalid($"{LeadPartValues.PartName}.{LeadPartValues.ContactName}",
                "A lead converts to a company (its company name) and/or a person (its contact name); this lead has neither.");
        }
        var linked = LeadPartValues.FirstId(part, LeadPartValues.Contact) is { } contactId ? (await contacts.GetAsync(contactId, cancellationToken)).Value?.Item : null;
        string? companyId = null;
        if (companyName is not null)
        {
            var company = await CompanyAsync(companyName, linked, withKeys: personName is null, part, cancellationToken);
            if (company.Value is null)
            {
                return company.Failure!;
            }
            companyId = company.Value;
        }
        string? personId = null;
        if (personName is not null)
        {
            var person = await PersonAsync(personName, companyId, linked, part, cancellationToken);
            if (person.Value is null)
            {
                return person.Failure!;
            }
            personId = person.Value;
        }
        var updated = await leads.ChangeAsync(id, stored.Value.Revision, p =>
        {
            LeadPartValues.SetIds(p, LeadPartValues.ConvertedCompany, companyId);
            LeadPartValues.SetIds(p, LeadPartValues.ConvertedPerson, personId);
        }, cancellationToken);
        if (updated.Value is null)
        {
            return updated.Failure!;
        }
        await unitOfWork.PublishAsync(new LeadConverted(id, companyId, personId), cancellationToken);
        return Result.Done(new LeadConversion(companyId, personId));
    }

    private async Task<Result<string>> CompanyAsync(string name, ContentItem? linked, bool withKeys, JsonObject? lead, CancellationToken cancellationToken)
    {
        if (linked?.ContentType == ContactService.Company)
        {
            return Result.Done(linked.ContentItemId);
        }
        var (sameName, _) = await contacts.ListAsync(new ContactListRequest(name, null, ContactService.Company, 1, 50), cancellationToken);
        if (sameName.FirstOrDefault(c => string.Equals(c.Item.DisplayText?.Trim(), name, StringComparison.OrdinalIgnoreCase)) is { } found)
        {
            return Result.Done(found.Item.ContentItemId);
        }
        return await CreateContactAsync(ContactService.Company, name, withKeys ? lead : null, null, cancellationToken);
    }

    private async Task<Result<string>> PersonAsync(string name, string? companyId, ContentItem? linked, JsonObject? lead, CancellationToken cancellationToken)
    {
        if (linked?.ContentType == ContactService.Person)
        {
            return await LinkToCompanyAsync(linked, companyId, cancellationToken);
        }
        return await CreateContactAsync(ContactService.Person, name, lead, companyId, cancellationToken);
    }

    /// <summary>Creates the contact, or reuses the one of the same type that shares its email or phone.</summary>
    private async Task<Result<string>> CreateContactAsync(string type, string name, JsonObject? keysOf, string? companyId, CancellationToken cancellationToken)
    {
        var item = new ContentItem
        {
            ContentType = type,
            Parts = new JsonObject
            {
                ["TitlePart"] = new JsonObject { ["Title"] = name },
                [ContactKeys.PartName] = new JsonObject
                {
                    ["Email"] = new JsonObject { ["Email"] = LeadPartValues.EmailOf(keysOf) },
                    ["Phone"] = new JsonObject { ["Phone"] = LeadPartValues.PhoneOf(keysOf) },
                    ["IsCustomer"] = new JsonObject { ["Value"] = false },
                    ["IsSupplier"] = new JsonObject { ["Value"] = false },
                },
            },
        };
        if (type == ContactService.Person)
        {
            item.Parts[PersonIndex.Part] = new JsonObject { ["Company"] = new JsonObject { ["ContentItemIds"] = companyId is null ? new JsonArray() : new JsonArray(companyId) } };
        }
        var created = await contacts.CreateAsync(item, allowDuplicate: false, cancellationToken);
        if (created.Failure is DuplicateContactFailure { Duplicate: var duplicate })
        {
            if (duplicate.ContentType == type)
            {
                var existing = await contacts.GetAsync(duplicate.ContentItemId, cancellationToken);
                return existing.Value is null ? existing.Failure! : await LinkToCompanyAsync(existing.Value.Item, companyId, cancellationToken);
            }
            // A person may share a company's switchboard number or address: a contact of the other type is no reason not to create it.
            created = await contacts.CreateAsync(item, allowDuplicate: true, cancellationToken);
        }
        return created.Value is { } stored ? Result.Done(stored.Item.ContentItemId) : created.Failure!;
    }

    private async Task<Result<string>> LinkToCompanyAsync(ContentItem contact, string? companyId, CancellationToken cancellationToken)
    {
        if (companyId is null || contact.ContentType != ContactService.Person || PersonIndex.CompanyId(contact.Part(PersonIndex.Part)) is not null)
        {
            return Result.Done(contact.ContentItemId);
        }
        var person = contact.Clone();
        person.GetOrCreatePart(PersonIndex.Part)["Company"] = new JsonObject { ["ContentItemIds"] = new JsonArray(companyId) };
        var updated = await contacts.UpdateAsync(person.ContentItemId, person, null, cancellationToken);
        return updated.Value is null ? updated.Failure! : Result.Done(person.ContentItemId);
    }
}
