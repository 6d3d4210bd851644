using ErpCrm.Content;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Admin;

/// <summary>
/// What a module's own item editor (see <see cref="IContentItemEditor"/>) shares with the host's: the values typed in its own
/// inputs (kept when a save is refused), the errors of a refusal next to the inputs they name, the rest in a summary, the
/// revision the form was opened at (a stale save says so and keeps the typed text), and the type's other fields
/// (<see cref="MoreFields"/>, those an admin added) below its own. Name the inputs by their content paths
/// (<c>LeadPart.Email</c>, <c>LeadPart.ExpectedRevenue.Amount</c>), the keys the content services name errors by; the page saves
/// through the module's service, which saves through the kernel's content items, so every rule of every path applies.
/// </summary>
public abstract class ContentItemEditorPage(IContentFieldsForm fieldsForm) : PageModel
{
    /// <summary>What a save over someone else's change says (the form then carries the current revision, so saving again replaces it).</summary>
    public const string StaleMessage = "This item was changed by someone else since you opened it. Your changes are not saved yet: "
        + "save again to replace theirs, or open the item again to see them.";

    /// <summary>The name of the hidden input holding the revision the form was opened at.</summary>
    public const string RevisionInput = "_revision";

    /// <summary>The revision the form was opened at (null for a new item).</summary>
    public long? Revision { get; protected set; }

    /// <summary>The type's fields the page does not show itself, shown below its own; null before they are loaded.</summary>
    public ContentFieldsForm? MoreFields { get; private set; }

    /// <summary>The own inputs' values by name: as stored, or as posted.</summary>
    public IReadOnlyDictionary<string, string> Values { get; protected set; } = new Dictionary<string, string>();

    /// <summary>The errors of the last save, by field path or input name.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>The items the errors are about (the contact a new one would duplicate), by field path.</summary>
    public IReadOnlyDictionary<string, ContentErrorLink> Links { get; private set; } = new Dictionary<string, ContentErrorLink>();

    /// <summary>Whether the last save was refused because someone else changed the item meanwhile.</summary>
    public bool IsStale { get; private set; }

    /// <summary>The value of an own input, "" when none.</summary>
    public string ValueOf(string name) => Values.TryGetValue(name, out var value) ? value : "";

    /// <summary>The errors about a field: its path or an input below it.</summary>
    public string? ErrorOf(string path)
    {
        var found = Errors.Where(e => Below(e.Key, path)).Select(e => e.Value).ToList();
        return found.Count == 0 ? null : string.Join(" ", found);
    }

    /// <summary>The items the errors about a field are about, to link to next to it.</summary>
    public IEnumerable<ContentErrorLink> LinksOf(string path) => Links.Where(l => Below(l.Key, path)).Select(l => l.Value);

    /// <summary>Loads the type's other fields for <paramref name="item"/> (null: a new item of <paramref name="contentType"/>).</summary>
    protected async Task LoadMoreFieldsAsync(string contentType, ContentItem? item, IReadOnlyCollection<string> except, CancellationToken cancellationToken) =>
        MoreFields = await fieldsForm.ForAsync(contentType, item, except, cancellationToken);

    /// <summary>
    /// Writes the posted inputs of the other fields into <paramref name="item"/>; answers the errors of inputs that cannot be
    /// written at all (the item is then not saved).
    /// </summary>
    protected async Task<IReadOnlyDictionary<string, string>> WriteMoreFieldsAsync(ContentItem item, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (MoreFields is { } fields)
        {
            var posted = Request.Form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
            MoreFields = await fieldsForm.WriteAsync(fields, posted, item, errors, cancellationToken);
        }
        return errors;
    }

    /// <summary>The own inputs' posted values, trimmed.</summary>
    protected Dictionary<string, string> Posted(IEnumerable<string> names) =>
        names.ToDictionary(n => n, n => Request.Form[n].ToString().Trim(), StringComparer.Ordinal);

    /// <summary>
    /// The answer to a refused save: the page again with the errors at their fields (400), or the stale message with the
    /// current revision (409); 403 and 404 as pages of their own. <paramref name="currentRevision"/> is the item's revision now.
    /// </summary>
    protected IActionResult Refused(Failure failure, long? currentRevision)
    {
        switch (failure.Status)
        {
            case ResultStatus.Forbidden:
                return Forbid();
            case ResultStatus.NotFound:
                return NotFound();
            case ResultStatus.Conflict when failure.Errors.Count == 0:
                IsStale = true;
                Revision = currentRevision ?? Revision;
                return Show(new Dictionary<string, string> { [""] = StaleMessage }, null, StatusCodes.Status409Conflict);
            default:
                return Show(failure.Errors.Count > 0 ? failure.Errors : new Dictionary<string, string> { [""] = failure.Detail },
                    (failure as ContentRefusal)?.Links, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The page again with these errors (a status of 400 or more rolls the unit of work back).</summary>
    protected IActionResult Show(IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, ContentErrorLink>? links, int status)
    {
        Errors = errors;
        Links = links ?? new Dictionary<string, ContentErrorLink>();
        // The form's summary at its top (FormErrorSummaryTagHelper) lists them from ModelState, each linked to its input by name.
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key, message);
        }
        MoreFields = MoreFields?.WithErrors(errors, links);
        return new PageResult { StatusCode = status };
    }

    private static bool Below(string key, string path) => key == path || key.StartsWith(path + ".", StringComparison.Ordinal);
}
