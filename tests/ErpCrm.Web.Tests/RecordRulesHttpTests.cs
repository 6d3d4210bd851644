using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Record rules leak nothing: a user who may view only their own items learns neither how many other items there are (a list's
/// total counts what they may see) nor which ids exist (another user's item answers as a missing one does). The content API,
/// and the modules' lists that read their own index tables (contacts, leads).
/// </summary>
public abstract class RecordRulesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Note = """
        {"Name": "Note", "DisplayName": "Note", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
        """;

    private const string MissingId = "4x0000000000000000000missing";

    private static JsonObject NewNote(string title) => new() { ["ContentType"] = "Note", ["TitlePart"] = new JsonObject { ["Title"] = title } };

    /// <summary>A client of a new user whose role may view and edit only their own items, besides <paramref name="permissions"/>.</summary>
    private async Task<HttpClient> OwnItemsOnlyAsync(string userName, params string[] permissions)
    {
        await Admin.CreateRoleAsync(userName + " role", ["ViewOwnContent", "EditOwnContent", "DeleteOwnContent", .. permissions]);
        return await Host.ClientOfNewUserAsync(userName, userName + " role");
    }

    private static async Task<JsonNode> PageAsync(HttpClient client, string path) =>
        JsonNode.Parse((await (await client.GetAsync(path)).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;

    [Fact]
    public async Task A_content_list_counts_only_the_items_the_caller_may_view()
    {
        await Admin.CreateTypeAsync(Note);
        foreach (var title in new[] { "Admin's one", "Admin's two", "Admin's three" })
        {
            await Admin.CreateItemAsync("Note", NewNote(title));
        }
        var writer = await OwnItemsOnlyAsync("writer");
        await writer.CreateItemAsync("Note", NewNote("Writer's"));

        var page = await PageAsync(writer, "api/content/Note?pageSize=2");

        Assert.Equal(["Writer's"], page.Texts());
        Assert.Equal(1, page["total"]!.GetValue<long>());
        Assert.Equal(1, (await PageAsync(writer, "api/content/Note?q=s&sort=DisplayText"))["total"]!.GetValue<long>());
        Assert.Equal(4, (await PageAsync(Admin, "api/content/Note"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Another_users_item_answers_404_as_an_id_that_does_not_exist_does()
    {
        await Admin.CreateTypeAsync(Note);
        var (others, etag) = await Admin.CreateItemAsync("Note", NewNote("Admin's"));
        var writer = await OwnItemsOnlyAsync("writer");

        foreach (var (method, id) in new[] { (HttpMethod.Get, others.Id()), (HttpMethod.Get, MissingId), (HttpMethod.Put, others.Id()), (HttpMethod.Put, MissingId),
                     (HttpMethod.Delete, others.Id()), (HttpMethod.Delete, MissingId) })
        {
            var request = new HttpRequestMessage(method, $"api/content/Note/{id}") { Content = method == HttpMethod.Put ? ContentClient.Json(NewNote("Taken")) : null };
            var problem = await (await writer.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal($"There is no Note with the id '{id}'.", problem.Text("detail"));
        }
        await (await writer.GetAsync($"api/content/Note/{others.Id()}/history")).AssertProblemAsync(HttpStatusCode.NotFound);

        var (unchanged, unchangedTag) = await Admin.GetItemAsync("Note", others.Id());
        Assert.Equal("Admin's", unchanged["DisplayText"]!.GetValue<string>());
        Assert.Equal(etag, unchangedTag);
    }

    [Fact]
    public async Task A_user_who_may_view_none_of_a_types_items_is_refused_whatever_the_id()
    {
        await Admin.CreateTypeAsync(Note);
        var (others, _) = await Admin.CreateItemAsync("Note", NewNote("Admin's"));
        var powerless = await Host.ClientOfNewUserAsync("powerless");

        await (await powerless.GetAsync("api/content/Note")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await powerless.GetAsync($"api/content/Note/{others.Id()}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await powerless.GetAsync($"api/content/Note/{MissingId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await powerless.DeleteAsync($"api/content/Note/{others.Id()}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await powerless.DeleteAsync($"api/content/Note/{MissingId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_contact_list_counts_only_the_contacts_the_caller_may_view()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        await Admin.CreateContactAsync(ContactsClient.Company("Admin's Acme"));
        await Admin.CreateContactAsync(ContactsClient.Company("Admin's Bolts"));
        var seller = await OwnItemsOnlyAsync("seller", "ViewContacts", "ManageContacts");
        var mine = await seller.CreateContactAsync(ContactsClient.Company("Seller's Cogs"));
        await Admin.CreateContactAsync(ContactsClient.Person("Ada", mine.Id()));
        await seller.CreateContactAsync(ContactsClient.Person("Bob", mine.Id()));

        var page = await PageAsync(seller, "api/contacts?pageSize=1");

        Assert.Equal(2, page["total"]!.GetValue<long>());
        Assert.Equal(1, (await PageAsync(seller, "api/contacts?type=Company"))["total"]!.GetValue<long>());
        Assert.Equal(5, (await PageAsync(Admin, "api/contacts"))["total"]!.GetValue<long>());
        var others = (await Admin.CreateContactAsync(ContactsClient.Company("Admin's Dynamo"))).Id();
        foreach (var (method, id) in new[] { (HttpMethod.Get, others), (HttpMethod.Get, MissingId), (HttpMethod.Delete, others), (HttpMethod.Delete, MissingId) })
        {
            var problem = await (await seller.SendAsync(new HttpRequestMessage(method, $"api/contacts/{id}"))).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal($"There is no contact '{id}'.", problem.Text("detail"));
        }
    }

    [Fact]
    public async Task The_lead_list_counts_only_the_leads_the_caller_may_view()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        await Admin.CreateLeadAsync(LeadsClient.Lead("Grace"));
        var seller = await OwnItemsOnlyAsync("seller", "ViewLeads", "ManageLeads");
        var (mine, _) = await seller.CreateLeadAsync(LeadsClient.Lead("Seller's lead"));

        var page = await seller.ListLeadsAsync();

        Assert.Equal([mine.Id()], page["items"]!.AsArray().Select(l => l!.Id()));
        Assert.Equal(1, page["total"]!.GetValue<long>());
        Assert.Equal(3, await Admin.LeadCountAsync());
        var others = (await Admin.ListLeadsAsync())["items"]!.AsArray().First(l => l!.Id() != mine.Id())!.Id();
        foreach (var id in new[] { others, MissingId })
        {
            var problem = await (await seller.GetAsync($"api/leads/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal($"There is no lead '{id}'.", problem.Text("detail"));
            await (await seller.PutJsonAsync($"api/leads/{id}", LeadsClient.Lead("Taken"))).AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }
}

public sealed class SqliteRecordRulesHttpTests() : RecordRulesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRecordRulesHttpTests() : RecordRulesHttpTests(DatabaseProvider.Postgres);
