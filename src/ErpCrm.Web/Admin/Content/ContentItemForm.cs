using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Web.Admin.Content.Fields;

namespace ErpCrm.Web.Admin.Content;

/// <summary>
/// The item editor's form and the item's JSON, both ways: <see cref="ValuesOf"/> fills the inputs from an item,
/// <see cref="Apply"/> writes posted inputs into an item. Each field's editor (<see cref="IContentFieldEditor"/>) reads and
/// writes its field's JSON object; the host does the parts no field type owns (a title, a body) and JSON. Only the properties
/// the inputs show change, so whatever else an item carries (parts and properties without an editor) is kept.
/// </summary>
public static class ContentItemForm
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The inputs' values for an item (a new item: none), by input name.</summary>
    public static Dictionary<string, string[]> ValuesOf(ContentEditor editor, ContentItem? item)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (item is null)
        {
            return values;
        }
        foreach (var field in editor.Fields)
        {
            var (part, name) = Split(field.Path);
            var partValue = item.Part(part);
            if (field.Editor is { } fieldEditor)
            {
                fieldEditor.Read(field.Context, partValue?[name!] as JsonObject, values);
            }
            else if (field.Widget == ContentWidget.Json)
            {
                var node = name is null ? item.Parts[part] : partValue?[name];
                values[field.Path] = [node is null ? "" : node.ToJsonString(Indented)];
            }
            else
            {
                values[field.Path] = [WidgetFieldEditor.Scalar(partValue?[field.Property])];
            }
        }
        return values;
    }

    /// <summary>
    /// Writes the posted inputs into <paramref name="item"/> (a copy of the item being edited, or a new one). Adds an
    /// error per input that cannot be written at all (JSON that does not parse), keyed by the input's name.
    /// </summary>
    public static void Apply(ContentEditor editor, IReadOnlyDictionary<string, string[]> form, ContentItem item, IDictionary<string, string> errors)
    {
        foreach (var field in editor.Fields)
        {
            var (partName, name) = Split(field.Path);
            if (field.Editor is null && field.Widget == ContentWidget.Json)
            {
                ApplyJson(field, WidgetFieldEditor.First(form, field.Path), item, partName, name, errors);
                continue;
            }
            var part = item.GetOrCreatePart(partName);
            if (field.Editor is { } fieldEditor)
            {
                var value = part[name!] as JsonObject ?? [];
                part[name!] = value;
                fieldEditor.Write(field.Context, form, value, errors);
                continue;
            }
            // A part's own text: a title (also the item's display text) or a body.
            var text = WidgetFieldEditor.First(form, field.Path);
            part[field.Property] = text;
            if (field.Widget == ContentWidget.Title && text.Trim().Length > 0)
            {
                item.DisplayText = text.Trim();
            }
        }
    }

    /// <summary>The posted form as Apply and the editor read it.</summary>
    public static Dictionary<string, string[]> Read(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form) =>
        form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);

    private static void ApplyJson(ContentFieldEditor field, string text, ContentItem item, string partName, string? name, IDictionary<string, string> errors)
    {
        JsonNode? node = null;
        if (text.Trim().Length > 0)
        {
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                errors[field.Path] = $"This is not valid JSON ({e.Message.Split(" Path:")[0]}).";
                return;
            }
            if (node is not JsonObject)
            {
                errors[field.Path] = "Enter a JSON object, e.g. {\"Name\": \"value\"}, or nothing.";
                return;
            }
        }
        if (name is null)
        {
            if (node is null) { item.Parts.Remove(partName); } else { item.Parts[partName] = node; }
        }
        else if (node is null)
        {
            item.Part(partName)?.Remove(name);
        }
        else
        {
            item.GetOrCreatePart(partName)[name] = node;
        }
    }

    private static (string Part, string? Name) Split(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (path, null) : (path[..dot], path[(dot + 1)..]);
    }
}
