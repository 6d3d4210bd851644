using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// A picker: a list of ids of things that must exist (<c>{"ContentItemIds": [...]}</c>, <c>{"UserIds": [...]}</c>).
/// Ids are trimmed, empty ones and repeats dropped, order kept. Settings: Required (at least one), Multiple (else at
/// most one). Indexed as the first id, so that single pickers can be filtered on; displayed as the ids.
/// </summary>
internal abstract class IdListFieldType : ContentFieldTypeBase
{
    /// <summary>The most ids one field holds: each is looked up on save.</summary>
    public const int MaxIds = 500;

    /// <summary>The JSON property holding the ids.</summary>
    protected abstract string Property { get; }

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) => IndexText(Ids(value).FirstOrDefault());

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        Ids(value) is { Count: > 0 } ids ? string.Join(", ", ids) : null;

    protected override void CheckSettings(SettingsReader settings) => settings.Boolean("Multiple");

    protected override async ValueTask ValidateAsync(FieldInput input)
    {
        var node = input.Value[Property];
        if (!JsonScalars.IsNull(node) && !JsonScalars.TryGetStrings(node, out _))
        {
            input.Error("must be a list of ids");
            return;
        }
        var ids = Ids(input.Value);
        if (node is not null || ids.Count > 0)
        {
            input.Value[Property] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]);
        }
        if (!input.HasValue(ids.Count == 0))
        {
            return;
        }
        if (ids.Count > 1 && !input.Settings.Boolean("Multiple"))
        {
            input.Error($"allows only one {Thing}");
            return;
        }
        if (ids.Count > MaxIds)
        {
            input.Error($"lists {ids.Count} {Thing}s; at most {MaxIds} are allowed");
            return;
        }
        foreach (var id in ids)
        {
            if (await CheckAsync(input, id) is { } problem)
            {
                input.Error(problem);
                return;
            }
        }
    }

    /// <summary>What one id names, in errors ("item", "user").</summary>
    protected abstract string Thing { get; }

    /// <summary>What is wrong with one id (worded to follow the field's name), or null when it is fine.</summary>
    protected abstract ValueTask<string?> CheckAsync(FieldInput input, string id);

    private List<string> Ids(JsonObject? value)
    {
        var ids = new List<string>();
        if (JsonScalars.TryGetStrings(value?[Property], out var given))
        {
            foreach (var id in given.Select(g => g.Trim()).Where(g => g.Length > 0))
            {
                if (!ids.Contains(id, StringComparer.Ordinal))
                {
                    ids.Add(id);
                }
            }
        }
        return ids;
    }
}
