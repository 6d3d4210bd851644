using ErpCrm.Content;

namespace ErpCrm.Web.Admin.Content;

/// <summary>The page a field of the item form sits on, as the field's frame (<c>_ContentField</c>) asks it.</summary>
public interface IContentFieldHost
{
    /// <summary>What the field's editor view reads: the field, its values, its errors that none of its inputs shows, a picker's options.</summary>
    ContentFieldEditorView ViewOf(ContentFieldEditor field);

    /// <summary>The items errors about the field are about, to link to next to it.</summary>
    IEnumerable<ContentErrorLink> LinksOf(ContentFieldEditor field);
}

/// <summary>How a field's frame finds its errors and links, the same for the item editor and a module's own editor.</summary>
public static class ContentFieldErrors
{
    /// <summary>Whether an error or link key is about the field (its path or an input below it).</summary>
    public static bool About(ContentFieldEditor field, string key) => key == field.Path || key.StartsWith(field.Path + ".", StringComparison.Ordinal);

    /// <summary>Whether the key is about the field and none of its inputs shows it (the tag helper shows errors of the inputs it knows).</summary>
    public static bool ShownBelow(ContentFieldEditor field, string key) => About(field, key) && !TaggedInputs(field).Contains(key);

    /// <summary>The inputs whose errors <see cref="FieldErrorTagHelper"/> shows itself (it leaves checkboxes to their group).</summary>
    private static IReadOnlyList<string> TaggedInputs(ContentFieldEditor field) =>
        field.Widget == ContentWidget.Boolean || (field.Widget == ContentWidget.Enumeration && field.Multiple) ? [] : field.InputNames;

    /// <summary>The view of a field with these values, options, errors and handlers.</summary>
    public static ContentFieldEditorView View(ContentFieldEditor field, IReadOnlyDictionary<string, string[]> values,
        IReadOnlyDictionary<string, IReadOnlyList<ContentOption>> options, IEnumerable<string> errors, string? handlerPath) => new()
    {
        Field = field.Context with { Hint = field.Hint },
        Model = field.Widget == ContentWidget.Custom ? field.Model : field,
        Values = values,
        Errors = errors.ToList(),
        Options = options.TryGetValue(field.Path, out var offered) ? offered : [],
        HandlerPath = handlerPath,
    };
}

/// <summary>A module's own editor as the host of the type's other fields (<see cref="ContentFieldsForm"/>).</summary>
public sealed class ContentFieldsHost(ContentFieldsForm form) : IContentFieldHost
{
    public ContentEditor Editor => (ContentEditor)form.Editor;

    public ContentFieldEditorView ViewOf(ContentFieldEditor field) =>
        ContentFieldErrors.View(field, form.Values, form.Options, form.Errors.Where(e => ContentFieldErrors.ShownBelow(field, e.Key)).Select(e => e.Value), form.HandlerPath);

    public IEnumerable<ContentErrorLink> LinksOf(ContentFieldEditor field) =>
        form.Links.Where(l => ContentFieldErrors.About(field, l.Key)).Select(l => l.Value);
}

/// <summary>
/// <see cref="IContentFieldsForm"/>: the item editor's form (<see cref="ContentEditor"/>, <see cref="ContentItemForm"/>) restricted to
/// the fields a module's editor does not show, with the item editor's pickers and handlers.
/// </summary>
public sealed class ContentFieldsFormService(ErpCrm.Core.Content.ContentDefinitionStore definitions, ContentPickerOptions pickers,
    ErpCrm.Modules.IFeatureServices<IContentPartType> partTypes, ErpCrm.Modules.IFeatureServices<IContentFieldEditor> fieldEditors, ErpCrm.Tenants.ITenantCulture culture)
    : IContentFieldsForm
{
    public async Task<ContentFieldsForm?> ForAsync(string contentType, ContentItem? item, IReadOnlyCollection<string> except, CancellationToken cancellationToken)
    {
        if (await definitions.SchemaAsync(contentType, cancellationToken) is not { } schema)
        {
            return null;
        }
        // Amounts an admin-added money or number field takes read and show in the tenant's culture, as in the item editor.
        var whole = ContentEditor.For(schema, partTypes, fieldEditors, await culture.GetNumbersAsync(cancellationToken));
        var editor = whole with
        {
            Parts = whole.Parts.Select(p => p with { Fields = p.Fields.Where(f => !except.Any(x => f.Path == x || f.Path.StartsWith(x + ".", StringComparison.Ordinal))).ToList() })
                .Where(p => p.Fields.Count > 0).ToList(),
        };
        var values = ContentItemForm.ValuesOf(editor, item);
        return new ContentFieldsForm
        {
            ContentType = schema.Type.Name, Paths = editor.Fields.Select(f => f.Path).ToList(), Editor = editor, Values = values,
            Options = await pickers.ForAsync(editor, values, cancellationToken),
            HandlerPath = item is null || item.ContentItemId.Length == 0 ? ContentAdminUrls.Create(schema.Type.Name) : ContentAdminUrls.Edit(schema.Type.Name, item.ContentItemId),
        };
    }

    public async Task<ContentFieldsForm> WriteAsync(ContentFieldsForm fields, IReadOnlyDictionary<string, string[]> posted, ContentItem item,
        IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var editor = (ContentEditor)fields.Editor;
        ContentItemForm.Apply(editor, posted, item, errors);
        return new ContentFieldsForm
        {
            ContentType = fields.ContentType, Paths = fields.Paths, Editor = editor, Values = posted, HandlerPath = fields.HandlerPath,
            Options = await pickers.ForAsync(editor, posted, cancellationToken),
        };
    }
}
