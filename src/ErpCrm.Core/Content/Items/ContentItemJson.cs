using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Orchard Core's ContentItem JSON in and out. Metadata names match ignoring case (recipes spell <c>Displaytext</c>
/// too); every other property is a part (or anything else) and is kept exactly as given.
/// </summary>
public static class ContentItemJson
{
    private static readonly string[] MetadataNames =
    [
        nameof(ContentItem.ContentItemId), nameof(ContentItem.ContentItemVersionId), nameof(ContentItem.ContentType), nameof(ContentItem.DisplayText),
        nameof(ContentItem.Latest), nameof(ContentItem.Published), nameof(ContentItem.ModifiedUtc), nameof(ContentItem.PublishedUtc),
        nameof(ContentItem.CreatedUtc), nameof(ContentItem.Owner), nameof(ContentItem.Author),
    ];

    /// <summary>Reads an item; adds an error per bad property (keyed by its name) and returns null when there is any.</summary>
    public static ContentItem? Read(JsonNode? node, IDictionary<string, string> errors)
    {
        if (node is not JsonObject json)
        {
            errors["$"] = "The body must be a content item: a JSON object with ContentType and its parts.";
            return null;
        }
        var item = new ContentItem();
        var before = errors.Count;
        foreach (var (name, value) in json)
        {
            var metadata = MetadataNames.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
            switch (metadata)
            {
                case nameof(ContentItem.ContentItemId): item.ContentItemId = Text(value, metadata, errors) ?? ""; break;
                case nameof(ContentItem.ContentItemVersionId): item.ContentItemVersionId = Text(value, metadata, errors) ?? ""; break;
                case nameof(ContentItem.ContentType): item.ContentType = Text(value, metadata, errors) ?? ""; break;
                case nameof(ContentItem.DisplayText): item.DisplayText = Text(value, metadata, errors); break;
                case nameof(ContentItem.Owner): item.Owner = Text(value, metadata, errors); break;
                case nameof(ContentItem.Author): item.Author = Text(value, metadata, errors); break;
                case nameof(ContentItem.Latest): item.Latest = Flag(value, metadata, errors); break;
                case nameof(ContentItem.Published): item.Published = Flag(value, metadata, errors); break;
                case nameof(ContentItem.CreatedUtc): item.CreatedUtc = Date(value, metadata, errors); break;
                case nameof(ContentItem.ModifiedUtc): item.ModifiedUtc = Date(value, metadata, errors); break;
                case nameof(ContentItem.PublishedUtc): item.PublishedUtc = Date(value, metadata, errors); break;
                default: item.Parts[name] = value?.DeepClone(); break;
            }
        }
        return errors.Count == before ? item : null;
    }

    /// <summary>The item as Orchard Core writes it: metadata first, then the parts in their order.</summary>
    public static JsonObject Write(ContentItem item)
    {
        var json = new JsonObject
        {
            [nameof(ContentItem.ContentItemId)] = item.ContentItemId,
            [nameof(ContentItem.ContentItemVersionId)] = item.ContentItemVersionId,
            [nameof(ContentItem.ContentType)] = item.ContentType,
            [nameof(ContentItem.DisplayText)] = item.DisplayText,
            [nameof(ContentItem.Latest)] = item.Latest,
            [nameof(ContentItem.Published)] = item.Published,
            [nameof(ContentItem.ModifiedUtc)] = FormatDate(item.ModifiedUtc),
            [nameof(ContentItem.PublishedUtc)] = FormatDate(item.PublishedUtc),
            [nameof(ContentItem.CreatedUtc)] = FormatDate(item.CreatedUtc),
            [nameof(ContentItem.Owner)] = item.Owner,
            [nameof(ContentItem.Author)] = item.Author,
        };
        foreach (var (name, value) in item.Parts)
        {
            json[name] = value?.DeepClone();
        }
        return json;
    }

    /// <summary>
    /// <see cref="Write"/>'s JSON as text, the same characters as <c>Write(item).ToJsonString()</c>, written straight from the item
    /// without copying its parts first (what the store keeps for every version saved).
    /// </summary>
    public static string Text(ContentItem item)
    {
        foreach (var (name, _) in item.Parts)
        {
            if (Array.IndexOf(MetadataNames, name) >= 0)
            {
                return Write(item).ToJsonString(); // a part named as metadata replaces it there: the object decides
            }
        }
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(nameof(ContentItem.ContentItemId), item.ContentItemId);
            writer.WriteString(nameof(ContentItem.ContentItemVersionId), item.ContentItemVersionId);
            writer.WriteString(nameof(ContentItem.ContentType), item.ContentType);
            writer.WriteString(nameof(ContentItem.DisplayText), item.DisplayText);
            writer.WriteBoolean(nameof(ContentItem.Latest), item.Latest);
            writer.WriteBoolean(nameof(ContentItem.Published), item.Published);
            writer.WriteString(nameof(ContentItem.ModifiedUtc), FormatDate(item.ModifiedUtc));
            writer.WriteString(nameof(ContentItem.PublishedUtc), FormatDate(item.PublishedUtc));
            writer.WriteString(nameof(ContentItem.CreatedUtc), FormatDate(item.CreatedUtc));
            writer.WriteString(nameof(ContentItem.Owner), item.Owner);
            writer.WriteString(nameof(ContentItem.Author), item.Author);
            foreach (var (name, value) in item.Parts)
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A UTC time as Orchard Core writes it (<c>2026-01-31T10:00:00.123Z</c>, no trailing zeros).</summary>
    public static string? FormatDate(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A UTC time as the index stores it: fixed width, so that text order is time order.</summary>
    public static string? IndexDate(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseIndexDate(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? Text(JsonNode? value, string name, IDictionary<string, string> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        errors[name] = $"{name} must be text.";
        return null;
    }

    private static bool Flag(JsonNode? value, string name, IDictionary<string, string> errors)
    {
        switch (value?.GetValueKind())
        {
            case null or JsonValueKind.Null: return false;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed): return parsed;
            default:
                errors[name] = $"{name} must be true or false.";
                return false;
        }
    }

    private static DateTimeOffset? Date(JsonNode? value, string name, IDictionary<string, string> errors)
    {
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        if (value.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        errors[name] = $"{name} must be an ISO 8601 date and time, e.g. 2026-01-31T10:00:00Z.";
        return null;
    }
}
