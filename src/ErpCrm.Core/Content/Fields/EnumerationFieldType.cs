using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>EnumerationField</c>: one of a fixed list of options, <c>{"Value": "a"}</c>, or with Multiple several,
/// <c>{"Values": ["a", "b"]}</c> (in the options' spelling, each once). Settings <c>EnumerationFieldSettings</c>: Options
/// (strings, or objects <c>{"Value", "Text"}</c> when people should read something else), Multiple, Required, Hint,
/// DefaultValue (used when an item does not carry the field). Values match options ignoring case.
/// </summary>
internal sealed class EnumerationFieldType : ContentFieldTypeBase
{
    /// <summary>How many options an error lists before "and N more".</summary>
    public const int ListedOptions = 10;

    private sealed record Option(string Value, string Text);

    public override string Name => "EnumerationField";

    public override string DisplayName => "Enumeration";

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) => IndexText(string.Join(",", Values(value)));

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field)
    {
        var options = Options(Settings(field)) ?? [];
        var texts = Values(value).Select(v => options.FirstOrDefault(o => o.Value == v)?.Text ?? v).ToList();
        return texts.Count == 0 ? null : string.Join(", ", texts);
    }

    protected override void CheckSettings(SettingsReader settings)
    {
        settings.Boolean("Multiple");
        var options = Options(settings);
        if (options is null && settings.Node("Options") is not null)
        {
            return; // Of the wrong kind: reported by Options.
        }
        if (options is null || options.Count == 0)
        {
            settings.Error("Options", "Options must list at least one option.");
            return;
        }
        var duplicate = options.GroupBy(o => o.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            settings.Error("Options", $"Options lists '{duplicate.Key}' more than once.");
        }
        foreach (var value in DefaultValues(settings))
        {
            if (Match(options, value) is null)
            {
                settings.Error("DefaultValue", $"DefaultValue '{value}' is not one of the options.");
            }
        }
    }

    protected override void Validate(FieldInput input)
    {
        var multiple = input.Settings.Boolean("Multiple");
        var given = new List<string>();
        // Either property is read, so that switching Multiple on or off keeps the values items already have.
        var node = multiple ? input.Value["Values"] ?? input.Value["Value"] : input.Value["Value"] ?? input.Value["Values"];
        if (!input.Present)
        {
            given.AddRange(DefaultValues(input.Settings));
        }
        else if (JsonScalars.TryGetString(node, out var single))
        {
            given.Add(single);
        }
        else if (JsonScalars.TryGetStrings(node, out var several))
        {
            given.AddRange(several);
        }
        else if (!JsonScalars.IsNull(node))
        {
            input.Error(multiple ? "must be a list of options" : "must be one option");
            return;
        }
        given.RemoveAll(string.IsNullOrWhiteSpace);
        if (!input.HasValue(given.Count == 0))
        {
            return;
        }
        var options = Options(input.Settings) ?? [];
        var chosen = new List<string>();
        foreach (var value in given)
        {
            if (Match(options, value) is not { } option)
            {
                input.Error($"has '{value}', which is not one of: {Listed(options)}");
                return;
            }
            if (!chosen.Contains(option.Value))
            {
                chosen.Add(option.Value);
            }
        }
        if (!multiple && chosen.Count > 1)
        {
            input.Error("allows only one value");
            return;
        }
        input.Value.Remove(multiple ? "Value" : "Values");
        input.Value[multiple ? "Values" : "Value"] = multiple ? new JsonArray([.. chosen.Select(v => JsonValue.Create(v))]) : chosen[0];
    }

    private static List<Option>? Options(SettingsReader settings) =>
        settings.TryRead<List<Option>>("Options", TryReadOptions, "a list of options (text, or objects with Value and Text)", out var options) ? options : null;

    // Read once per settings node: a save reads its schema's options two or three times (the check, the values for the trail), and
    // editing settings writes new nodes, never changes an Options array in place.
    private static readonly ConditionalWeakTable<JsonNode, List<Option>> ReadOptions = new();

    private static bool TryReadOptions(JsonNode node, out List<Option> options)
    {
        if (ReadOptions.TryGetValue(node, out var read))
        {
            options = read;
            return true;
        }
        if (!TryParseOptions(node, out options))
        {
            return false;
        }
        ReadOptions.AddOrUpdate(node, options);
        return true;
    }

    private static bool TryParseOptions(JsonNode node, out List<Option> options)
    {
        options = [];
        if (node is not JsonArray array)
        {
            return false;
        }
        foreach (var item in array)
        {
            if (JsonScalars.TryGetString(item, out var text) && text.Trim().Length > 0)
            {
                options.Add(new Option(text.Trim(), text.Trim()));
            }
            else if (item is JsonObject pair && JsonScalars.TryGetString(pair["Value"], out var value) && value.Trim().Length > 0)
            {
                options.Add(new Option(value.Trim(), JsonScalars.TryGetString(pair["Text"], out var label) && label.Trim().Length > 0 ? label.Trim() : value.Trim()));
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<string> DefaultValues(SettingsReader settings) =>
        settings.Node("DefaultValue") is { } node && JsonScalars.TryGetString(node, out var one) ? (one.Length > 0 ? [one] : [])
        : settings.Strings("DefaultValue") ?? [];

    private static Option? Match(List<Option> options, string value) =>
        options.FirstOrDefault(o => string.Equals(o.Value, value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Listed(List<Option> options) =>
        string.Join(", ", options.Take(ListedOptions).Select(o => o.Value))
        + (options.Count > ListedOptions ? $" and {options.Count - ListedOptions} more" : "");

    private static IEnumerable<string> Values(JsonObject? value) =>
        JsonScalars.TryGetStrings(value?["Values"], out var several) ? several.Where(v => v.Length > 0)
        : StringOf(value, "Value") is { } single ? [single] : [];
}
