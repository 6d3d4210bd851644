using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>Shape checks that several steps share.</summary>
internal static class StepShapes
{
    /// <summary>The strings of an optional array property; an error naming each element that is not a non-empty string.</summary>
    public static IReadOnlyList<string> Strings(RecipeStepContext context, string property, string what)
    {
        var node = context.Property(property);
        var name = context.PropertyName(property);
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            context.AddError(name, $"must be an array of {what}.");
            return [];
        }
        var values = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text)
            {
                values.Add(text);
            }
            else
            {
                context.AddError($"{name}[{i}]", $"must be {what[..^1]} (a non-empty string).");
            }
        }
        return values;
    }

    /// <summary>The objects of a required array property (data of a content step, values of a recipes step).</summary>
    public static IReadOnlyList<(int Index, JsonObject Item)> Objects(RecipeStepContext context, string property, string what)
    {
        if (context.Property(property) is not JsonArray array)
        {
            context.AddError(context.PropertyName(property), $"must be an array of {what}.");
            return [];
        }
        var items = new List<(int, JsonObject)>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                items.Add((i, item));
            }
            else
            {
                context.AddError($"{context.PropertyName(property)}[{i}]", $"must be an object ({what[..^1]}).");
            }
        }
        return items;
    }
}
