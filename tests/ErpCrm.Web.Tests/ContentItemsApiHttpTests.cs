using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>Content items over /api/content/{type}: create, read, update with If-Match, draft and publish, versions, removal, handlers.</summary>
public abstract class ContentItemsApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Note = """
        {"Name": "Note", "DisplayName": "Note", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "PriorityPart", "Name": "PriorityPart"}]}
        """;

    private const string Article = """
        {"Name": "Article", "DisplayName": "Article", "Settings": {"ContentTypeSettings": {"Creatable": true, "Draftable": true, "Versionable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
        """;

    private static JsonObject NewNote(string title, string priority = "low") => new()
    {
        ["DisplayText"] = title,
        ["TitlePart"] = new JsonObject { ["Title"] = title },
        ["PriorityPart"] = new JsonObject { ["Priority"] = priority },
    };

    [Fact]
    public async Task Creating_an_item_answers_201_with_its_location_and_etag_and_it_reads_back_as_given()
    {
        await Admin.CreateTypeAsync(Note);

        using var response = await Admin.PostAsync("api/content/Note", ContentClient.Json(NewNote("First")));

        var created = JsonNode.Parse((await response.ReadJsonAsync(HttpStatusCode.Created)).GetRawText())!;
        var id = created.Id();
        Assert.Equal(26, id.Length);
        Assert.Equal($"/api/content/Note/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Note", created["ContentType"]!.GetValue<string>());
        Assert.True(created["Latest"]!.GetValue<bool>());
        Assert.True(created["Published"]!.GetValue<bool>()); // not Draftable: published on save
        Assert.Equal("admin", created["Author"]!.GetValue<string>());
        Assert.NotNull(created["Owner"]);
        var (read, etag) = await Admin.GetItemAsync("Note", id);
        Assert.True(JsonNode.DeepEquals(created, read), $"{created.ToJsonString()} <> {read.ToJsonString()}");
        Assert.Equal("\"1\"", etag);
        Assert.Equal("low", read["PriorityPart"]!["Priority"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_put_with_a_stale_if_match_answers_409_and_changes_nothing()
    {
        await Admin.CreateTypeAsync(Note);
        var (item, etag) = await Admin.CreateItemAsync("Note", NewNote("First"));

        using var updated = await Admin.PutItemAsync("Note", item.Id(), NewNote("Second"), etag);
        Assert.Equal("Second", (await updated.ReadJsonAsync(HttpStatusCode.OK)).Text("DisplayText"));
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);

        await (await Admin.PutItemAsync("Note", item.Id(), NewNote("Stale"), etag)).AssertProblemAsync(HttpStatusCode.Conflict);
        var (read, now) = await Admin.GetItemAsync("Note", item.Id());
        Assert.Equal("Second", read["DisplayText"]!.GetValue<string>());
        Assert.Equal("\"2\"", now);
    }

    [Fact]
    public async Task Of_concurrent_puts_naming_the_same_etag_exactly_one_wins_and_the_others_answer_409()
    {
        await Admin.CreateTypeAsync(Note);
        var (item, etag) = await Admin.CreateItemAsync("Note", NewNote("First"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Admin.PutItemAsync("Note", item.Id(), NewNote($"Writer {i}"), etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var (read, now) = await Admin.GetItemAsync("Note", item.Id());
        Assert.Equal((await winner.ReadJsonAsync(HttpStatusCode.OK)).Text("DisplayText"), read["DisplayText"]!.GetValue<string>());
        Assert.Equal("\"2\"", now);
    }

    [Fact]
    public async Task Of_concurrent_creates_with_the_same_given_id_one_is_created_and_the_others_answer_409()
    {
        await Admin.CreateTypeAsync(Note);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
        {
            var note = NewNote($"Writer {i}");
            note["ContentItemId"] = "same-id";
            return Admin.PostAsync("api/content/Note", ContentClient.Json(note));
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, (await Admin.ListItemsAsync("Note"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_draftable_item_stays_a_draft_until_published_and_a_change_to_a_published_one_is_a_new_draft_version()
    {
        await Admin.CreateTypeAsync(Article);
        var (draft, etag) = await Admin.CreateItemAsync("Article", new JsonObject { ["DisplayText"] = "Draft", ["TitlePart"] = new JsonObject { ["Title"] = "Draft" } });
        Assert.False(draft["Published"]!.GetValue<bool>());
        Assert.Equal(0, (await Admin.ListItemsAsync("Article", "published=true"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await Admin.ListItemsAsync("Article"))["total"]!.GetValue<int>());

        using var published = await Admin.PostAsync($"api/content/Article/{draft.Id()}/publish", null);
        Assert.True((await published.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("Published").GetBoolean());
        Assert.Equal(["Draft"], (await Admin.ListItemsAsync("Article", "published=true")).Texts());

        var change = new JsonObject { ["DisplayText"] = "Changed", ["TitlePart"] = new JsonObject { ["Title"] = "Changed" } };
        using var changed = await Admin.PutItemAsync("Article", draft.Id(), change, published.Headers.ETag!.Tag);
        var second = await changed.ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(second.GetProperty("Published").GetBoolean());
        Assert.NotEqual(draft["ContentItemVersionId"]!.GetValue<string>(), second.Text("ContentItemVersionId"));
        Assert.Equal(["Draft"], (await Admin.ListItemsAsync("Article", "published=true")).Texts()); // the public still sees the published version
        Assert.Equal(["Changed"], (await Admin.ListItemsAsync("Article")).Texts());

        var history = JsonNode.Parse((await (await Admin.GetAsync($"api/content/Article/{draft.Id()}/versions")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        var versions = history["versions"]!.AsArray();
        Assert.Equal([(1, true, false), (2, false, true)], versions.Select(v => (v!["number"]!.GetValue<int>(), v["published"]!.GetValue<bool>(), v["latest"]!.GetValue<bool>())));
        Assert.Equal(["created", "published", "updated"], history["changes"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()));
        var titleChange = history["changes"]![2]!["changes"]!.AsArray().Single(c => c!["field"]!.GetValue<string>() == "TitlePart.Title")!;
        Assert.Equal(("Draft", "Changed"), (titleChange["from"]!.GetValue<string>(), titleChange["to"]!.GetValue<string>()));
        Assert.NotNull(history["changes"]![2]!["actor"]);

        var first = JsonNode.Parse((await (await Admin.GetAsync($"api/content/Article/{draft.Id()}/versions/{draft["ContentItemVersionId"]}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("Draft", first["TitlePart"]!["Title"]!.GetValue<string>());
        Assert.False(first["Latest"]!.GetValue<bool>());

        using var republished = await Admin.PostAsync($"api/content/Article/{draft.Id()}/publish", null);
        await republished.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Changed"], (await Admin.ListItemsAsync("Article", "published=true")).Texts());
    }

    [Fact]
    public async Task A_removed_item_is_found_no_more_but_its_versions_stay_for_the_record()
    {
        await Admin.CreateTypeAsync(Note);
        var (item, etag) = await Admin.CreateItemAsync("Note", NewNote("Doomed"));
        await Admin.CreateItemAsync("Note", NewNote("Kept"));

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"api/content/Note/{item.Id()}");
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        await (await Admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/content/Note/{item.Id()}")).StatusCode);

        await (await Admin.GetAsync($"api/content/Note/{item.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync($"api/content/Note/{item.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["Kept"], (await Admin.ListItemsAsync("Note")).Texts());
        var versions = await Host.InTenantAsync(Tenant, async services =>
            await services.GetRequiredService<ErpCrm.Core.Content.Items.ContentItemStore>().VersionsAsync(item.Id(), CancellationToken.None));
        Assert.Single(versions);
        Assert.False(versions[0].Latest);
    }

    [Fact]
    public async Task Bad_requests_answer_4xx_naming_every_bad_field_and_store_nothing()
    {
        await Admin.CreateTypeAsync(Note);

        await (await Admin.PostAsync("api/content/Nothing", ContentClient.Json("{}"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsync("api/content/Note", ContentClient.Json("""
            {"ContentType": "Other", "ContentItemId": "bad id!", "Latest": "perhaps", "CreatedUtc": "yesterday", "Owner": 3}
            """))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Latest", "CreatedUtc", "Owner");
        await (await Admin.PostAsync("api/content/Note", ContentClient.Json("""{"ContentType": "Other", "ContentItemId": "bad id!"}""")))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "ContentType", "ContentItemId");
        await (await Admin.PostAsync("api/content/Note", ContentClient.Json("""{"TitlePart": "not an object"}""")))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "TitlePart");
        await (await Admin.PostAsync("api/content/Note", ContentClient.Json("[1]"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "$");
        await (await Admin.GetAsync("api/content/Note?page=0&pageSize=1000")).AssertFieldsAsync(HttpStatusCode.BadRequest, "page", "pageSize");
        await (await Admin.GetAsync("api/content/Note?sort=Nothing")).AssertFieldsAsync(HttpStatusCode.BadRequest, "sort");
        Assert.Equal(0, (await Admin.ListItemsAsync("Note"))["total"]!.GetValue<int>());

        var (item, _) = await Admin.CreateItemAsync("Note", new JsonObject { ["ContentItemId"] = "given-id_1" });
        Assert.Equal("given-id_1", item.Id());
        await (await Admin.PostAsync("api/content/Note", ContentClient.Json("""{"ContentItemId": "given-id_1"}""")))
            .AssertFieldsAsync(HttpStatusCode.Conflict, "ContentItemId");
        await (await Admin.PutItemAsync("Note", item.Id(), NewNote("x"), "three")).AssertFieldsAsync(HttpStatusCode.BadRequest, "If-Match");
    }

    [Fact]
    public async Task Module_handlers_see_every_lifecycle_event_in_order_and_can_refuse_a_change()
    {
        await Admin.EnableFeaturesAsync("Test.Content");
        await Admin.CreateTypeAsync(Article);

        var (item, _) = await Admin.CreateItemAsync("Article", new JsonObject { ["DisplayText"] = "One" });
        using var published = await Admin.PostAsync($"api/content/Article/{item.Id()}/publish", null);
        await (await Admin.PutItemAsync("Article", item.Id(), new JsonObject { ["DisplayText"] = "Refuse me" }, published.Headers.ETag!.Tag))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "DisplayText");
        await (await Admin.PutItemAsync("Article", item.Id(), new JsonObject { ["DisplayText"] = "Two", ["Published"] = true }, published.Headers.ETag!.Tag))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/content/Article/{item.Id()}")).StatusCode);
        await (await Admin.PostAsync("api/content/Article", ContentClient.Json("""{"DisplayText": "Refuse me", "ContentItemId": "refused"}""")))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "DisplayText");

        Assert.Equal(["creating", "created", "publishing", "published", "updating", "publishing", "updated", "published", "removing", "removed"],
            await EventsAsync(item.Id()));
        Assert.Empty(await EventsAsync("refused"));
        await (await Admin.GetAsync("api/content/Article/refused")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_modules_part_index_holds_a_row_per_version_with_its_flags()
    {
        await Admin.EnableFeaturesAsync("Test.Content");
        await Admin.CreateTypeAsync(Note.Replace("\"Creatable\": true", "\"Creatable\": true, \"Versionable\": true"));
        var (item, etag) = await Admin.CreateItemAsync("Note", NewNote("Task", "high"));

        await (await Admin.PutItemAsync("Note", item.Id(), NewNote("Task", "low"), etag)).ReadJsonAsync(HttpStatusCode.OK);

        var rows = JsonNode.Parse((await (await Admin.GetAsync($"api/test/priority-index/{item.Id()}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsArray();
        Assert.Equal([("high", false, false), ("low", true, true)],
            rows.Select(r => (r!["priority"]!.GetValue<string>(), r["latest"]!.GetValue<bool>(), r["published"]!.GetValue<bool>())));
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/content/Note/{item.Id()}")).StatusCode);
        rows = JsonNode.Parse((await (await Admin.GetAsync($"api/test/priority-index/{item.Id()}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsArray();
        Assert.All(rows, r => Assert.False(r!["latest"]!.GetValue<bool>() || r["published"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Lists_search_the_display_text_sort_and_page()
    {
        await Admin.CreateTypeAsync(Note);
        foreach (var title in new[] { "Delta", "alpha", "Charlie", "bravo", "Alphabet" })
        {
            await Admin.CreateItemAsync("Note", NewNote(title));
        }

        Assert.Equal(["alpha", "Alphabet"], (await Admin.ListItemsAsync("Note", "q=ALPH&sort=DisplayText")).Texts());
        var page = await Admin.ListItemsAsync("Note", "sort=DisplayText&page=2&pageSize=2");
        Assert.Equal(["bravo", "Charlie"], page.Texts());
        Assert.Equal(5, page["total"]!.GetValue<int>());
        Assert.Equal(["Delta", "Charlie"], (await Admin.ListItemsAsync("Note", "sort=-DisplayText&pageSize=2")).Texts());
        Assert.Equal("Alphabet", (await Admin.ListItemsAsync("Note", "pageSize=1")).Texts()[0]); // newest first by default
        Assert.Empty((await Admin.ListItemsAsync("Note", "q=100%25")).Texts()); // '%' is searched for, not a wildcard
    }

    [Fact]
    public async Task Callers_may_do_only_what_their_content_permissions_allow()
    {
        await Admin.CreateTypeAsync(Note);
        var (others, _) = await Admin.CreateItemAsync("Note", NewNote("Admin's"));
        var powerless = await Host.ClientOfNewUserAsync("powerless");
        await (await powerless.GetAsync("api/content/Note")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await powerless.PostAsync("api/content/Note", ContentClient.Json(NewNote("Mine")))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await powerless.GetAsync($"api/content/Note/{others.Id()}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        await Admin.CreateRoleAsync("Writer", "ViewOwnContent", "EditOwnContent");
        var writer = await Host.ClientOfNewUserAsync("writer", "Writer");
        var (mine, etag) = await writer.CreateItemAsync("Note", NewNote("Mine"));
        await (await writer.PutItemAsync("Note", mine.Id(), NewNote("Still mine"), etag)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Still mine"], (await writer.ListItemsAsync("Note")).Texts()); // only their own
        // Another user's item is one the writer may not know about: it answers as a missing id does (RecordRulesHttpTests).
        await (await writer.GetAsync($"api/content/Note/{others.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PutItemAsync("Note", others.Id(), NewNote("Taken"), null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var givenAway = NewNote("Given away");
        givenAway["Owner"] = others["Owner"]!.GetValue<string>();
        await (await writer.PutItemAsync("Note", mine.Id(), givenAway, null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.DeleteAsync($"api/content/Note/{mine.Id()}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_securable_type_has_permissions_of_its_own_that_grant_that_type_only()
    {
        await Admin.CreateTypeAsync(Note.Replace("\"Creatable\": true", "\"Creatable\": true, \"Securable\": true"));
        await Admin.CreateTypeAsync(Article);
        var permissions = (await (await Admin.GetAsync("api/permissions")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText();
        Assert.Contains("\"Edit_Note\"", permissions);
        Assert.Contains("\"ViewOwn_Note\"", permissions);
        Assert.DoesNotContain("_Article\"", permissions);

        await Admin.CreateRoleAsync("NoteKeeper", "Edit_Note", "Delete_Note");
        var keeper = await Host.ClientOfNewUserAsync("keeper", "NoteKeeper");

        var (note, _) = await keeper.CreateItemAsync("Note", NewNote("Kept"));
        Assert.Equal(["Kept"], (await keeper.ListItemsAsync("Note")).Texts()); // Edit implies View
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.DeleteAsync($"api/content/Note/{note.Id()}")).StatusCode);
        await (await keeper.GetAsync("api/content/Article")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await keeper.PostAsync("api/content/Article", ContentClient.Json("{}"))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_type_with_items_is_not_deleted_and_the_refusal_says_how_many()
    {
        await Admin.CreateTypeAsync(Note);
        var (item, _) = await Admin.CreateItemAsync("Note", NewNote("One"));
        await Admin.CreateItemAsync("Note", NewNote("Two"));

        var problem = await (await Admin.DeleteAsync("api/content-types/Note")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("2 item(s)", problem.Text("detail"));
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/content/Note/{item.Id()}")).StatusCode);
        Assert.Contains("1 item(s)", (await (await Admin.DeleteAsync("api/content-types/Note")).AssertProblemAsync(HttpStatusCode.Conflict)).Text("detail"));
    }

    [Fact]
    public async Task A_modules_field_type_checks_values_only_while_its_feature_is_on()
    {
        await Admin.CreatePartAsync("""{"Name": "Review", "ContentPartFieldDefinitionRecords": [{"FieldName": "RatingField", "Name": "Rating"}]}""");
        await Admin.CreateTypeAsync("""{"Name": "Review", "DisplayName": "Review", "ContentTypePartDefinitionRecords": [{"PartName": "Review", "Name": "Review"}]}""");
        var sevenStars = JsonNode.Parse("""{"Review": {"Rating": {"Stars": 7}}}""")!;
        await Admin.CreateItemAsync("Review", sevenStars.DeepClone()); // an unknown field type is kept as it is

        await Admin.EnableFeaturesAsync("Test.Content");

        await (await Admin.PostAsync("api/content/Review", ContentClient.Json(sevenStars))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Review.Rating.Stars");
        var (fourStars, _) = await Admin.CreateItemAsync("Review", JsonNode.Parse("""{"Review": {"Rating": {"Stars": 4}}}""")!);
        Assert.Equal(4, fourStars["Review"]!["Rating"]!["Stars"]!.GetValue<int>());
    }

    private async Task<IReadOnlyList<string>> EventsAsync(string id) =>
        (await (await Admin.GetAsync($"api/test/content-events/{id}")).ReadJsonAsync(HttpStatusCode.OK)).Strings();
}

public sealed class SqliteContentItemsApiHttpTests() : ContentItemsApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentItemsApiHttpTests() : ContentItemsApiHttpTests(DatabaseProvider.Postgres);
