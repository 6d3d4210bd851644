using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using Microsoft.Extensions.DependencyInjection;
using ErpCrm.Web.Admin.Content;

namespace ErpCrm.Web.Tests;

/// <summary>The item editor's form and Orchard Core's item JSON, both ways, without a host.</summary>
public sealed class ContentItemFormTests
{
    private static readonly ContentEditor Editor = ContentEditor.For(new ContentSchema(
        new ContentTypeDefinition("Deal", "Deal", [], [
            new ContentTypePartDefinition("TitlePart", "TitlePart", []),
            new ContentTypePartDefinition("Deal", "Deal", []),
            new ContentTypePartDefinition("Extra", "Extra", []),
        ]),
        new Dictionary<string, ContentPartDefinition>
        {
            ["Deal"] = new("Deal", [], [
                Field("Close", "DateTimeField", position: 3),
                Field("Amount", "MoneyField", position: 1, own: new JsonObject { ["Currency"] = "EUR" }),
                Field("Tags", "EnumerationField", position: 2, own: new JsonObject { ["Multiple"] = true, ["Options"] = new JsonArray("a", new JsonObject { ["Value"] = "b", ["Text"] = "Bee" }) }),
                Field("Owners", "UserPickerField", position: 4, own: new JsonObject { ["Multiple"] = true }),
                Field("Site", "LinkField", position: 5),
                Field("Odd", "GeoField", position: 6),
            ]),
        }));

    private static ContentPartFieldDefinition Field(string name, string type, int position, JsonObject? own = null) =>
        new(name, type, new JsonObject
        {
            [ContentSettingNames.ContentPartFieldSettings] = new JsonObject { ["Position"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            [type + "Settings"] = own ?? [],
        });

    [Fact]
    public void A_part_types_card_is_titled_by_its_display_name_and_a_types_own_part_by_its_name()
    {
        var partTypes = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddKernelContentTypes().BuildServiceProvider()
            .GetServices<IContentPartType>();

        var editor = ContentEditor.For(Editor.Schema, partTypes);

        Assert.Equal(["Title", "Deal", "Extra"], editor.Parts.Select(p => p.DisplayName));
    }

    [Fact]
    public void Fields_come_in_position_order_with_the_widget_their_type_calls_for()
    {
        Assert.Equal(["TitlePart.Title", "Deal.Amount", "Deal.Tags", "Deal.Close", "Deal.Owners", "Deal.Site", "Deal.Odd", "Extra"], Editor.Fields.Select(f => f.Path));
        Assert.Equal([ContentWidget.Title, ContentWidget.Money, ContentWidget.Enumeration, ContentWidget.DateTime, ContentWidget.UserPicker, ContentWidget.Link, ContentWidget.Json, ContentWidget.Json],
            Editor.Fields.Select(f => f.Widget));
        Assert.Equal([new ContentOption("a", "a"), new ContentOption("b", "Bee")], Editor.Fields.Single(f => f.FieldName == "Tags").Options);
    }

    [Fact]
    public void Posted_inputs_become_Orchard_shapes_and_read_back_as_the_same_inputs_keeping_what_the_form_does_not_show()
    {
        var item = new ContentItem { Parts = (JsonObject)JsonNode.Parse("""
            {"Deal": {"Amount": {"Amount": "1.00", "Currency": "EUR", "Note": "kept"}, "Hidden": {"Text": "kept"}}, "Other": {"X": 1}}
            """)! };
        var form = new Dictionary<string, string[]>
        {
            ["TitlePart.Title"] = [" Big deal "], ["Deal.Amount.Amount"] = ["1150.50"], ["Deal.Amount.Currency"] = ["usd"],
            ["Deal.Tags"] = ["b", "a", "b"], ["Deal.Close"] = ["2026-01-31T10:30"], ["Deal.Owners"] = ["2", ""],
            ["Deal.Site.Url"] = ["https://example.com"], ["Deal.Site.Text"] = [""], ["Deal.Odd"] = ["{\"Lat\": 1}"], ["Extra"] = [""],
        };
        var errors = new Dictionary<string, string>();

        ContentItemForm.Apply(Editor, form, item, errors);

        Assert.Empty(errors);
        Assert.Equal("Big deal", item.DisplayText);
        var deal = item.Part("Deal")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Amount": "1150.50", "Currency": "EUR", "Note": "kept"}"""), deal["Amount"]), deal["Amount"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Values": ["b", "a"]}"""), deal["Tags"]));
        Assert.Equal("2026-01-31T10:30:00Z", deal["Close"]!["Value"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"UserIds": ["2"]}"""), deal["Owners"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Url": "https://example.com", "Text": null}"""), deal["Site"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Lat": 1}"""), deal["Odd"]));
        Assert.Equal("kept", deal["Hidden"]!["Text"]!.GetValue<string>());
        Assert.Equal(1, item.Part("Other")!["X"]!.GetValue<int>());
        Assert.Null(item.Parts["Extra"]);

        var values = ContentItemForm.ValuesOf(Editor, item);
        Assert.Equal(["EUR"], values["Deal.Amount.Currency"]); // the fixed currency, whatever was posted
        Assert.Equal(["b", "a"], values["Deal.Tags"]);
        Assert.Equal(["2026-01-31T10:30"], values["Deal.Close"]);
        Assert.Equal(["Big deal"], values["TitlePart.Title"].Select(v => v.Trim()));
    }

    [Fact]
    public void JSON_that_does_not_parse_or_is_not_an_object_is_an_error_under_its_input_and_changes_nothing()
    {
        var item = new ContentItem { Parts = (JsonObject)JsonNode.Parse("""{"Extra": {"Keep": true}}""")! };
        var errors = new Dictionary<string, string>();

        ContentItemForm.Apply(Editor, new Dictionary<string, string[]> { ["Extra"] = ["{oops"], ["Deal.Odd"] = ["[1]"] }, item, errors);

        Assert.Equal(["Deal.Odd", "Extra"], errors.Keys.Order());
        Assert.True(item.Part("Extra")!["Keep"]!.GetValue<bool>());
    }
}
