using System.Globalization;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Services;

/// <summary>A company's people: name (linking to their page), job title and email.</summary>
public sealed class CompanyPeoplePanel(ContactService contacts) : IContactPanel
{
    public const string Title = "People";

    /// <summary>How many people the panel lists; when there are more, a figure counts them all.</summary>
    public const int MaxRows = 25;

    public ErpCrm.Security.Permission? Permission => null;

    public int Position => 10;

    public async Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken)
    {
        if (context.IsPerson)
        {
            return null;
        }
        var (people, total) = await contacts.PeopleOfAsync(context.ContactId, null, MaxRows, cancellationToken);
        return PeopleModel(Title, people, total, "No people work here yet.") with
        {
            New = new ContactPanelLink("New person", ContactAdminUrls.NewPersonOf(context.ContactId)),
        };
    }

    /// <summary>A panel listing people, with their count as its figure.</summary>
    internal static ContactPanelModel PeopleModel(string title, IReadOnlyList<StoredContentItem> people, long total, string emptyText) => new(title)
    {
        // The rows say how many there are, unless there are more than the panel lists.
        Figures = total <= people.Count ? [] : [new ContactPanelFigure("In all", total.ToString("N0", CultureInfo.InvariantCulture))],
        Columns = ["Job title", "Email"],
        Rows = people.Select(p => ContactCard.Of(p.Item))
            .Select(p => new ContactPanelRow(p.Name, ContactAdminUrls.Details(p.Id), [p.JobTitle ?? "", p.Email ?? ""]))
            .ToList(),
        EmptyText = emptyText,
    };
}

/// <summary>The company a person works for, with how to reach it.</summary>
public sealed class PersonCompanyPanel(ContactService contacts) : IContactPanel
{
    public const string Title = "Company";

    public ErpCrm.Security.Permission? Permission => null;

    public int Position => 10;

    public async Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken)
    {
        if (!context.IsPerson)
        {
            return null;
        }
        var rows = new List<ContactPanelRow>();
        if (ContactCard.Of(context.Contact).CompanyId is { } companyId && (await contacts.GetAsync(companyId, cancellationToken)).Value is { } stored)
        {
            var company = ContactCard.Of(stored.Item);
            rows.Add(new ContactPanelRow(company.Name, ContactAdminUrls.Details(company.Id), [company.Email ?? "", company.Phone ?? ""],
                company.IsCustomer ? "Customer" : company.IsSupplier ? "Supplier" : null, ContactPanelTone.Good));
        }
        return new ContactPanelModel(Title) { Columns = ["Email", "Phone"], Rows = rows, EmptyText = "Not linked to a company." };
    }
}

/// <summary>The other people of a person's company.</summary>
public sealed class ColleaguesPanel(ContactService contacts) : IContactPanel
{
    public const string Title = "Colleagues";

    public ErpCrm.Security.Permission? Permission => null;

    public int Position => 20;

    public async Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken)
    {
        if (!context.IsPerson || ContactCard.Of(context.Contact).CompanyId is not { } companyId)
        {
            return null;
        }
        var (people, total) = await contacts.PeopleOfAsync(companyId, context.ContactId, CompanyPeoplePanel.MaxRows, cancellationToken);
        return CompanyPeoplePanel.PeopleModel(Title, people, total, "Nobody else works at this company yet.");
    }
}
