using System.Net;
using System.Text.Json.Nodes;

namespace ErpCrm.Testing;

/// <summary>Companies and people in Orchard Core's ContentItem JSON, created through /api/contacts, for tests.</summary>
public static class ContactsClient
{
    public const string Feature = "ErpCrm.Contacts";

    public static JsonObject Company(string name, string? email = null, string? phone = null, string? taxId = null, bool customer = false, bool supplier = false) => new()
    {
        ["ContentType"] = "Company",
        ["TitlePart"] = new JsonObject { ["Title"] = name },
        ["ContactPart"] = ContactPart(email, phone, taxId, customer, supplier),
    };

    public static JsonObject Person(string name, string? companyId = null, string? email = null, string? jobTitle = null) => new()
    {
        ["ContentType"] = "Person",
        ["TitlePart"] = new JsonObject { ["Title"] = name },
        ["PersonPart"] = new JsonObject
        {
            ["Company"] = new JsonObject { ["ContentItemIds"] = companyId is null ? new JsonArray() : new JsonArray(companyId) },
            ["JobTitle"] = new JsonObject { ["Text"] = jobTitle },
        },
        ["ContactPart"] = ContactPart(email, null, null, false, false),
    };

    /// <summary>Sets a text field of the contact's ContactPart (Street, City, PostalCode, Country, Tags…); answers the contact.</summary>
    public static JsonObject WithText(this JsonObject contact, string field, string text)
    {
        contact["ContactPart"]![field] = new JsonObject { ["Text"] = text };
        return contact;
    }

    /// <summary>POST /api/contacts, insisting on 201; answers the contact as stored.</summary>
    public static async Task<JsonNode> CreateContactAsync(this HttpClient client, JsonObject contact)
    {
        using var response = await client.PostAsync("api/contacts", ContentClient.Json(contact));
        return JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.Created)).GetRawText())!;
    }

    private static JsonObject ContactPart(string? email, string? phone, string? taxId, bool customer, bool supplier)
    {
        var part = new JsonObject
        {
            ["IsCustomer"] = new JsonObject { ["Value"] = customer },
            ["IsSupplier"] = new JsonObject { ["Value"] = supplier },
        };
        if (email is not null)
        {
            part["Email"] = new JsonObject { ["Email"] = email };
        }
        if (phone is not null)
        {
            part["Phone"] = new JsonObject { ["Phone"] = phone };
        }
        if (taxId is not null)
        {
            part["TaxId"] = new JsonObject { ["Text"] = taxId };
        }
        return part;
    }

    /// <summary>A CSV file as an upload sends it (text/csv, UTF-8, with a byte order mark when <paramref name="bom"/>).</summary>
    public static HttpContent CsvBody(string csv, bool bom = false) =>
        new ByteArrayContent([.. bom ? System.Text.Encoding.UTF8.Preamble.ToArray() : [], .. System.Text.Encoding.UTF8.GetBytes(csv)])
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") },
        };
}
