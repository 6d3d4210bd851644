using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Items;

namespace ErpCrm.Core.Tests;

/// <summary>The stored document's text is written straight from the item; it must be exactly what the JSON object reads as.</summary>
public sealed class ContentItemJsonTextTests
{
    [Fact]
    public void The_text_of_an_item_is_the_text_of_its_json_object_with_parts_read_from_json_built_in_code_or_missing()
    {
        var item = ContentItemJson.Read(JsonNode.Parse("""
            {"ContentItemId": "4x1", "ContentType": "Lead", "DisplayText": "Zoë <b>&</b> \"Ünsal\" ✓", "Owner": null,
             "TitlePart": {"Title": "Zoë \u00e9 \\ / \t"}, "LeadPart": {"Revenue": {"Amount": 12.50, "Currency": "EUR"}, "Tags": ["a", "b", null]}}
            """), new Dictionary<string, string>())!;
        item.ContentItemVersionId = "4x2";
        item.CreatedUtc = item.ModifiedUtc = new DateTimeOffset(2026, 1, 31, 10, 0, 0, 123, TimeSpan.Zero);
        item.Latest = true;
        item.Parts["Built"] = new JsonObject { ["Count"] = 3, ["When"] = DateTime.UnixEpoch, ["Text"] = "naïve" };
        item.Parts["Empty"] = null;

        Assert.Equal(ContentItemJson.Write(item).ToJsonString(), ContentItemJson.Text(item));
    }

    [Fact]
    public void A_part_named_as_metadata_reads_as_the_json_object_has_it()
    {
        var item = new ContentItem { ContentItemId = "a", ContentItemVersionId = "b", ContentType = "T" };
        item.Parts["DisplayText"] = "from a part";

        Assert.Equal(ContentItemJson.Write(item).ToJsonString(), ContentItemJson.Text(item));
    }
}
