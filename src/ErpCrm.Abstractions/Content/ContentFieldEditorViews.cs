using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>An option of a select or of a group of checkboxes.</summary>
public sealed record ContentOption(string Value, string Text);

/// <summary>One field as an <see cref="IContentFieldEditor"/> edits it: where it sits in the item and what its definition says.</summary>
public sealed record ContentFieldEditorContext
{
    /// <summary>
    /// How the tenant's people type and read numbers (<see cref="Money.FormNumbers"/>): an editor of an amount or a number reads the
    /// input with <see cref="Money.FormNumbers.ToInvariant"/> and shows the stored value with <see cref="Money.FormNumbers.Show"/>.
    /// </summary>
    public Money.FormNumbers Numbers { get; init; } = Money.FormNumbers.Default;

    /// <summary>The field's path in the item, e.g. <c>Review.Rating</c>: name the inputs by it; the content services key errors by it.</summary>
    public required string Path { get; init; }

    /// <summary>The field's definition (its name, type and settings).</summary>
    public required ContentPartFieldDefinition Definition { get; init; }

    /// <summary>The name people read: the field's display name, else its name.</summary>
    public required string Label { get; init; }

    /// <summary>The hint shown under the field, if any.</summary>
    public string? Hint { get; init; }

    /// <summary>Whether the field needs a value.</summary>
    public bool Required { get; init; }

    /// <summary>The HTML id of the field's (first) input.</summary>
    public string Id => "f-" + Path.Replace('.', '-');

    /// <summary>The field type's own settings (<c>{FieldType}Settings</c>); empty when there are none.</summary>
    public JsonObject Settings => Definition.Settings[Definition.FieldName + "Settings"] as JsonObject ?? [];

    /// <summary>The URL parameter of an equality filter on the field, as the content API spells it.</summary>
    public string FilterName => $"filter[{Path}]";

    /// <summary>The URL parameter of a range filter's lower end.</summary>
    public string FromName => $"from[{Path}]";

    /// <summary>The URL parameter of a range filter's upper end.</summary>
    public string ToName => $"to[{Path}]";
}

/// <summary>The model of an <see cref="IContentFieldEditor.EditorView"/>: the field, the values its inputs show and its errors.</summary>
public sealed class ContentFieldEditorView
{
    /// <summary>The field.</summary>
    public required ContentFieldEditorContext Field { get; init; }

    /// <summary>What <see cref="IContentFieldEditor.CreateModel"/> made, if anything.</summary>
    public object? Model { get; init; }

    /// <summary>The inputs' values by name: as stored, or as posted when the form comes back with errors.</summary>
    public required IReadOnlyDictionary<string, string[]> Values { get; init; }

    /// <summary>The field's errors; the host shows them under the editor, with the id <see cref="ErrorId"/>.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Options the host offers the field, by input (pickers).</summary>
    public IReadOnlyList<ContentOption> Options { get; init; } = [];

    /// <summary>
    /// The page, relative to the tenant, whose handlers answer the host's pickers (<c>?handler=lookup</c>); null: the page that
    /// shows the field (a module's own editor shows the type's other fields with the item editor's handlers).
    /// </summary>
    public string? HandlerPath { get; init; }

    /// <summary>The id of the hint, or null when there is none.</summary>
    public string? HintId => Field.Hint is null ? null : Field.Id + "-hint";

    /// <summary>The id of the errors' paragraph.</summary>
    public string ErrorId => Field.Id + "-field-error";

    /// <summary>Whether the field has errors (set <c>aria-invalid</c> on its inputs).</summary>
    public bool Invalid => Errors.Count > 0;

    /// <summary>The value of <c>aria-describedby</c> for an input: the hint's and the errors' ids, or null.</summary>
    public string? DescribedBy =>
        string.Join(" ", new[] { HintId, Invalid ? ErrorId : null }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    /// <summary>The first value of an input, "" when none.</summary>
    public string Value(string name) => Values.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : "";

    /// <summary>Whether an input holds <paramref name="value"/> (a checked box, a selected option).</summary>
    public bool Chosen(string name, string value) => Values.TryGetValue(name, out var values) && values.Contains(value, StringComparer.Ordinal);
}

/// <summary>The model of an <see cref="IContentFieldEditor.FilterView"/>: the field and the list's URL parameters.</summary>
public sealed class ContentFieldFilterView
{
    /// <summary>The field.</summary>
    public required ContentFieldEditorContext Field { get; init; }

    /// <summary>What <see cref="IContentFieldEditor.CreateModel"/> made, if anything.</summary>
    public object? Model { get; init; }

    /// <summary>A URL parameter's trimmed value, "" when absent.</summary>
    public required Func<string, string> Query { get; init; }

    /// <summary>The HTML id prefix of the filter's inputs.</summary>
    public string Id => "filter-" + Field.Id;

    /// <summary>A URL parameter's trimmed value, "" when absent.</summary>
    public string Value(string name) => Query(name);
}

/// <summary>The model of an <see cref="IContentFieldEditor.SettingsView"/>: the settings inputs' values and errors.</summary>
public sealed class ContentFieldSettingsView
{
    /// <summary>The prefix the host gives the settings inputs' names, so that they never meet the field's common settings.</summary>
    public const string Prefix = "settings.";

    /// <summary>The field's definition as stored.</summary>
    public required ContentPartFieldDefinition Field { get; init; }

    /// <summary>The inputs' values by name (without the prefix): as stored, or as posted when the form comes back with errors.</summary>
    public required IReadOnlyDictionary<string, string[]> Values { get; init; }

    /// <summary>Errors by input name (without the prefix).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The tenant's content types (for settings that point at types).</summary>
    public IReadOnlyList<ContentOption> ContentTypes { get; init; } = [];

    /// <summary>The name to give an input for the setting <paramref name="name"/>.</summary>
    public string Name(string name) => Prefix + name;

    /// <summary>The HTML id of the input for the setting <paramref name="name"/>.</summary>
    public string Id(string name) => "settings-" + name;

    /// <summary>The first value of an input, "" when none.</summary>
    public string Value(string name) => Values.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : "";

    /// <summary>Whether an input holds <paramref name="value"/> (a checked box).</summary>
    public bool Chosen(string name, string value) => Values.TryGetValue(name, out var values) && values.Contains(value, StringComparer.Ordinal);

    /// <summary>Every value of an input (a group of checkboxes), none when absent.</summary>
    public IReadOnlyList<string> All(string name) => Values.TryGetValue(name, out var values) ? values : [];

    /// <summary>The error of an input, or null; show it next to the input (with the id <c>Id(name) + "-error"</c>).</summary>
    public string? ErrorOf(string name) => Errors.GetValueOrDefault(name);
}
