using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The data of the ContentDefinition and content steps of real Orchard Core recipes goes in through the content API and
/// reads back equal: types, parts, fields and settings (see <see cref="ContentDefinitionsApiHttpTests"/>) and every item.
/// </summary>
public abstract class OrchardRecipeContentHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private static readonly string[] Dates = ["CreatedUtc", "ModifiedUtc", "PublishedUtc"];

    [Theory]
    [InlineData("agency")]
    [InlineData("blog")]
    [InlineData("comingsoon")]
    public async Task Every_item_of_a_recipes_content_steps_is_created_through_the_api_and_reads_back_equal(string recipe)
    {
        await (await Admin.PostAsync("api/content-definitions/import", ContentClient.Json(OrchardRecipes.ContentDefinitionStep(recipe)))).ReadJsonAsync(HttpStatusCode.OK);
        // Orchard Core's Menu feature defines the Menu type in code; here it is a type like any other.
        if (await Admin.StatusOfAsync("api/content-types/Menu") == HttpStatusCode.NotFound)
        {
            await Admin.CreateTypeAsync("""{"Name": "Menu", "DisplayName": "Menu", "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "MenuItemsListPart", "Name": "MenuItemsListPart"}]}""");
        }
        var me = await (await Admin.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK);
        var parameters = new Dictionary<string, string>
        {
            ["AdminUserId"] = me.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture),
            ["AdminUsername"] = me.Text("userName"),
            ["SiteName"] = "Test site",
        };
        var variables = new Dictionary<string, string>();
        var items = OrchardRecipes.ContentItems(recipe);
        Assert.NotEmpty(items);

        foreach (var item in items)
        {
            OrchardRecipes.ResolveScripts(item, parameters, variables);
            var type = item["ContentType"]!.GetValue<string>();
            using var created = await Admin.PostAsync($"api/content/{type}", ContentClient.Json(item));
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{type}: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");

            var (read, _) = await Admin.GetItemAsync(type, item["ContentItemId"]!.GetValue<string>());
            AssertReadsBackEqual(item, read);
        }
    }

    /// <summary>Every property given comes back equal (metadata names ignoring case, dates as instants); the rest is metadata the store filled in.</summary>
    private static void AssertReadsBackEqual(JsonObject given, JsonNode read)
    {
        var stored = read.AsObject();
        foreach (var (key, value) in given)
        {
            var name = stored.Select(p => p.Key).SingleOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase) && k != key && IsMetadata(k)) ?? key;
            Assert.True(stored.ContainsKey(name), $"{key} is missing from {stored.ToJsonString()}");
            if (Dates.Contains(name) && value is not null)
            {
                Assert.Equal(DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeOffset.Parse(stored[name]!.GetValue<string>(), CultureInfo.InvariantCulture));
                continue;
            }
            Assert.True(JsonNode.DeepEquals(value, stored[name]), $"{key}: given {value?.ToJsonString()}, read back {stored[name]?.ToJsonString()}");
        }
    }

    private static bool IsMetadata(string key) => key is "DisplayText" or "ContentItemId" or "ContentItemVersionId" or "ContentType" or "Owner" or "Author";
}

public sealed class SqliteOrchardRecipeContentHttpTests() : OrchardRecipeContentHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresOrchardRecipeContentHttpTests() : OrchardRecipeContentHttpTests(DatabaseProvider.Postgres);
