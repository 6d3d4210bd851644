using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;

namespace ErpCrm.Core.Tests;

/// <summary>The content type editor's changes to definitions: new records, positions that follow the order, other settings kept.</summary>
public sealed class ContentDefinitionEditingTests
{
    [Fact]
    public void Type_settings_set_every_flag_drop_a_blank_stereotype_and_keep_settings_of_others()
    {
        var type = new ContentTypeDefinition("Supplier", "Supplier", Parse("""{"ContentTypeSettings": {"Stereotype": "Old", "Custom": 1}, "Other": {"A": true}}"""), []);

        var changed = ContentDefinitionEditing.WithTypeSettings(type, "  Vendor ", new HashSet<string> { "Creatable", "Securable" }, " ");

        Assert.Equal("Vendor", changed.DisplayName);
        AssertJson("""
            {"Other": {"A": true}, "ContentTypeSettings": {"Custom": 1, "Creatable": true, "Listable": false, "Draftable": false, "Versionable": false, "Securable": true}}
            """, changed.Settings);
        Assert.Equal("Old", type.Settings["ContentTypeSettings"]!["Stereotype"]!.GetValue<string>());
    }

    [Fact]
    public void Fields_added_moved_and_removed_keep_their_positions_equal_to_their_order()
    {
        var part = new ContentPartDefinition("Supplier", [], []);
        part = ContentDefinitionEditing.AddField(part, "Name", "TextField", "Name");
        part = ContentDefinitionEditing.AddField(part, "Limit", "MoneyField", "Credit limit");
        part = ContentDefinitionEditing.AddField(part, "Rating", "NumericField", "");

        var moved = ContentDefinitionEditing.MoveField(part, "rating", -2);
        Assert.Equal(["Rating", "Name", "Limit"], moved.Fields.Select(f => f.Name));
        Assert.Equal([0, 1, 2], moved.Fields.Select(Position));
        Assert.Equal("Rating", ContentDefinitionEditing.DisplayName(moved.Fields[0]));

        var removed = ContentDefinitionEditing.RemoveField(moved, "Name");
        Assert.Equal([("Rating", 0), ("Limit", 1)], removed.Fields.Select(f => (f.Name, Position(f))));
        Assert.Equal(["Rating", "Name", "Limit"], ContentDefinitionEditing.MoveField(moved, "Rating", -1).Fields.Select(f => f.Name));
    }

    [Fact]
    public void An_order_given_by_names_puts_the_named_first_and_the_others_after_in_their_order()
    {
        var type = new ContentTypeDefinition("T", "T", [], [Attachment("A"), Attachment("B"), Attachment("C")]);

        var ordered = ContentDefinitionEditing.OrderParts(type, ["c", "Unknown", "A"]);

        Assert.Equal(["C", "A", "B"], ordered.Parts.Select(p => p.Name));
        Assert.Equal([0, 1, 2], ordered.Parts.Select(p => int.Parse(p.Settings["ContentTypePartSettings"]!["Position"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_part_attached_twice_under_the_same_name_is_found_by_the_same_check_as_the_api()
    {
        var type = ContentDefinitionEditing.Attach(new ContentTypeDefinition("T", "T", [], []), "AddressPart");

        Assert.Empty(ContentDefinitionEditing.Check(ContentDefinitionEditing.Attach(type, "AddressPart", "ShippingAddress")));
        var errors = ContentDefinitionEditing.Check(ContentDefinitionEditing.Attach(type, "AddressPart", "addressPart"));
        Assert.Contains("used twice", errors["ContentTypePartDefinitionRecords[1].Name"]);
    }

    [Fact]
    public void Common_field_settings_set_queryable_in_the_index_settings_and_unset_ones_are_removed()
    {
        var field = new ContentPartFieldDefinition("Limit", "MoneyField",
            Parse("""{"ContentPartFieldSettings": {"Position": 3, "Hint": "old"}, "ContentIndexSettings": {"Included": true}, "MoneyFieldSettings": {"Currency": "EUR"}}"""));

        var queryable = ContentDefinitionEditing.WithCommonSettings(field, "Credit limit", "", required: true, queryable: true);
        AssertJson("""
            {"MoneyFieldSettings": {"Currency": "EUR"}, "ContentPartFieldSettings": {"Position": 3, "DisplayName": "Credit limit", "Required": true},
             "ContentIndexSettings": {"Included": true, "Queryable": true}}
            """, queryable.Settings);

        var plain = ContentDefinitionEditing.WithCommonSettings(ContentDefinitionEditing.WithTypeSettings(queryable, null), "", "", required: false, queryable: false);
        AssertJson("""{"ContentPartFieldSettings": {"Position": 3, "DisplayName": "Limit"}, "ContentIndexSettings": {"Included": true}}""", plain.Settings);
    }

    [Fact]
    public void A_replaced_field_moves_to_its_new_position_within_the_list()
    {
        var part = new ContentPartDefinition("P", [], [Field("A"), Field("B"), Field("C")]);

        var replaced = ContentDefinitionEditing.ReplaceField(part, Field("A") with { FieldName = "NumericField" }, 9);

        Assert.Equal([("B", "TextField"), ("C", "TextField"), ("A", "NumericField")], replaced.Fields.Select(f => (f.Name, f.FieldName)));
    }

    [Theory]
    [InlineData("Supplier", "Supplier")]
    [InlineData("purchase order", "PurchaseOrder")]
    [InlineData("2nd-hand item (used)", "NdHandItemUsed")]
    [InlineData("Café", "Caf")]
    [InlineData("!!", "")]
    public void A_technical_name_is_suggested_in_PascalCase_from_letters_and_digits(string displayName, string expected) =>
        Assert.Equal(expected, ContentDefinitionEditing.SuggestName(displayName));

    /// <summary>A field's Position: text holding a whole number, as Orchard Core declares it.</summary>
    private static int Position(ContentPartFieldDefinition field) =>
        int.Parse(field.Settings["ContentPartFieldSettings"]!["Position"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static ContentTypePartDefinition Attachment(string name) => new(name, name, []);

    private static ContentPartFieldDefinition Field(string name) => new(name, "TextField", []);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());
}
