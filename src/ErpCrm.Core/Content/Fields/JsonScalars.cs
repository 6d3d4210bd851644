using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// Reads JSON scalars the lenient way Orchard Core recipes need: booleans and numbers may come as strings
/// (<c>"True"</c>, <c>"12.5"</c>), since older recipes and HTML forms write them so. Numbers are read as decimal, never double.
/// </summary>
internal static class JsonScalars
{
    /// <summary>Whether the node is missing or JSON null.</summary>
    public static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    /// <summary>Whether the node is missing, JSON null or whitespace-only text: an empty form input, no value.</summary>
    public static bool IsBlank(JsonNode? node) => IsNull(node) || (TryGetString(node, out var text) && string.IsNullOrWhiteSpace(text));

    /// <summary>The node's text when it is a JSON string.</summary>
    public static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }
        text = "";
        return false;
    }

    /// <summary>A JSON boolean, or a string reading "true"/"false" in any case.</summary>
    public static bool TryGetBoolean(JsonNode? node, out bool flag)
    {
        flag = false;
        if (node is not JsonValue value)
        {
            return false;
        }
        switch (value.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                flag = value.GetValue<bool>();
                return true;
            case JsonValueKind.String:
                return bool.TryParse(value.GetValue<string>().Trim(), out flag);
            default:
                return false;
        }
    }

    /// <summary>A JSON number, or a string holding one (sign, digits, '.', digits; no grouping or exponent).</summary>
    public static bool TryGetDecimal(JsonNode? node, out decimal number)
    {
        number = 0;
        if (node is not JsonValue value)
        {
            return false;
        }
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => decimal.TryParse(NumberText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            JsonValueKind.String => decimal.TryParse(value.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    /// <summary>A whole number (JSON number or string) that fits an int.</summary>
    public static bool TryGetInt32(JsonNode? node, out int number)
    {
        number = 0;
        if (!TryGetDecimal(node, out var value) || value != decimal.Truncate(value) || value is < int.MinValue or > int.MaxValue)
        {
            return false;
        }
        number = (int)value;
        return true;
    }

    /// <summary>
    /// A JSON number's text exactly as written (e.g. <c>1150.50</c>), or a string's text: what exact readers such as
    /// money parse. A number written with an exponent comes back as plain digits.
    /// </summary>
    public static bool TryGetNumberText(JsonNode? node, out string text)
    {
        text = "";
        if (node is not JsonValue value)
        {
            return false;
        }
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                text = value.GetValue<string>();
                return true;
            case JsonValueKind.Number:
                text = NumberText(value);
                if (text.AsSpan().IndexOfAny('e', 'E') >= 0)
                {
                    // decimal keeps the digits exactly; an exponent too large for it is not an amount anyone means.
                    if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        return false;
                    }
                    text = number.ToString(CultureInfo.InvariantCulture);
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>The elements of a JSON array as strings; false when it is not an array of strings.</summary>
    public static bool TryGetStrings(JsonNode? node, out List<string> strings)
    {
        strings = [];
        if (node is not JsonArray array)
        {
            return false;
        }
        foreach (var item in array)
        {
            if (!TryGetString(item, out var text))
            {
                return false;
            }
            strings.Add(text);
        }
        return true;
    }

    /// <summary>A decimal with its trailing zeros dropped (12.50 → 12.5), so equal numbers store the same.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>How many decimals a number really has (12.50 has 1).</summary>
    public static int Decimals(decimal value) => Normalize(value).Scale;

    private static string NumberText(JsonValue value) => value.ToJsonString();
}
