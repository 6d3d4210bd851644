using System.Net;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>Posting journal entries through /api/ledger: balance, numbering, immutability, reversal and the errors a user can cause.</summary>
public abstract class LedgerPostingHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task A_posted_entry_is_numbered_in_its_journal_and_year_and_answers_amounts_with_the_currency_decimals()
    {
        var first = await Admin.PostEntryAsync(Entry("GEN", "2026-01-05", "Capital", true, Dr("1100", "10000"), Cr("3000", 10000)));
        var second = await Admin.PostEntryAsync(Entry("GEN", "2026-01-06", "Rent", true, Dr("6100", "1150.5"), Cr("1100", "1150.50")));

        Assert.Equal("GEN/2026/0001", first.Text("number"));
        Assert.Equal("GEN/2026/0002", second.Text("number"));
        Assert.Equal("posted", second.Text("state"));
        var lines = second.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["1150.50", "0.00"], lines.Select(l => l.Text("debit")));
        Assert.Equal("Rent", lines[0].Text("accountName"));
        Assert.Equal(first.Text("hash"), second.Text("prevHash"));
    }

    [Fact]
    public async Task Posting_an_unbalanced_entry_is_rejected_with_the_difference_and_writes_nothing()
    {
        using var response = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-01-05", "Oops", true, Dr("1100", "100"), Cr("4000", "90.00")));

        var problem = await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines");
        Assert.Contains("differ by 10.00", problem.Error("lines"));
        var page = await Admin.GetLedgerJsonAsync("api/ledger/entries");
        Assert.Equal(0, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Every_bad_field_of_an_entry_is_named()
    {
        using var archive = await Admin.PutJsonAsync("api/ledger/accounts/1000", System.Text.Json.Nodes.JsonNode.Parse("""{"active": false}""")!);
        await archive.ReadJsonAsync(HttpStatusCode.OK);

        using var response = await Admin.PostJsonAsync("api/ledger/entries", new
        {
            journal = "GEN", date = "2026-02-30", post = true,
            lines = new object[] { new { account = "1100", debit = "10.001" }, new { account = "9999", credit = "10" }, new { account = "1000", credit = "1" } },
        });
        var problem = await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "date", "lines[0].debit", "lines[1].account", "lines[2].account");
        Assert.Contains("3 decimals", problem.Error("lines[0].debit"));
        Assert.Contains("'9999' does not exist", problem.Error("lines[1].account"));
        Assert.Contains("archived", problem.Error("lines[2].account"));

        using var second = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-02-01", "x", true, Dr("9999", "10"), Cr("1000", "10")));
        var refs = await second.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].account", "lines[1].account");
        Assert.Contains("does not exist", refs.Error("lines[0].account"));
        Assert.Contains("archived", refs.Error("lines[1].account"));

        using var partner = await Admin.PostJsonAsync("api/ledger/entries", Entry("SAL", "2026-02-01", "x", true, Dr("1200", "10"), Cr("4000", "10")));
        Assert.Contains("contact", (await partner.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].contactId")).Error("lines[0].contactId"));
    }

    [Fact]
    public async Task Posting_on_or_before_the_lock_date_is_a_conflict()
    {
        using var locking = await Admin.PutJsonAsync("api/ledger/settings", System.Text.Json.Nodes.JsonNode.Parse("""{"lockDate": "2026-01-31"}""")!);
        await locking.ReadJsonAsync(HttpStatusCode.OK);

        using var response = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-01-31", "Late", true, Dr("6100", "5"), Cr("1100", "5")));

        Assert.Contains("locked", (await response.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await Admin.PostEntryAsync(Entry("GEN", "2026-02-01", "On time", true, Dr("6100", "5"), Cr("1100", "5")));
    }

    [Fact]
    public async Task A_lock_date_moved_by_another_request_is_the_one_the_next_post_meets_in_every_journal_old_or_new()
    {
        // Posted first, so that the settings, journals and years are cached before the lock date moves.
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-15", "Before", true, Dr("6100", "5"), Cr("1100", "5")));
        using var locking = await Admin.PutJsonAsync("api/ledger/settings", System.Text.Json.Nodes.JsonNode.Parse("""{"lockDate": "2026-01-31"}""")!);
        await locking.ReadJsonAsync(HttpStatusCode.OK);
        using var created = await Admin.PostJsonAsync("api/ledger/journals", new { code = "BNK2", name = "Second bank", type = "bank" });
        await created.ReadJsonAsync(HttpStatusCode.OK);

        using var old = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-01-20", "Late", true, Dr("6100", "5"), Cr("1100", "5")));
        using var fresh = await Admin.PostJsonAsync("api/ledger/entries", Entry("BNK2", "2026-01-20", "Late", true, Dr("6100", "5"), Cr("1100", "5")));
        Assert.Contains("locked up to 2026-01-31", (await old.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Contains("locked up to 2026-01-31", (await fresh.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        using var back = await Admin.PutJsonAsync("api/ledger/settings", System.Text.Json.Nodes.JsonNode.Parse("""{"lockDate": "2026-01-10"}""")!);
        await back.ReadJsonAsync(HttpStatusCode.OK);
        var gen = await Admin.PostEntryAsync(Entry("GEN", "2026-01-20", "Now open", true, Dr("6100", "5"), Cr("1100", "5")));
        var bnk2 = await Admin.PostEntryAsync(Entry("BNK2", "2026-01-20", "Now open", true, Dr("6100", "5"), Cr("1100", "5")));
        Assert.Equal("GEN/2026/0002", gen.Text("number"));
        Assert.Equal("BNK2/2026/0001", bnk2.Text("number"));
    }

    [Fact]
    public async Task A_draft_can_be_changed_and_posted_once_and_then_never_changes()
    {
        var draft = await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Draft", false, Dr("6100", "5"), Cr("1100", "4")));
        Assert.Equal("draft", draft.Text("state"));
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("number").ValueKind);

        using var changed = await Admin.PutJsonAsync($"api/ledger/entries/{draft.Id()}",
            System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(Entry("GEN", "2026-03-02", "Draft", false, Dr("6100", "5"), Cr("1100", "5"))))!, "\"1\"");
        var version = (await changed.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32();

        var posts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Admin.PostAsync($"api/ledger/entries/{draft.Id()}/post", null)));

        Assert.Equal(1, posts.Count(p => p.StatusCode == HttpStatusCode.OK));
        Assert.All(posts.Where(p => p.StatusCode != HttpStatusCode.OK), p => Assert.Equal(HttpStatusCode.Conflict, p.StatusCode));
        var posted = await Admin.GetEntryAsync(draft.Id());
        Assert.Equal("GEN/2026/0001", posted.Text("number"));
        Assert.True(posted.GetProperty("version").GetInt32() > version);
        using var edit = await Admin.PutJsonAsync($"api/ledger/entries/{draft.Id()}",
            System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(Entry("GEN", "2026-03-02", "Changed", false, Dr("6100", "6"), Cr("1100", "6"))))!);
        await edit.AssertProblemAsync(HttpStatusCode.Conflict);
        using var delete = await Admin.DeleteAsync($"api/ledger/entries/{draft.Id()}");
        await delete.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_reversal_mirrors_the_entry_links_both_ways_and_happens_once()
    {
        var entry = await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Rent", true, Dr("6100", "300"), Cr("1100", "300")));

        using var reversing = await Admin.PostJsonAsync($"api/ledger/entries/{entry.Id()}/reverse", new { date = "2026-03-05" });
        var reversal = await reversing.ReadJsonAsync(HttpStatusCode.Created);
        using var again = await Admin.PostJsonAsync($"api/ledger/entries/{entry.Id()}/reverse", new { date = "2026-03-06" });

        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(entry.Id(), reversal.GetProperty("reversalOf").GetInt64());
        Assert.Equal(reversal.Id(), (await Admin.GetEntryAsync(entry.Id())).GetProperty("reversedBy").GetInt64());
        var lines = reversal.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["0.00", "300.00"], lines.Select(l => l.Text("debit")));
        Assert.Equal("2026-03-05", reversal.Text("date"));
    }

    [Fact]
    public async Task A_replayed_idempotency_key_answers_the_first_entry_again_and_posts_nothing_new()
    {
        var body = Entry("GEN", "2026-03-01", "Once", true, Dr("6100", "1"), Cr("1100", "1"));
        HttpResponseMessage Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/ledger/entries") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "entry-1");
            return Admin.SendAsync(request).GetAwaiter().GetResult();
        }
        using var first = Send();
        using var second = Send();

        Assert.Equal((await first.ReadJsonAsync(HttpStatusCode.Created)).Id(), (await second.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.Equal(1, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Eight_concurrent_writers_get_gapless_unique_numbers_and_exact_totals()
    {
        const int writers = 8, each = 10;
        var clients = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Host.ClientOfNewUserAsync($"clerk{i}", "Administrator")));

        await Task.WhenAll(clients.Select((client, w) => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await client.PostEntryAsync(Entry("SAL", "2026-04-01", $"w{w}-{i}", true, Dr("1000", $"{w + 1}.0{i}"), Cr("4000", $"{w + 1}.0{i}")));
            }
        })));

        var page = await Admin.GetLedgerJsonAsync("api/ledger/entries?journal=SAL&pageSize=200");
        var numbers = page.GetProperty("items").EnumerateArray().Select(e => e.Text("number")).Order().ToList();
        Assert.Equal(Enumerable.Range(1, writers * each).Select(n => $"SAL/2026/{n:0000}"), numbers);
        var expected = Enumerable.Range(0, writers).Sum(w => Enumerable.Range(0, each).Sum(i => (w + 1) * 100 + i));
        var total = page.GetProperty("items").EnumerateArray().Sum(e => (long)(decimal.Parse(e.Text("total"), System.Globalization.CultureInfo.InvariantCulture) * 100));
        Assert.Equal(expected, total);
    }

    [Fact]
    public async Task The_database_itself_refuses_to_change_or_delete_a_posted_line()
    {
        var entry = await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Rent", true, Dr("6100", "300"), Cr("1100", "300")));

        foreach (var sql in new[]
        {
            "UPDATE ledger_lines SET debit = debit + 100 WHERE entry_id = @Id",
            "DELETE FROM ledger_lines WHERE entry_id = @Id",
            "UPDATE ledger_entries SET reference = 'tampered' WHERE id = @Id",
            "DELETE FROM ledger_entries WHERE id = @Id",
        })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Host.InTenantAsync(Tenant, services =>
                services.GetRequiredService<IUnitOfWork>().ExecuteAsync(sql, new { Id = entry.Id() })));
        }
        var lines = (await Admin.GetEntryAsync(entry.Id())).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["300.00", "0.00"], lines.Select(l => l.Text("debit")));
        Assert.Equal("Rent", (await Admin.GetEntryAsync(entry.Id())).Text("reference"));
    }

    [Fact]
    public async Task A_batch_posts_every_entry_or_none_and_names_the_bad_one()
    {
        using var bad = await Admin.PostJsonAsync("api/ledger/entries/batch", new
        {
            entries = new[]
            {
                Entry("SAL", "2026-05-01", "ok", true, Dr("1000", "10"), Cr("4000", "10")),
                Entry("SAL", "2026-05-01", "bad", true, Dr("1000", "10"), Cr("4000", "9.99")),
            },
        });
        Assert.Contains("differ by 0.01", (await bad.AssertFieldsAsync(HttpStatusCode.BadRequest, "entries[1].lines")).Error("entries[1].lines"));
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());

        using var good = await Admin.PostJsonAsync("api/ledger/entries/batch", new
        {
            entries = Enumerable.Range(1, 3).Select(i => Entry("SAL", $"2026-05-0{i}", $"sale {i}", true, Dr("1000", $"{i}0"), Cr("4000", $"{i}0"))).ToArray(),
        });
        var posted = (await good.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["SAL/2026/0001", "SAL/2026/0002", "SAL/2026/0003"], posted.Select(e => e.Text("number")));
        Assert.Equal(["10.00", "20.00", "30.00"], posted.Select(e => e.Text("total")));
    }

    [Fact]
    public async Task A_batch_of_many_entries_keeps_each_text_as_sent_numbers_them_without_gaps_and_leaves_the_books_verifiable()
    {
        // Enough entries and lines that SQLite takes them as one JSON text (see LedgerWriter), with text JSON must escape.
        const string Reference = "Réf \"a\\b\" <x> & 😀";
        using var response = await Admin.PostJsonAsync("api/ledger/entries/batch", new
        {
            entries = Enumerable.Range(1, 8).Select(i => Entry(i % 2 == 0 ? "GEN" : "SAL", $"2026-06-0{i}", $"{Reference} {i}", true,
                Dr(i % 2 == 0 ? "6100" : "1000", $"{i}.0{i}"), Cr(i % 2 == 0 ? "1100" : "4000", $"{i}.0{i}"))).ToArray(),
        });

        var posted = (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["SAL/2026/0001", "GEN/2026/0001", "SAL/2026/0002", "GEN/2026/0002", "SAL/2026/0003", "GEN/2026/0003", "SAL/2026/0004", "GEN/2026/0004"],
            posted.Select(e => e.Text("number")));
        var last = await Admin.GetEntryAsync(posted[7].Id());
        Assert.Equal($"{Reference} 8", last.Text("reference"));
        Assert.Equal(["8.08", "0.00"], last.GetProperty("lines").EnumerateArray().Select(l => l.Text("debit")));
        Assert.Equal(["0.00", "8.08"], last.GetProperty("lines").EnumerateArray().Select(l => l.Text("credit")));
        var verify = await (await Admin.GetAsync("api/ledger/verify")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.GetRawText());
    }

    [Fact]
    public async Task Reading_the_books_needs_ViewLedger_and_writing_them_PostEntries()
    {
        var staff = await Host.ClientOfNewUserAsync("sam", "Staff");
        var editor = await Host.ClientOfNewUserAsync("eve", "Editor");

        Assert.Equal(HttpStatusCode.Forbidden, await staff.StatusOfAsync("api/ledger/entries"));
        Assert.Equal(HttpStatusCode.OK, await editor.StatusOfAsync("api/ledger/entries"));
        using var write = await editor.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-05-01", "x", true, Dr("1000", "1"), Cr("4000", "1")));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        using var account = await editor.PostJsonAsync("api/ledger/accounts", new { code = "9000", name = "X", type = "asset" });
        Assert.Equal(HttpStatusCode.Forbidden, account.StatusCode);
    }

    [Fact]
    public async Task Accounts_form_a_tree_of_one_type_and_keep_their_type_once_they_have_lines()
    {
        using var child = await Admin.PostJsonAsync("api/ledger/accounts", new { code = "1101", name = "Bank EUR", type = "asset", subtype = "bank", parent = "1100" });
        await child.ReadJsonAsync(HttpStatusCode.Created);
        using var wrongParent = await Admin.PostJsonAsync("api/ledger/accounts", new { code = "4001", name = "X", type = "income", parent = "1100", subtype = "stock" });
        using var duplicate = await Admin.PostJsonAsync("api/ledger/accounts", new { code = "1100", name = "Again", type = "asset" });
        using var loop = await Admin.PutJsonAsync("api/ledger/accounts/1100", System.Text.Json.Nodes.JsonNode.Parse("""{"parent": "1101"}""")!);
        await Admin.PostEntryAsync(Entry("GEN", "2026-05-01", "x", true, Dr("1101", "1"), Cr("4000", "1")));
        using var retype = await Admin.PutJsonAsync("api/ledger/accounts/1101", System.Text.Json.Nodes.JsonNode.Parse("""{"type": "expense", "subtype": "", "parent": ""}""")!);

        await wrongParent.AssertFieldsAsync(HttpStatusCode.BadRequest, "parent", "subtype");
        await duplicate.AssertFieldsAsync(HttpStatusCode.Conflict, "code");
        Assert.Contains("loop", (await loop.AssertFieldsAsync(HttpStatusCode.BadRequest, "parent")).Error("parent"));
        await retype.AssertFieldsAsync(HttpStatusCode.Conflict, "type");
        var tree = (await Admin.GetLedgerJsonAsync("api/ledger/accounts")).EnumerateArray().Select(a => a.Text("code")).ToList();
        Assert.Equal(tree.IndexOf("1100") + 1, tree.IndexOf("1101"));
    }
}

public sealed class SqliteLedgerPostingHttpTests() : LedgerPostingHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerPostingHttpTests() : LedgerPostingHttpTests(DatabaseProvider.Postgres);
