using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;

namespace ErpCrm.Core.Tests;

/// <summary>The tenant's cached definitions answer each unit of work a schema of its own: equal to them, and changing it changes no other.</summary>
public sealed class ContentDefinitionSnapshotTests
{
    private static ContentDefinitionSnapshot Snapshot() => new(
        [new ContentTypeDefinition("Lead", "Lead", Json("""{"ContentTypeSettings": {"Creatable": true, "Description": "A lead"}}"""),
            [new ContentTypePartDefinition("Lead", "Lead", Json("""{"ContentTypePartSettings": {"Position": "1"}}"""))])],
        [new ContentPartDefinition("Lead", Json("{}"),
            [new ContentPartFieldDefinition("Revenue", "NumericField", Json("""{"NumericFieldSettings": {"Scale": 2, "Minimum": 0.5, "Options": ["a", "b"]}, "Queryable": {"Queryable": true}}""")),
             new ContentPartFieldDefinition("Stage", "TextField", Json("{}"))])]);

    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    [Fact]
    public void A_schema_carries_the_definitions_settings_as_they_are()
    {
        var schema = Snapshot().Schema("lead")!;

        Assert.Equal("""{"ContentTypeSettings":{"Creatable":true,"Description":"A lead"}}""", schema.Type.Settings.ToJsonString());
        Assert.Equal("""{"ContentTypePartSettings":{"Position":"1"}}""", schema.Type.Parts[0].Settings.ToJsonString());
        var revenue = schema.Parts["Lead"].Fields[0];
        Assert.Equal("""{"NumericFieldSettings":{"Scale":2,"Minimum":0.5,"Options":["a","b"]},"Queryable":{"Queryable":true}}""", revenue.Settings.ToJsonString());
        Assert.True(revenue.Settings["Queryable"]!["Queryable"]!.GetValue<bool>());
        Assert.Empty(schema.Parts["Lead"].Fields[1].Settings);
        Assert.Null(Snapshot().Schema("Nothing"));
    }

    [Fact]
    public void Changing_one_schemas_settings_changes_neither_the_next_schema_nor_the_snapshot()
    {
        var snapshot = Snapshot();
        var first = snapshot.Schema("Lead")!;

        first.Type.Settings["ContentTypeSettings"]!["Creatable"] = false;
        ((JsonObject)first.Parts["Lead"].Fields[0].Settings["NumericFieldSettings"]!).Remove("Scale");
        first.Parts["Lead"].Fields[1].Settings["Added"] = 1;

        var second = snapshot.Schema("Lead")!;
        Assert.True(second.Type.Settings["ContentTypeSettings"]!["Creatable"]!.GetValue<bool>());
        Assert.Equal(2, second.Parts["Lead"].Fields[0].Settings["NumericFieldSettings"]!["Scale"]!.GetValue<int>());
        Assert.Empty(second.Parts["Lead"].Fields[1].Settings);
    }
}
