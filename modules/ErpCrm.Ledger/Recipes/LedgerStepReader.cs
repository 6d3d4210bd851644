using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Recipes;

namespace ErpCrm.Ledger.Recipes;

/// <summary>
/// Reads a ledger step's JSON and reports each problem through the step's context at its JSON path, spelled as the recipe spells
/// it (property names match ignoring case, as the kernel's steps do). A value of the wrong JSON kind is an error, never converted;
/// numbers are read from their JSON text, so an amount or a rate never passes through a <see cref="double"/>.
/// </summary>
internal sealed class LedgerStepReader(RecipeStepContext context)
{
    /// <summary>Whether this reader reported a problem.</summary>
    public bool Failed { get; private set; }

    public void Error(string path, string reason)
    {
        context.AddError(path, reason);
        Failed = true;
    }

    /// <summary>The step itself, for its top-level properties (path prefix "").</summary>
    public JsonObject Step => context.Step;

    /// <summary>
    /// The objects of the step's array <paramref name="property"/>, each with its path prefix (<c>accounts[3].</c>); an empty list
    /// when the property is left out and not <paramref name="required"/>.
    /// </summary>
    public IReadOnlyList<(string Path, JsonObject Item)> Objects(string property, bool required)
    {
        var (name, node, present) = Field(context.Step, property);
        if (!present && !required)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            Error(name, $"{property} must be an array of objects.");
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
                Error($"{name}[{i}]", "must be an object.");
            }
        }
        return items;
    }

    /// <summary>A string property; null when left out (or null) and not <paramref name="required"/>.</summary>
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

    /// <summary>A decimal given as a JSON number or a string: its text exactly as written (never through a double).</summary>
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

    /// <summary>The property's spelling in the JSON (or <paramref name="field"/>), its value, and whether it is there at all.</summary>
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

    /// <summary>
    /// Reports a service's refusal: each field it names (keys are paths the step gave it, or a top-level property, respelled as the
    /// recipe spells it), else its detail at the step. Whether the service did it.
    /// </summary>
    public bool Report<T>(Result<T> result)
    {
        if (result.Status == ResultStatus.Done)
        {
            return true;
        }
        if (result.Errors.Count == 0)
        {
            Error("", result.Detail);
        }
        foreach (var (path, reason) in result.Errors)
        {
            Error(path.Contains('[') || path.Contains('.') ? path : context.PropertyName(path), reason);
        }
        return false;
    }
}
