using ErpCrm.Content;
using ErpCrm.Security;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// A panel on a contact's page (<c>/admin/contacts/{id}</c>, the "Customer 360"): what a module knows about the contact —
/// its leads, open tickets, balance due, purchase orders… Register it in a startup of the module's feature
/// (<c>services.AddScoped&lt;IContactPanel, MyPanel&gt;()</c>) and list <c>ErpCrm.Contacts</c> in the feature's
/// Dependencies. The page resolves panels through the kernel's feature-filtered enumeration, so a panel shows only while
/// its feature is on, and only to users who hold <see cref="Permission"/>.
/// </summary>
/// <remarks>
/// A panel answers plain data (<see cref="ContactPanelModel"/>) that the page renders, so plugins need no views. A panel
/// that throws does not take the page down: the page logs the exception and shows the panel as unavailable. Panels run
/// one after the other on the request's unit of work: read, never write.
/// </remarks>
public interface IContactPanel
{
    /// <summary>Needed to see the panel, besides <c>ViewContacts</c> (which the page needs anyway); null for anyone who may view contacts.</summary>
    Permission? Permission { get; }

    /// <summary>Order on the page; lower comes first. Contacts' own panels use 0–99; modules use 100 and up.</summary>
    int Position { get; }

    /// <summary>What to show for the contact, or null when the panel has nothing to say about contacts of this kind
    /// (e.g. a supplier panel on a person): then it is left out. To say "none yet", answer a model with no rows.</summary>
    Task<ContactPanelModel?> GetModelAsync(ContactPanelContext context, CancellationToken cancellationToken);
}

/// <summary>The contact a panel is asked about.</summary>
/// <param name="Contact">The contact's latest version, as the content service reads it for the current user.</param>
public sealed record ContactPanelContext(ContentItem Contact)
{
    /// <summary>The contact's content item id.</summary>
    public string ContactId => Contact.ContentItemId;

    /// <summary>The contact's content type (<c>Company</c>, <c>Person</c>, or a type an admin attached ContactPart to).</summary>
    public string ContactType => Contact.ContentType;

    /// <summary>True for a person (an item with a PersonPart); false for a company or any other contact.</summary>
    public bool IsPerson => Contact.Part(Models.PersonIndex.Part) is not null;
}

/// <summary>
/// What a panel shows: a title, optional headline figures, rows, and links. Every text is encoded when shown. Addresses
/// are relative to the tenant and start with <c>/</c> (e.g. <c>/admin/leads/42</c>, <see cref="ContactAdminUrls"/> for
/// contacts); other addresses are shown as plain text, without a link.
/// </summary>
public sealed record ContactPanelModel(string Title)
{
    /// <summary>Headline numbers above the rows, e.g. "Balance due" / "1,250.00 EUR". Values are formatted by the panel.</summary>
    public IReadOnlyList<ContactPanelFigure> Figures { get; init; } = [];

    /// <summary>Headers of the rows' extra cells (<see cref="ContactPanelRow.Cells"/>), or empty for rows without a header line.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The rows, in the order shown. Keep them few (a page of the module's own list is the place for all of them).</summary>
    public IReadOnlyList<ContactPanelRow> Rows { get; init; } = [];

    /// <summary>Shown instead of the rows when there are none.</summary>
    public string EmptyText { get; init; } = "Nothing yet.";

    /// <summary>A link to everything of this kind for the contact (e.g. "All leads"), or null.</summary>
    public ContactPanelLink? SeeAll { get; init; }

    /// <summary>A link to create one for the contact (e.g. "New lead"), or null. Offer it only to users who may create.</summary>
    public ContactPanelLink? New { get; init; }
}

/// <summary>A headline figure of a panel.</summary>
public sealed record ContactPanelFigure(string Label, string Value);

/// <summary>A link of a panel (text and tenant-relative address).</summary>
public sealed record ContactPanelLink(string Text, string Url);

/// <summary>How a row's badge looks.</summary>
public enum ContactPanelTone
{
    /// <summary>Grey: a state without urgency (draft, closed).</summary>
    Neutral,
    /// <summary>Green: good (won, paid, open and on time).</summary>
    Good,
    /// <summary>Amber: needs a look (due soon, waiting).</summary>
    Warning,
    /// <summary>Red: needs action (overdue, escalated, lost).</summary>
    Danger,
}

/// <summary>A row of a panel.</summary>
/// <param name="Text">The row's main text (e.g. the lead's title).</param>
/// <param name="Url">Where the main text links to, tenant-relative, or null.</param>
/// <param name="Cells">Extra cells after the text (e.g. amount, date), in the order of <see cref="ContactPanelModel.Columns"/>.</param>
/// <param name="Badge">A short state shown as a badge (e.g. "Overdue"), or null.</param>
/// <param name="Tone">How the badge looks.</param>
public sealed record ContactPanelRow(string Text, string? Url = null, IReadOnlyList<string>? Cells = null, string? Badge = null,
    ContactPanelTone Tone = ContactPanelTone.Neutral);
