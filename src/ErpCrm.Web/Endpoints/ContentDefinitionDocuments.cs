using System.Text.Json;
using System.Text.Json.Serialization;

namespace ErpCrm.Web.Endpoints;

/// <summary>
/// Orchard Core's content definition JSON as the definitions API reads and writes it, for the API reference only: the endpoints read
/// the body as JSON themselves (older flat settings included) to name every bad field by its path.
/// </summary>
public sealed record ContentTypeDocument(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("DisplayName")] string? DisplayName,
    [property: JsonPropertyName("Settings")] JsonElement? Settings,
    [property: JsonPropertyName("ContentTypePartDefinitionRecords")] IReadOnlyList<ContentTypePartDocument>? ContentTypePartDefinitionRecords);

/// <summary>A part on a type: the part's name, its name on the type (a type's own fields live in a part named after the type) and settings.</summary>
public sealed record ContentTypePartDocument(
    [property: JsonPropertyName("PartName")] string PartName,
    [property: JsonPropertyName("Name")] string? Name,
    [property: JsonPropertyName("Settings")] JsonElement? Settings);

/// <summary>A content part definition and its fields.</summary>
public sealed record ContentPartDocument(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Settings")] JsonElement? Settings,
    [property: JsonPropertyName("ContentPartFieldDefinitionRecords")] IReadOnlyList<ContentPartFieldDocument>? ContentPartFieldDefinitionRecords);

/// <summary>A field of a part: its field type (e.g. TextField), its name and settings.</summary>
public sealed record ContentPartFieldDocument(
    [property: JsonPropertyName("FieldName")] string FieldName,
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Settings")] JsonElement? Settings);

/// <summary>A whole <c>ContentDefinition</c> recipe step: types and parts, created or replaced together.</summary>
public sealed record ContentDefinitionStepDocument(
    [property: JsonPropertyName("ContentTypes")] IReadOnlyList<ContentTypeDocument>? ContentTypes,
    [property: JsonPropertyName("ContentParts")] IReadOnlyList<ContentPartDocument>? ContentParts);
