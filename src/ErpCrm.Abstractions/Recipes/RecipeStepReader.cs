using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Recipes;

/// <summary>
/// Reads a recipe step's JSON the way every step of this host does, and reports each problem through the step's context at
/// its JSON path, spelled as the recipe spells it. Property names match ignoring case, as in Orchard Core (<c>data</c> and
/// <c>Data</c>). A value of the wrong JSON kind is an error naming the property, never converted; numbers are read from their
/// JSON text, so an amount never passes through a <see cref="double"/>. Use one reader in <see cref="IRecipeStep.Validate"/>
/// (which must find everything the step's run would refuse for its shape) and a fresh one in <see cref="IRecipeStep.RunAsync"/>.
/// <para>
/// Paths: the <c>path</c> arguments are prefixes such as <c>accounts[3].</c>, as <see cref="Objects"/> gives them
/// ("" for the step's own properties); errors land at <c>steps[i].{path}{Property}</c>.
/// </para>
/// </summary>
public sealed class RecipeStepReader(RecipeStepContext context)
{
    /// <summary>The step being read.</summary>
    public RecipeStepContext Context => context;

    /// <summary>The step's JSON object, for its own properties (path prefix "").</summary>
    public JsonObject Step => context.Step;

    /// <summary>Whether this reader reported a problem.</summary>
    public bool Failed { get; private set; }

    /// <summary>Reports a problem at <paramref name="path"/> inside the step ("" for the step itself).</summary>
    public void Error(string path, string reason)
    {
        context.AddError(path, reason);
        Failed = true;
    }

    /// <summary>The property's spelling in <paramref name="item"/> (or <paramref name="field"/>), its value, and whether it is there at all.</summary>
    public static (string Name, JsonNode? Node, bool Present) Field(JsonObject item, string field)
    {
        foreach (var (key, node) in item)
        {
            if (string.Equals(key, field, StringComparison.OrdinalIgnoreCase))
            {
                return (key, node, true);
            }
        }
        return (field, null, false);
    }

    /// <summary>The path of a property of <paramref name="item"/> as the recipe spells it: <paramref name="path"/> + its name.</summary>
    public static string PathOf(JsonObject item, string path, string field) => path + Field(item, field).Name;

    /// <summary>
    /// The objects of the step's array <paramref name="property"/>, each with its path prefix (<c>accounts[3].</c>); an empty
    /// list when the property is left out and not <paramref name="required"/>. <paramref name="what"/> names the elements in
    /// errors (<c>"content items"</c>).
    /// </summary>
    public IReadOnlyList<(string Path, JsonObject Item)> Objects(string property, bool required = true, string what = "objects")
    {
        var (name, node, present) = Field(context.Step, property);
        if (!present && !required)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            Error(name, $"{property} must be an array of {what}.");
            return [];
        }
        var items = new List<(string, JsonObject)>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                items.Add(($"{name}[{i}].", item));
            }
            else
            {
                Error($"{name}[{i}]", $"each of {property} must be an object.");
            }
        }
        return items;
    }

    /// <summary>
    /// The strings of the step's optional array <paramref name="property"/> (feature ids, type names); an error naming each
    /// element that is not a non-empty string. <paramref name="what"/> names the elements in errors (<c>"feature ids"</c>).
    /// </summary>
    public IReadOnlyList<string> Strings(string property, string what)
    {
        var (name, node, _) = Field(context.Step, property);
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            Error(name, $"{property} must be an array of {what}.");
            return [];
        }
        var values = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text)
            {
                values.Add(text);
            }
            else
            {
                Error($"{name}[{i}]", $"each of {property} must be a non-empty string.");
            }
        }
        return values;
    }

    /// <summary>A string property; null when left out (or null) and not <paramref name="required"/> (then a non-blank string).</summary>
    public string? Text(JsonObject item, string path, string field, bool required = false)
    {
        var (name, node, _) = Field(item, field);
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is var text && (!required || text.Trim().Length > 0))
        {
            return text;
        }
        if (node is not null || required)
        {
            Error(path + name, required ? $"{field} is required (a non-empty string)." : $"{field} must be a string.");
        }
        return null;
    }

    /// <summary>A whole-number property, or null when left out.</summary>
    public int? Integer(JsonObject item, string path, string field)
    {
        var (name, node, _) = Field(item, field);
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && int.TryParse(value.ToJsonString(), out var number))
        {
            return number;
        }
        Error(path + name, $"{field} must be a whole number.");
        return null;
    }

    /// <summary>A true/false property, or null when left out.</summary>
    public bool? Flag(JsonObject item, string path, string field)
    {
        var (name, node, _) = Field(item, field);
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        Error(path + name, $"{field} must be true or false.");
        return null;
    }

    /// <summary>A required decimal given as a JSON number or a string: its text exactly as written (never through a double).</summary>
    public string? DecimalText(JsonObject item, string path, string field)
    {
        var (name, node, _) = Field(item, field);
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    return value.ToJsonString();
                case JsonValueKind.String:
                    return value.GetValue<string>();
            }
        }
        Error(path + name, $"{field} is required: a number or a string such as \"1.0825\".");
        return null;
    }

    /// <summary>
    /// Reports a service's refusal: each field it names, else its <paramref name="detail"/>. With a <paramref name="path"/>
    /// (<c>data[2].</c>) the fields are inside that element; without, the keys are paths the step gave the service or a
    /// top-level property, respelled as the recipe spells it.
    /// </summary>
    public void Refused(string detail, IReadOnlyDictionary<string, string> errors, string path = "")
    {
        if (errors.Count == 0)
        {
            Error(path.TrimEnd('.'), detail);
        }
        foreach (var (key, reason) in errors)
        {
            Error(path.Length > 0 ? path + key : key.Contains('[') || key.Contains('.') ? key : context.PropertyName(key), reason);
        }
    }
}
