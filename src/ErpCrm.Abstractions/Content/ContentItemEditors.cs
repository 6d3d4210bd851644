namespace ErpCrm.Content;

/// <summary>
/// A module's own editor for the items of some content types (Leads' lead form, Contacts' company and person form). The host's
/// item editor sends a user who opens one of those items (or asks for a new one) to the module's page instead, so that the
/// generic form, which shows every field including the module's internal ones, is no back door around it. Register it in the
/// startup of the feature that owns the types (<c>services.AddScoped&lt;IContentItemEditor, LeadItemEditor&gt;()</c>); the
/// host asks only the enabled features' editors. The item editor still answers a post (and its pickers' and delete handlers), under
/// the same permissions and rules as the content API, which saves any field too: the redirect is about what a user is shown.
/// </summary>
public interface IContentItemEditor
{
    /// <summary>
    /// The address, relative to the tenant, of this module's editor for an item of <paramref name="contentType"/>
    /// (<paramref name="contentItemId"/> null: a new one), or null when the generic editor serves the type.
    /// </summary>
    string? EditorPath(string contentType, string? contentItemId);
}

/// <summary>
/// The fields of a content type that a module's own editor does not show itself — those an admin added to the type (a part
/// attached to it, a field added to one of its parts) —, rendered, read and written by the same field editors
/// (<see cref="IContentFieldEditor"/>) as the host's item editor. A module page gets them from <see cref="IContentFieldsForm"/>,
/// shows them with the host's partial <c>&lt;partial name="_ContentFields" model="Model.MoreFields" /&gt;</c> (a card per part,
/// each field with its hint, its errors and the links of a refusal) and writes the posted inputs into the item it saves.
/// </summary>
public sealed class ContentFieldsForm
{
    /// <summary>The content type.</summary>
    public required string ContentType { get; init; }

    /// <summary>The paths (<c>Part.Field</c>) of the fields shown: errors keyed by one of them, or below it, belong here.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>What the host renders the fields with; a module passes it on untouched.</summary>
    public required object Editor { get; init; }

    /// <summary>The inputs' values by name: as stored, or as posted when the form comes back.</summary>
    public IReadOnlyDictionary<string, string[]> Values { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The options of the fields' pickers, by field path.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ContentOption>> Options { get; init; } = new Dictionary<string, IReadOnlyList<ContentOption>>();

    /// <summary>The errors to show, by field path or input name (set them from a refusal with <see cref="WithErrors"/>).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The items a refusal's errors are about (<see cref="ContentRefusal.Links"/>), by field path.</summary>
    public IReadOnlyDictionary<string, ContentErrorLink> Links { get; init; } = new Dictionary<string, ContentErrorLink>();

    /// <summary>
    /// The page, relative to the tenant, whose handlers answer the fields' pickers (the host's item editor of the item): a module
    /// page need not answer them itself.
    /// </summary>
    public required string HandlerPath { get; init; }

    /// <summary>Whether there is no field to show.</summary>
    public bool IsEmpty => Paths.Count == 0;

    /// <summary>Whether an error keyed <paramref name="key"/> is about one of these fields.</summary>
    public bool Owns(string key) => Paths.Any(p => key == p || key.StartsWith(p + ".", StringComparison.Ordinal));

    /// <summary>The same fields showing the errors (and links) of a refusal that are about them.</summary>
    public ContentFieldsForm WithErrors(IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, ContentErrorLink>? links = null) => new()
    {
        ContentType = ContentType, Paths = Paths, Editor = Editor, Values = Values, Options = Options, HandlerPath = HandlerPath,
        Errors = errors.Where(e => Owns(e.Key)).ToDictionary(e => e.Key, e => e.Value),
        Links = (links ?? new Dictionary<string, ContentErrorLink>()).Where(l => Owns(l.Key)).ToDictionary(l => l.Key, l => l.Value),
    };
}

/// <summary>The host's seam for a module's own item editor: the type's other fields (<see cref="ContentFieldsForm"/>).</summary>
public interface IContentFieldsForm
{
    /// <summary>
    /// The fields of <paramref name="contentType"/> except <paramref name="except"/> — field paths (<c>LeadPart.Score</c>) or whole
    /// parts (<c>TitlePart</c>) the module shows itself or keeps internal —, filled from <paramref name="item"/> (null: a new
    /// item). Null when the type does not exist.
    /// </summary>
    Task<ContentFieldsForm?> ForAsync(string contentType, ContentItem? item, IReadOnlyCollection<string> except, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the posted inputs of the fields into <paramref name="item"/> (the copy about to be saved) and answers the fields
    /// holding what was posted, to show again if the save is refused. An input that cannot be written at all (JSON that does not
    /// parse) adds an error to <paramref name="errors"/> under its name.
    /// </summary>
    Task<ContentFieldsForm> WriteAsync(ContentFieldsForm fields, IReadOnlyDictionary<string, string[]> posted, ContentItem item,
        IDictionary<string, string> errors, CancellationToken cancellationToken);
}
