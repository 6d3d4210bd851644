namespace ErpCrm.Content;

/// <summary>
/// Receives a content item's lifecycle events, inside the unit of work of the change: what a handler writes commits
/// or rolls back with the item. Register implementations in a module's startup; they run while its feature is on.
/// Every method does nothing by default. A handler of a *ing event may refuse the change by adding errors to
/// <see cref="ContentContext.Errors"/> (reported to the caller as validation errors, nothing saved).
/// </summary>
public interface IContentHandler
{
    /// <summary>
    /// Before a new item is first stored (after field validation). The *ing events run even when a field was refused, so that a caller
    /// learns every error at once: <see cref="ContentContext.Errors"/> then already holds the fields' errors, and a value may not be
    /// what its field accepts (read values defensively).
    /// </summary>
    Task CreatingAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>After a new item was stored.</summary>
    Task CreatedAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>Before a change to an existing item is stored; <see cref="ContentContext.Previous"/> is the version it replaces.</summary>
    Task UpdatingAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>After a change to an existing item was stored.</summary>
    Task UpdatedAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>Before a version becomes the published one.</summary>
    Task PublishingAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>After a version became the published one.</summary>
    Task PublishedAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>Before an item is removed (soft: its versions stay, none is latest or published any more).</summary>
    Task RemovingAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>After an item was removed.</summary>
    Task RemovedAsync(ContentContext context) => Task.CompletedTask;
}

/// <summary>What a content handler is told.</summary>
public sealed class ContentContext
{
    /// <summary>The item (version) concerned.</summary>
    public required ContentItem Item { get; init; }

    /// <summary>The item's content type.</summary>
    public required ContentTypeDefinition Type { get; init; }

    /// <summary>The version being replaced on an update, else null.</summary>
    public ContentItem? Previous { get; init; }

    /// <summary>Errors by field path; a *ing handler adds to refuse the change.</summary>
    public required IDictionary<string, string> Errors { get; init; }

    /// <summary>
    /// The other items some of the errors are about, by the same field path (the contact a new one would duplicate): the refusal
    /// is then a <see cref="ContentRefusal"/>, and the admin's item form links to each next to its field.
    /// </summary>
    public IDictionary<string, ContentErrorLink> Links { get; init; } = new Dictionary<string, ContentErrorLink>();

    /// <summary>Cancels the change.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Another item an error is about: its name, and its admin page relative to the tenant (<c>/admin/contacts/{id}</c>).</summary>
public sealed record ContentErrorLink(string Text, string AdminPath);

/// <summary>
/// A change refused with field errors (<see cref="ResultStatus.Invalid"/>) of which some are about other items
/// (<see cref="ContentContext.Links"/>): the API answers it as any invalid change; a form links to the items.
/// </summary>
public sealed record ContentRefusal(IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, ContentErrorLink> Links)
    : Failure(ResultStatus.Invalid, Errors, string.Join(" ", Errors.Values));
