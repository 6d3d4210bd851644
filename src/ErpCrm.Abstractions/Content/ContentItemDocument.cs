using System.Text.Json;
using System.Text.Json.Serialization;

namespace ErpCrm.Content;

/// <summary>
/// Orchard Core's ContentItem JSON as the API reads and writes it, for the API reference (<c>Accepts&lt;ContentItemDocument&gt;</c>,
/// <c>Produces&lt;ContentItemDocument&gt;</c>): the item's own properties, then one object per part, named after the part (fields attached
/// to the type live in a part named after the type, e.g. <c>"Lead": {"Revenue": {"Amount": "1200.00"}}</c>). Endpoints read the body as
/// JSON themselves, to name every bad field by its path; this type only describes it.
/// </summary>
public sealed record ContentItemDocument
{
    /// <summary>The item's id; given on create, it is kept if free.</summary>
    [JsonPropertyName("ContentItemId")] public string? ContentItemId { get; init; }

    /// <summary>The id of this version of the item.</summary>
    [JsonPropertyName("ContentItemVersionId")] public string? ContentItemVersionId { get; init; }

    /// <summary>The content type's name, e.g. <c>Company</c>.</summary>
    [JsonPropertyName("ContentType")] public string? ContentType { get; init; }

    /// <summary>The item's title as lists show it.</summary>
    [JsonPropertyName("DisplayText")] public string? DisplayText { get; init; }

    /// <summary>Whether this is the latest version.</summary>
    [JsonPropertyName("Latest")] public bool? Latest { get; init; }

    /// <summary>Whether this is the published version.</summary>
    [JsonPropertyName("Published")] public bool? Published { get; init; }

    /// <summary>The id of the user who owns the item.</summary>
    [JsonPropertyName("Owner")] public string? Owner { get; init; }

    /// <summary>The name of the user who last changed it.</summary>
    [JsonPropertyName("Author")] public string? Author { get; init; }

    /// <summary>When the item was created.</summary>
    [JsonPropertyName("CreatedUtc")] public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>When the item was last changed.</summary>
    [JsonPropertyName("ModifiedUtc")] public DateTimeOffset? ModifiedUtc { get; init; }

    /// <summary>When the item was published.</summary>
    [JsonPropertyName("PublishedUtc")] public DateTimeOffset? PublishedUtc { get; init; }

    /// <summary>The parts, each an object named after its part (<c>"TitlePart": {"Title": "…"}</c>).</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? Parts { get; init; }
}
