using ErpCrm.Leads.Pages.Admin.Leads;
using System.Globalization;
using ErpCrm.Contacts.Models;
using ErpCrm.Contacts.Services;
using ErpCrm.Data;
using ErpCrm.Leads.Models;
using ErpCrm.Security;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The "Leads" panel of a contact's page (Customer 360): the leads of a company or a person, read from the lead index — those
/// converted to it, those matched to it by duplicate detection on capture, and those with its email or phone — newest first,
/// each with its stage as a badge (won good, lost danger) and its expected revenue; "All leads" searches the lead list for the
/// contact's email (else its name) and "New lead" is offered to those who may manage leads.
/// </summary>
public sealed class LeadsContactPanel(IUnitOfWork unitOfWork, LeadService leads, ICurrentActor actor) : IContactPanel
{
    public const string Title = "Leads";

    /// <summary>How many leads the panel lists; a figure counts them all.</summary>
    public const int MaxRows = 10;

    public Permission? Permission => Permissions.ViewLeads;

    public int Position => 100;

    private sealed class Row
    {
        public string ContentItemId { get; init; } = "";
        public string? Stage { get; init; }
        public string Status { get; init; } = "";
        public long? Revenue { get; init; }
        public string? Currency { get; init; }
    }

    public async Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken)
    {
        var keys = ContactKeys.Of(context.Contact);
        var where = $"latest = @yes AND (company_id = @id OR person_id = @id OR contact_id = @id{(keys.Email is null ? "" : " OR email_key = @email")}{(keys.Phone is null ? "" : " OR phone_key = @phone")})";
        var parameters = new { yes = true, id = context.ContactId, email = keys.Email, phone = keys.Phone, take = MaxRows };
        var total = await unitOfWork.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM {LeadIndex.TableName} WHERE {where}", parameters, cancellationToken);
        var rows = await unitOfWork.QueryAsync<Row>(
            $"""
            SELECT content_item_id AS ContentItemId, stage AS Stage, status AS Status, expected_revenue AS Revenue, currency AS Currency
            FROM {LeadIndex.TableName} WHERE {where} ORDER BY created_utc DESC, content_item_id LIMIT @take
            """, parameters, cancellationToken);
        var shown = new List<ContactPanelRow>();
        foreach (var row in rows)
        {
            // Read through the lead service, so that a lead the user may not view is left out.
            if ((await leads.GetAsync(row.ContentItemId, cancellationToken)).Value is not { } lead)
            {
                continue;
            }
            var revenue = row.Revenue is { } minor && row.Currency is { } currency ? LeadReportService.Money(currency, minor).Text : "—";
            shown.Add(new ContactPanelRow(lead.Item.DisplayText ?? row.ContentItemId, LeadAdminUrls.Details(row.ContentItemId), [revenue],
                row.Stage, row.Status switch { "won" => ContactPanelTone.Good, "lost" => ContactPanelTone.Danger, _ => ContactPanelTone.Neutral }));
        }
        var search = ContactCard.Of(context.Contact) is var card && card.Email is { } email ? email : card.Name;
        var mayCreate = await actor.HoldsAsync(Permissions.ManageLeads.Name, cancellationToken);
        return new ContactPanelModel(Title)
        {
            Figures = total <= shown.Count ? [] : [new ContactPanelFigure("In all", total.ToString("N0", CultureInfo.InvariantCulture))],
            Columns = ["Expected revenue"],
            Rows = shown,
            EmptyText = "No leads yet.",
            SeeAll = new ContactPanelLink("All leads", LeadAdminUrls.ListSearching(search)),
            New = mayCreate ? new ContactPanelLink("New lead", Pages.Admin.Leads.LeadAdminUrls.New) : null,
        };
    }
}
