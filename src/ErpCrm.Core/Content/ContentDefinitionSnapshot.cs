using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Content;

/// <summary>
/// Every content type and part definition of the tenant, as <see cref="ITenantConfigurationCache"/> keeps them between requests
/// (kind <see cref="Kind"/>, invalidated by <see cref="ContentDefinitionStore"/>'s writes). Shared by every request: its JSON
/// settings are read whole when loaded (a lazily read node is not safe to read from two threads) and never handed out;
/// <see cref="Schema"/> answers copies, parsed from each settings object's JSON kept as UTF-8 (a parsed copy reads its values
/// only when asked, where a deep clone builds every node: a unit of work creating one item copies its type's whole schema).
/// </summary>
internal sealed class ContentDefinitionSnapshot
{
    public static readonly ConfigurationKind<ContentDefinitionSnapshot> Kind = new("Content.Definitions");

    private readonly FrozenDictionary<string, ContentTypeDefinition> _types;
    private readonly FrozenDictionary<string, ContentPartDefinition> _parts;
    private readonly Dictionary<JsonObject, byte[]> _settingsJson = new(ReferenceEqualityComparer.Instance);

    public ContentDefinitionSnapshot(IEnumerable<ContentTypeDefinition> types, IEnumerable<ContentPartDefinition> parts)
    {
        _types = types.ToFrozenDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _parts = parts.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var type in _types.Values)
        {
            Keep(type.Settings);
            type.Parts.ToList().ForEach(p => Keep(p.Settings));
        }
        foreach (var part in _parts.Values)
        {
            Keep(part.Settings);
            part.Fields.ToList().ForEach(f => Keep(f.Settings));
        }
    }

    /// <summary>A copy of a type with the definitions of the parts it attaches, or null when there is no such type.</summary>
    public ContentSchema? Schema(string typeName)
    {
        if (!_types.TryGetValue(typeName, out var type))
        {
            return null;
        }
        var parts = type.Parts.Select(p => p.PartName).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => _parts.GetValueOrDefault(name)).OfType<ContentPartDefinition>()
            .ToDictionary(p => p.Name, Copy, StringComparer.OrdinalIgnoreCase);
        return new ContentSchema(Copy(type), parts);
    }

    private ContentTypeDefinition Copy(ContentTypeDefinition type) =>
        type with { Settings = Copy(type.Settings), Parts = type.Parts.Select(p => p with { Settings = Copy(p.Settings) }).ToList() };

    private ContentPartDefinition Copy(ContentPartDefinition part) =>
        part with { Settings = Copy(part.Settings), Fields = part.Fields.Select(f => f with { Settings = Copy(f.Settings) }).ToList() };

    private JsonObject Copy(JsonObject settings) => settings.Count == 0 ? [] : (JsonObject)JsonNode.Parse(_settingsJson[settings])!;

    private void Keep(JsonObject settings)
    {
        ReadWhole(settings);
        _settingsJson.TryAdd(settings, JsonSerializer.SerializeToUtf8Bytes(settings));
    }

    private static void ReadWhole(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    ReadWhole(value);
                }
                break;
            case JsonArray array:
                foreach (var value in array)
                {
                    ReadWhole(value);
                }
                break;
        }
    }
}
