using ErpCrm.Data;

namespace ErpCrm.Content;

/// <summary>
/// What the kernel's content events say of the item concerned (the version stored, published or removed). Raised for every
/// content type inside the unit of work of the change, where the matching <see cref="IContentHandler"/> method runs (before
/// the modules' handlers); handle one type by testing <see cref="ContentType"/>.
/// </summary>
public abstract record ContentItemEvent : IDomainEvent
{
    /// <summary>The item's id.</summary>
    public string ContentItemId { get; init; } = "";

    /// <summary>The version concerned.</summary>
    public string ContentItemVersionId { get; init; } = "";

    /// <summary>The item's content type, e.g. <c>Lead</c>.</summary>
    public string ContentType { get; init; } = "";

    /// <summary>The item's title, when it has one.</summary>
    public string? DisplayText { get; init; }

    /// <summary>Whether this version is the published one.</summary>
    public bool Published { get; init; }

    /// <summary>The user key of its owner, when it has one.</summary>
    public string? Owner { get; init; }

    /// <summary>The user key of who last changed it, when known.</summary>
    public string? Author { get; init; }
}

/// <summary>A new content item was stored (<c>Content.ContentItemCreated</c>).</summary>
public sealed record ContentItemCreated : ContentItemEvent;

/// <summary>A change to a content item was stored (<c>Content.ContentItemUpdated</c>).</summary>
public sealed record ContentItemUpdated : ContentItemEvent;

/// <summary>A version of a content item became the published one (<c>Content.ContentItemPublished</c>).</summary>
public sealed record ContentItemPublished : ContentItemEvent;

/// <summary>A content item was removed (<c>Content.ContentItemRemoved</c>).</summary>
public sealed record ContentItemRemoved : ContentItemEvent;
