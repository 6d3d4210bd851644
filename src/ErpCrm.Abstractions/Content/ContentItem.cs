using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// A content item as Orchard Core shapes it: metadata at the top, then each part as a named JSON object
/// (fields attached to a type live in a part named after the type). One instance is one version.
/// </summary>
public sealed class ContentItem
{
    /// <summary>The item's id, the same in every version.</summary>
    public string ContentItemId { get; set; } = "";

    /// <summary>This version's id.</summary>
    public string ContentItemVersionId { get; set; } = "";

    /// <summary>The content type's name.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The text lists and pickers show (TitlePart sets it from its Title).</summary>
    public string? DisplayText { get; set; }

    /// <summary>Whether this is the newest version (the one editors open).</summary>
    public bool Latest { get; set; }

    /// <summary>Whether this is the version the public sees.</summary>
    public bool Published { get; set; }

    /// <summary>The owning user's id (the "own" of the EditOwn… permissions).</summary>
    public string? Owner { get; set; }

    /// <summary>The user name of who last changed the item.</summary>
    public string? Author { get; set; }

    /// <summary>When the item was first stored.</summary>
    public DateTimeOffset? CreatedUtc { get; set; }

    /// <summary>When this version was last changed.</summary>
    public DateTimeOffset? ModifiedUtc { get; set; }

    /// <summary>When the item was last published.</summary>
    public DateTimeOffset? PublishedUtc { get; set; }

    /// <summary>The parts by name; also every other property of the JSON that is not metadata, kept as is.</summary>
    public JsonObject Parts { get; set; } = [];

    /// <summary>The named part as a JSON object, or null when the item has none (or it is not an object).</summary>
    public JsonObject? Part(string name) => Parts[name] as JsonObject;

    /// <summary>The named part, created empty when missing.</summary>
    public JsonObject GetOrCreatePart(string name)
    {
        if (Parts[name] is JsonObject part)
        {
            return part;
        }
        part = [];
        Parts[name] = part;
        return part;
    }

    /// <summary>A deep copy.</summary>
    public ContentItem Clone()
    {
        var copy = (ContentItem)MemberwiseClone();
        copy.Parts = (JsonObject)Parts.DeepClone();
        return copy;
    }
}
