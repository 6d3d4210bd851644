using System.Text.Json.Nodes;

namespace ErpCrm.Core.Content.Fields;

/// <summary>Reads one value from a JSON node; false when the node is not of the expected kind.</summary>
internal delegate bool NodeReader<T>(JsonNode node, out T value);

/// <summary>
/// Reads one settings object of a definition (e.g. <c>TextFieldSettings</c> in a field's settings, nested style).
/// The same reader serves both uses: checking settings, where every value of the wrong kind is reported under
/// <c>{path}.{SettingsName}.{Setting}</c>, and saving items, where (given no error sink) such a value reads as not set.
/// Missing and null settings (and blank text where something other than text is expected) read as not set; settings nobody asks for are ignored (recipes carry many).
/// </summary>
internal sealed class SettingsReader
{
    private readonly JsonObject? _settings;
    private readonly string _prefix;
    private readonly IDictionary<string, string>? _errors;

    /// <param name="root">The definition's settings (holding one object per settings class).</param>
    /// <param name="settingsName">The settings object to read, e.g. <c>TextFieldSettings</c>.</param>
    /// <param name="path">Where the settings are, for error keys; with <paramref name="errors"/> only.</param>
    /// <param name="errors">Where to report wrong values; null to read leniently.</param>
    public SettingsReader(JsonObject root, string settingsName, string? path = null, IDictionary<string, string>? errors = null)
    {
        SettingsName = settingsName;
        _prefix = string.IsNullOrEmpty(path) ? settingsName : $"{path}.{settingsName}";
        _errors = errors;
        var node = root[settingsName];
        _settings = node as JsonObject;
        if (_settings is null && !JsonScalars.IsNull(node))
        {
            errors?.TryAdd(_prefix, $"{settingsName} must be a JSON object.");
        }
    }

    /// <summary>The settings object's name.</summary>
    public string SettingsName { get; }

    /// <summary>Whether wrong values are being reported (settings are being checked, not used).</summary>
    public bool Checking => _errors is not null;

    /// <summary>Reports a problem with a setting (when checking).</summary>
    public void Error(string key, string message) => _errors?.TryAdd($"{_prefix}.{key}", message);

    /// <summary>The setting's node as stored, or null.</summary>
    public JsonNode? Node(string key) => JsonScalars.IsNull(_settings?[key]) ? null : _settings![key];

    /// <summary>The setting read by <paramref name="reader"/>; when it is of another kind, reported as "{key} must be {expected}." and read as not set.</summary>
    public bool TryRead<T>(string key, NodeReader<T> reader, string expected, out T value)
    {
        value = default!;
        var node = Node(key);
        // Orchard Core writes unset numbers and dates as "" (its settings hold them as text): not set, not wrong.
        if (node is null || (typeof(T) != typeof(string) && JsonScalars.IsBlank(node)))
        {
            return false;
        }
        if (reader(node, out value))
        {
            return true;
        }
        Error(key, $"{key} must be {expected}.");
        value = default!;
        return false;
    }

    /// <summary>A yes/no setting (true/false, or their text).</summary>
    public bool Boolean(string key, bool fallback = false) =>
        TryRead<bool>(key, JsonScalars.TryGetBoolean, "true or false", out var flag) ? flag : fallback;

    /// <summary>A text setting.</summary>
    public string? Text(string key) => TryRead<string>(key, JsonScalars.TryGetString, "text", out var text) ? text : null;

    /// <summary>A whole-number setting in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public int? Integer(string key, int minimum = 0, int maximum = int.MaxValue) =>
        TryRead(key, (JsonNode node, out int number) => JsonScalars.TryGetInt32(node, out number) && number >= minimum && number <= maximum,
            $"a whole number from {minimum} to {maximum}", out int value) ? value : null;

    /// <summary>A number setting (JSON number or numeric text).</summary>
    public decimal? Number(string key) => TryRead<decimal>(key, JsonScalars.TryGetDecimal, "a number", out var number) ? number : null;

    /// <summary>The Minimum and Maximum number settings, reporting a Minimum above the Maximum.</summary>
    public void CheckNumberRange()
    {
        var minimum = Number("Minimum");
        var maximum = Number("Maximum");
        if (minimum > maximum)
        {
            Error("Minimum", $"Minimum ({minimum}) must not be greater than Maximum ({maximum}).");
        }
    }

    /// <summary>A list-of-text setting.</summary>
    public List<string>? Strings(string key) =>
        TryRead<List<string>>(key, JsonScalars.TryGetStrings, "a list of text", out var list) ? list : null;

    /// <summary>An enumeration setting, as Orchard Core writes them: the member's name (any case) or its number.</summary>
    public TEnum? Enumeration<TEnum>(string key) where TEnum : struct, Enum =>
        TryRead(key, (JsonNode node, out TEnum member) => TryEnum(node, out member),
            $"one of {string.Join(", ", Enum.GetNames<TEnum>())}", out TEnum value) ? value : null;

    private static bool TryEnum<TEnum>(JsonNode node, out TEnum member) where TEnum : struct, Enum
    {
        member = default;
        if (JsonScalars.TryGetString(node, out var name))
        {
            return !string.IsNullOrWhiteSpace(name) && !char.IsAsciiDigit(name.Trim()[0]) && !name.Contains(',')
                && Enum.TryParse(name.Trim(), ignoreCase: true, out member) && Enum.IsDefined(member);
        }
        if (JsonScalars.TryGetInt32(node, out var number))
        {
            member = (TEnum)Enum.ToObject(typeof(TEnum), number);
            return Enum.IsDefined(member);
        }
        return false;
    }
}
