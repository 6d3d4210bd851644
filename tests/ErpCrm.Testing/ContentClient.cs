using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ErpCrm.Testing;

/// <summary>Content types and items over the HTTP API, for tests.</summary>
public static class ContentClient
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    /// <summary>Creates a content type from Orchard Core JSON; fails the test unless it is created.</summary>
    public static async Task CreateTypeAsync(this HttpClient admin, string json) =>
        await (await admin.PostAsync("api/content-types", Json(json))).ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>Creates a content part from Orchard Core JSON; fails the test unless it is created.</summary>
    public static async Task CreatePartAsync(this HttpClient admin, string json) =>
        await (await admin.PostAsync("api/content-parts", Json(json))).ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>Adds fields to a type as an admin does: the type's own part (named after it) created from <paramref name="partJson"/> and attached to the type.</summary>
    public static async Task AddOwnPartAsync(this HttpClient admin, string type, string partJson)
    {
        await admin.CreatePartAsync(partJson);
        var definition = JsonNode.Parse((await (await admin.GetAsync($"api/content-types/{type}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        definition["ContentTypePartDefinitionRecords"]!.AsArray().Add(new JsonObject { ["PartName"] = type, ["Name"] = type, ["Settings"] = new JsonObject() });
        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/content-types/{type}") { Content = Json(definition) })).ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Adds one field to a type as an admin does: in a part named after the type, attached to it.</summary>
    public static Task AddTypeFieldAsync(this HttpClient admin, string type, string fieldType, string name, string displayName)
    {
        var field = new JsonObject
        {
            ["FieldName"] = fieldType, ["Name"] = name,
            ["Settings"] = new JsonObject { ["ContentPartFieldSettings"] = new JsonObject { ["DisplayName"] = displayName } },
        };
        return admin.AddOwnPartAsync(type, new JsonObject { ["Name"] = type, ["ContentPartFieldDefinitionRecords"] = new JsonArray(field) }.ToJsonString());
    }

    /// <summary>Creates an item and answers it with its ETag.</summary>
    public static async Task<(JsonNode Item, string ETag)> CreateItemAsync(this HttpClient client, string type, JsonNode item)
    {
        using var response = await client.PostAsync($"api/content/{type}", Json(item));
        var body = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.Created)).GetRawText())!;
        return (body, response.Headers.ETag!.Tag);
    }

    /// <summary>Reads an item and its ETag.</summary>
    public static async Task<(JsonNode Item, string ETag)> GetItemAsync(this HttpClient client, string type, string id)
    {
        using var response = await client.GetAsync($"api/content/{type}/{id}");
        var body = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        return (body, response.Headers.ETag!.Tag);
    }

    /// <summary>Sends a PUT of an item, with If-Match when given.</summary>
    public static Task<HttpResponseMessage> PutItemAsync(this HttpClient client, string type, string id, JsonNode item, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/content/{type}/{id}") { Content = Json(item) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    /// <summary>Lists items of a type with a query string (without '?').</summary>
    public static async Task<JsonNode> ListItemsAsync(this HttpClient client, string type, string query = "") =>
        JsonNode.Parse((await (await client.GetAsync($"api/content/{type}?{query}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;

    public static string Id(this JsonNode item) => item["ContentItemId"]!.GetValue<string>();

    public static IReadOnlyList<string?> Texts(this JsonNode list) =>
        list["items"]!.AsArray().Select(i => i!["DisplayText"]?.GetValue<string>()).ToList();
}
