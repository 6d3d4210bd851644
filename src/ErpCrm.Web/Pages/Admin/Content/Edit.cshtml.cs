using ErpCrm.Admin;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Modules;
using ErpCrm.Tenants;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Admin.Content;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Web.Pages.Admin.Content;

/// <summary>
/// Creates (at /admin/content/{type}/create, see <see cref="AdminServices"/>) and edits a content item with a form built
/// from its type's definition (<see cref="ContentEditor"/>, <see cref="ContentItemForm"/>). Changes go through
/// <see cref="ContentManager"/>, which holds the rules: permissions, validation by field path, drafts, and the revision
/// the form was opened at, so that a save over someone else's change is refused and the typed values stay.
/// </summary>
public sealed class EditModel(ContentDefinitionStore definitions, ContentManager content, ContentItemStore store, ContentAuthorizer authorizer,
    ContentPickerOptions pickers, IFeatureServices<IContentPartType> partTypes, IFeatureServices<IContentFieldEditor> fieldEditors,
    IFeatureServices<IContentItemEditor> ownEditors, ITenantCulture culture) : AdminPageModel, IContentFieldHost
{
    public const string StaleMessage = "This item was changed by someone else since you opened it. Your changes are not saved yet: "
        + "save again to replace theirs, or open the item again to see them.";

    [BindProperty(Name = "type", SupportsGet = true)] public string Type { get; set; } = "";
    [BindProperty(Name = "id", SupportsGet = true)] public string? Id { get; set; }

    public ContentEditor Editor { get; private set; } = null!;
    public StoredItem? Stored { get; private set; }
    public long? Revision { get; private set; }
    public string? Status { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanDelete { get; private set; }
    public bool IsStale { get; private set; }
    public IReadOnlyDictionary<string, string[]> Values { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, IReadOnlyList<ContentOption>> Options { get; private set; } = new Dictionary<string, IReadOnlyList<ContentOption>>();

    /// <summary>The items the refusal's errors are about (<see cref="ContentRefusal.Links"/>), by field path.</summary>
    public IReadOnlyDictionary<string, ContentErrorLink> ErrorLinks { get; private set; } = new Dictionary<string, ContentErrorLink>();

    /// <summary>The items errors about a field are about, to link to next to it.</summary>
    public IEnumerable<ContentErrorLink> LinksOf(ContentFieldEditor field) =>
        ErrorLinks.Where(l => ContentFieldErrors.About(field, l.Key)).Select(l => l.Value);

    public string TypeName => Editor.Schema.Type.DisplayName;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        // A type with a module's own editor opens there: this form would show the module's internal fields.
        if (OwnEditor(Id) is { } own)
        {
            return RedirectToAdmin(own);
        }
        Values = ContentItemForm.ValuesOf(Editor, Stored?.Item);
        Options = await pickers.ForAsync(Editor, Values, ct);
        return Page();
    }

    /// <summary>Saves (a draft, for a Draftable type) or, with <c>_action=publish</c>, saves and publishes.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "_revision")] long? revision, [FromForm(Name = "_action")] string? action, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        var form = ContentItemForm.Read(Request.Form);
        var item = Stored?.Item.Clone() ?? new ContentItem();
        var errors = new Dictionary<string, string>();
        ContentItemForm.Apply(Editor, form, item, errors);
        item.Published = action == "publish";
        Values = form;
        // The item goes to the service even when an input did not read (it keeps its stored value), so that the form shows the type's
        // and the handlers' errors with the inputs' in one round; a save that passed is then undone with the form's 400.
        var saved = Id is null ? await content.CreateAsync(Type, item, ct) : await content.UpdateAsync(Type, Id, item, revision, ct);
        if (saved.Value is { } stored && errors.Count == 0)
        {
            Notify($"{ContentAdminUrls.Title(stored.Item)} is {(stored.Item.Published ? Editor.Schema.Draftable ? "published" : "saved" : "saved as a draft")}.");
            return RedirectToAdmin(ContentAdminUrls.Edit(Type, stored.Item.ContentItemId));
        }
        ModelState.AddErrors(errors);
        if (saved.Failure is { } failure && Refusal(failure, errors) is { } answer)
        {
            return answer;
        }
        Options = await pickers.ForAsync(Editor, Values, ct);
        // After a stale save the form carries the current revision: saving again replaces the other change on purpose.
        return IsStale ? new PageResult { StatusCode = StatusCodes.Status409Conflict } : Invalid();
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromForm(Name = "_revision")] long? revision, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Stored is null)
        {
            return NotFound();
        }
        var removed = await content.RemoveAsync(Type, Stored.Item.ContentItemId, revision, ct);
        if (removed.Failure is { } failure)
        {
            if (failure.Status != ResultStatus.Conflict && failure.Status != ResultStatus.Invalid)
            {
                return Refusal(failure, new Dictionary<string, string>())!;
            }
            // A conflict is a stale form when the revision posted is not the current one; otherwise it is the item's state (records
            // that refer to it), which the detail names.
            var stale = failure.Status == ResultStatus.Conflict && revision is { } posted && posted != Stored.Revision;
            Notify(stale ? "This item was changed by someone else since you opened it; it is not deleted. Look at it again first." : failure.Detail, "danger");
            return RedirectToAdmin(OwnEditor(Stored.Item.ContentItemId) ?? ContentAdminUrls.Edit(Type, Stored.Item.ContentItemId));
        }
        Notify($"{ContentAdminUrls.Title(Stored.Item)} is deleted.");
        return RedirectToAdmin(ContentAdminUrls.List(Type));
    }

    /// <summary>Options of a content picker matching a search (htmx), the chosen ones kept.</summary>
    public async Task<IActionResult> OnGetPickerAsync([FromQuery(Name = "field")] string field, [FromQuery(Name = "_q")] string? search, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Editor.Fields.FirstOrDefault(f => f.Path == field && f.Widget == ContentWidget.ContentPicker) is not { } picker)
        {
            return NotFound();
        }
        var chosen = Request.Query[field].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        Values = new Dictionary<string, string[]> { [field] = [.. chosen] };
        Options = new Dictionary<string, IReadOnlyList<ContentOption>> { [field] = await pickers.ItemsAsync(picker, search, chosen, ct) };
        return Partial("_PickerOptions", ViewOf(picker));
    }

    /// <summary>A one-item content picker's lookup (js/picker.js): up to 20 items of its types the user may view matching <c>q</c>.</summary>
    public async Task<IActionResult> OnGetLookupAsync([FromQuery(Name = "field")] string field, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Editor.Fields.FirstOrDefault(f => f.Path == field && f.Widget == ContentWidget.ContentPicker && !f.Multiple) is not { } picker)
        {
            return NotFound();
        }
        var errors = new Dictionary<string, string>();
        var text = Lookups.Text(Request.Query, errors);
        if (errors.Count > 0)
        {
            return new ObjectResult(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => new[] { e.Value }))) { StatusCode = StatusCodes.Status400BadRequest };
        }
        var found = await pickers.ItemsAsync(picker, text.Length == 0 ? null : text, [], ct);
        return new JsonResult(found.Take(Lookups.MaxResults).Select(o => new LookupItem(o.Value, o.Text)));
    }

    /// <summary>
    /// What a field's editor view reads: the field (with the hint the form shows), the host's widget or the editor's own model,
    /// the inputs' values, the errors none of its inputs shows, and a picker's options.
    /// </summary>
    public ContentFieldEditorView ViewOf(ContentFieldEditor field) =>
        ContentFieldErrors.View(field, Values, Options, ErrorsWhere(key => ContentFieldErrors.ShownBelow(field, key)), null);

    private IEnumerable<string> ErrorsWhere(Func<string, bool> key) =>
        ModelState.Where(e => e.Value is { Errors.Count: > 0 } && key(e.Key)).SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage));

    /// <summary>The module's own editor of the item (or of a new one), where the type has one (<see cref="IContentItemEditor"/>).</summary>
    private string? OwnEditor(string? id) => ownEditors.Select(e => e.EditorPath(Type, id)).FirstOrDefault(p => p is not null);

    /// <summary>A page answer for a refusal, or null when it belongs on the form (field errors, a stale save).</summary>
    private IActionResult? Refusal(Failure failure, IReadOnlyDictionary<string, string> inputErrors)
    {
        switch (failure.Status)
        {
            case ResultStatus.NotFound:
                return NotFound();
            case ResultStatus.Forbidden:
                return Forbid();
            case ResultStatus.Conflict when Stored is not null:
                ModelState.AddModelError(string.Empty, StaleMessage);
                IsStale = true;
                return null;
            default:
                // An input that did not read has its own error; the service's about the same field (it saw the stored value) would mislead.
                var errors = failure.Errors.Where(e => !inputErrors.ContainsKey(e.Key)).ToDictionary();
                if (errors.Count > 0 || inputErrors.Count == 0)
                {
                    ModelState.AddFailure(new Failure(failure.Status, errors, failure.Detail), string.Empty, LabelOf);
                }
                ErrorLinks = (failure as ContentRefusal)?.Links ?? ErrorLinks;
                return null;
        }
    }

    /// <summary>The label the form shows for a field path (or a path under a field), for messages that name the field.</summary>
    private string? LabelOf(string path) =>
        Editor.Fields.FirstOrDefault(f => path == f.Path || path.StartsWith(f.Path + ".", StringComparison.Ordinal))?.Label;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await definitions.SchemaAsync(Type, ct) is not { } schema)
        {
            return NotFound();
        }
        Type = schema.Type.Name;
        Editor = ContentEditor.For(schema, partTypes, fieldEditors, await culture.GetNumbersAsync(ct));
        if (Id is null)
        {
            CanEdit = await authorizer.CanAsync(ContentAction.Edit, schema, authorizer.UserId, ct);
            CanPublish = CanEdit && (!schema.Draftable || await authorizer.CanAsync(ContentAction.Publish, schema, authorizer.UserId, ct));
            return CanEdit ? null : Forbid();
        }
        var got = await content.GetAsync(Type, Id, ct);
        if (got.Value is not { } stored)
        {
            return got.Failure!.Status == ResultStatus.Forbidden ? Forbid() : NotFound();
        }
        Stored = stored;
        Revision = stored.Revision;
        Status = ContentAdminUrls.Status(stored.Item, !stored.Item.Published && schema.Draftable && await store.PublishedAsync(stored.Item.ContentItemId, ct) is not null);
        CanEdit = await authorizer.CanAsync(ContentAction.Edit, schema, stored.Item.Owner, ct);
        CanPublish = CanEdit && (!schema.Draftable || await authorizer.CanAsync(ContentAction.Publish, schema, stored.Item.Owner, ct));
        CanDelete = await authorizer.CanAsync(ContentAction.Delete, schema, stored.Item.Owner, ct);
        return null;
    }
}
