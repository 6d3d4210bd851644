using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerPagesClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>The ledger's admin pages: the chart of accounts, the entry editor, an entry's page, the entry list and the settings.</summary>
public abstract class LedgerAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        _browser = await SignInAdminAsync();
    }

    private Task<BrowserSession> SignInWithAsync(string userName, params string[] permissions) =>
        BrowserSession.SignInNewUserAsync(Host, Admin, userName, permissions);

    private Task<HttpResponseMessage> PostEntryFormAsync(IReadOnlyList<KeyValuePair<string, string>> fields) => _browser.PostFormAsync(NewEntry, fields);

    [Fact]
    public async Task The_chart_of_accounts_shows_a_sub_account_indented_under_its_parent_and_archived_accounts_marked()
    {
        using var created = await Admin.PostJsonAsync("api/ledger/accounts", new { code = "1110", name = "Savings account", type = "asset", subtype = "bank", parent = "1100" });
        await created.ReadJsonAsync(HttpStatusCode.Created);
        using var archived = await Admin.PutJsonAsync("api/ledger/accounts/1590", new JsonObject { ["active"] = false });
        await archived.ReadJsonAsync(HttpStatusCode.OK);

        var page = await _browser.GetPageAsync("admin/ledger/accounts");

        var rows = TreeRows(page);
        Assert.Equal(15, rows.Count);
        var parent = rows.ToList().FindIndex(r => r.Code == "1100");
        Assert.Equal(("1110", 1), rows[parent + 1]);
        Assert.Equal(("1200", 0), rows[parent + 2]);
        Assert.Matches("<tr id=\"account-1590\"[^>]*>\\s*<td[^>]*>.*?</td>\\s*<td>\\s*Accumulated depreciation\\s*<span class=\"badge erp-badge-off\">Archived</span>", page);
        Assert.Contains("<td>retained earnings</td>", page);
    }

    [Fact]
    public async Task The_chart_of_accounts_shows_each_accounts_balance_a_parent_summing_its_sub_accounts_and_collapses_to_fewer_levels()
    {
        using var created = await Admin.PostJsonAsync("api/ledger/accounts", new { code = "1110", name = "Savings account", type = "asset", subtype = "bank", parent = "1100" });
        await created.ReadJsonAsync(HttpStatusCode.Created);
        await Admin.PostEntryAsync(new
        {
            journal = "GEN", date = DateTime.UtcNow.ToString("yyyy-MM-dd"), reference = "Capital", post = true,
            lines = new[] { Dr("1100", "1000.00"), Dr("1110", "250.50"), Cr("3000", "1250.50") },
        });

        var page = await _browser.GetPageAsync("admin/ledger/accounts");
        var top = await _browser.GetPageAsync("admin/ledger/accounts?levels=1");

        Assert.Contains("Balance (USD)</th>", page);
        Assert.Equal("1,250.50", Balance(page, "1100"));
        Assert.Equal("250.50", Balance(page, "1110"));
        Assert.Equal("-1,250.50", Balance(page, "3000"));
        Assert.Equal("", Balance(page, "1000"));
        Assert.Equal(15, TreeRows(page).Count);
        Assert.DoesNotContain(TreeRows(top), r => r.Depth > 0);
        Assert.Equal(14, TreeRows(top).Count);
        Assert.Equal("1,250.50", Balance(top, "1100"));
        Assert.Contains("href=\"/admin/ledger/accounts?levels=1\" aria-current=\"true\">top accounts</a>", top);
    }

    private static string Balance(string page, string code) =>
        System.Text.RegularExpressions.Regex.Match(page, $"<tr id=\"account-{code}\".*?data-balance>([^<]*)</td>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task Adding_an_account_with_a_bad_code_shows_the_error_next_to_the_code_and_keeps_what_was_typed()
    {
        var typed = new Dictionary<string, string>
        {
            ["code"] = "10 00!", ["name"] = "Petty <cash>", ["type"] = "asset", ["subtype"] = "cash", ["parent"] = "1000", ["currency"] = "",
        };

        using var bad = await _browser.PostFormAsync("admin/ledger/accounts?handler=create", typed, "admin/ledger/accounts");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("letters, digits", ErrorText(html, "account-code"));
        Assert.Matches("<input[^>]*id=\"account-code\"[^>]*value=\"10 00!\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"Petty &lt;cash&gt;\"", html);
        Assert.Contains("<option value=\"asset\" selected=\"selected\">", html);
        Assert.Contains("<option value=\"cash\" selected=\"selected\">", html);
        Assert.Matches("<option value=\"1000\" selected=\"selected\">", html);
        Assert.Equal(14, (await Admin.GetLedgerJsonAsync("api/ledger/accounts")).GetArrayLength());

        typed["code"] = "1010";
        using var good = await _browser.PostFormAsync("admin/ledger/accounts?handler=create", typed, "admin/ledger/accounts");

        var page = await _browser.FollowAsync(good);
        Assert.Contains("Account 1010 is saved.", page);
        var account = await Admin.GetLedgerJsonAsync("api/ledger/accounts/1010");
        Assert.Equal("Petty <cash>", account.Text("name"));
        Assert.Equal("1000", account.Text("parent"));
        Assert.Equal(("1010", 1), TreeRows(page).Single(r => r.Code == "1010"));
    }

    [Fact]
    public async Task A_draft_saved_in_the_editor_and_posted_from_its_page_gets_its_number_and_hash()
    {
        using var saved = await PostEntryFormAsync(EntryForm("draft", "2026-03-01", "Rent March", L("6100", debit: "1150.50"), L("1100", credit: "1150.5")));

        var id = EntryIdOf(saved);
        var draft = await _browser.FollowAsync(saved);
        Assert.Contains("The draft is saved.", draft);
        Assert.Contains("<dd class=\"col-sm-9\" data-number>Given when posted</dd>", draft);
        Assert.Contains("<td class=\"text-end font-monospace\" data-total-debit>1,150.50</td>", draft);
        Assert.Contains($"href=\"/admin/ledger/entries/{id}/edit\">Edit</a>", draft);

        using var posted = await _browser.PostFormAsync($"admin/ledger/entries/{id}?handler=post",
            [new("version", BrowserSession.InputValue(draft, "version"))], $"admin/ledger/entries/{id}");

        var page = await _browser.FollowAsync(posted);
        Assert.Contains("Entry GEN/2026/0001 is posted.", page);
        Assert.Contains("<dd class=\"col-sm-9\" data-number>GEN/2026/0001</dd>", page);
        var entry = await Admin.GetEntryAsync(id);
        Assert.Equal("posted", entry.Text("state"));
        Assert.Contains($"<dd class=\"col-sm-9 erp-secret\" data-hash>{entry.Text("hash")}</dd>", page);
        Assert.DoesNotContain("handler=post", page);
        Assert.Contains("Reverse this entry", page);
    }

    [Fact]
    public async Task Reversing_a_posted_entry_from_its_page_links_the_two_entries()
    {
        var original = await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Rent", true, Dr("6100", "100"), Cr("1100", "100")));

        using var reversed = await _browser.PostFormAsync($"admin/ledger/entries/{original.Id()}?handler=reverse", [new("date", "2026-03-05")],
            $"admin/ledger/entries/{original.Id()}");

        var reversal = EntryIdOf(reversed);
        var page = await _browser.FollowAsync(reversed);
        Assert.Contains("Entry GEN/2026/0001 is reversed by this entry.", page);
        Assert.Contains($"<a href=\"/admin/ledger/entries/{original.Id()}\" data-reversal-of>Entry GEN/2026/0001</a>", page);
        var first = await _browser.GetPageAsync($"admin/ledger/entries/{original.Id()}");
        Assert.Contains($"<a href=\"/admin/ledger/entries/{reversal}\" data-reversed-by>Entry GEN/2026/0002</a>", first);
        Assert.DoesNotContain("Reverse this entry", first);
    }

    [Fact]
    public async Task Posting_an_unbalanced_entry_shows_the_difference_and_keeps_every_line_as_typed()
    {
        using var response = await PostEntryFormAsync(EntryForm("post", "2026-03-01", "Oops", L("6100", debit: "100.00"), L("1100", credit: "90")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("differ by 10.00", html);
        Assert.Matches("<input[^>]*name=\"lines\\[0\\]\\.debit\" value=\"100.00\"", html);
        Assert.Matches("<input[^>]*name=\"lines\\[1\\]\\.credit\" value=\"90\"", html);
        Assert.Matches("data-picker-text=\"6100 Rent\">\\s*<input[^>]*name=\"lines\\[0\\]\\.account\" value=\"6100\"", html);
        Assert.Contains("value=\"Oops\"", html);
        Assert.Matches("<output id=\"entry-difference\"[^>]*>10.00 USD more debit than credit</output>", html);
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_bad_amount_is_shown_on_its_own_row_even_after_a_row_left_blank()
    {
        using var response = await PostEntryFormAsync(EntryForm("post", "2026-03-01", "Typo", L("6100", debit: "10"), L(""), L("1100", credit: "10.001"), L("9999", debit: "5")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("3 decimals", ErrorText(html, "line-2-credit"));
        Assert.Null(ErrorText(html, "line-1-credit"));
        Assert.Null(ErrorText(html, "line-0-debit"));
        Assert.Matches("<input[^>]*name=\"lines\\[2\\]\\.credit\" value=\"10.001\"[^>]*aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task An_unknown_account_is_said_on_its_row()
    {
        using var response = await PostEntryFormAsync(EntryForm("draft", "2026-03-01", "Typo", L("6100", debit: "10"), L(""), L("9999", credit: "10")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'9999' does not exist", ErrorText(await response.Content.ReadAsStringAsync(), "line-2-account"));
    }

    [Fact]
    public async Task Posting_on_a_locked_date_shows_the_conflict_at_the_date_and_keeps_the_form()
    {
        await Admin.LockBooksAsync("2026-01-31");

        using var response = await PostEntryFormAsync(EntryForm("post", "2026-01-15", "Late", L("6100", debit: "10"), L("1100", credit: "10")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("locked up to 2026-01-31", ErrorText(html, "entry-date"));
        Assert.Contains("value=\"2026-01-15\"", html);
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Adding_a_line_without_javascript_posts_the_form_back_with_one_more_row_and_saves_nothing()
    {
        var fields = EntryForm("draft", "2026-03-01", "Rows", L("6100", debit: "10"), L("1100", credit: "10")).Append(new("add", "1")).ToList();

        using var response = await PostEntryFormAsync(fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("name=\"lines[2].account\"", html);
        Assert.DoesNotContain("name=\"lines[3].account\"", html);
        Assert.Matches("<input[^>]*name=\"lines\\[1\\]\\.credit\" value=\"10\"", html);
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_entry_list_filters_by_journal()
    {
        await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Rent", true, Dr("6100", "100"), Cr("1100", "100")));
        await Admin.PostEntryAsync(Entry("SAL", "2026-03-02", "Cash sale", true, Dr("1000", "50"), Cr("4000", "50")));
        await Admin.PostEntryAsync(Entry("SAL", "2026-03-03", "Cash sale 2", false, Dr("1000", "20"), Cr("4000", "20")));

        var all = await _browser.GetPageAsync("admin/ledger/entries");
        var sales = await _browser.GetPageAsync("admin/ledger/entries?journal=SAL");

        Assert.Equal(["SAL", "SAL", "GEN"], ListedJournals(all));
        Assert.Equal(["SAL", "SAL"], ListedJournals(sales));
        Assert.Contains("<option value=\"SAL\" selected=\"selected\">", sales);
        Assert.Contains("<strong>SAL/2026/0001</strong>", sales);
        Assert.Contains("<strong>Draft</strong>", sales);
        Assert.Contains("2 entries · page 1 of 1", sales);
        var drafts = await _browser.GetPageAsync("admin/ledger/entries?journal=SAL&state=draft");
        Assert.Equal(["SAL"], ListedJournals(drafts));
    }

    [Fact]
    public async Task The_entry_list_shows_fifty_entries_a_page_and_links_to_the_next()
    {
        var entries = Enumerable.Range(1, 51).Select(i => Entry("GEN", "2026-03-01", $"Sale {i}", true, Dr("1000", "1"), Cr("4000", "1"))).ToArray();
        using var batch = await Admin.PostJsonAsync("api/ledger/entries/batch", new { entries });
        await batch.ReadJsonAsync(HttpStatusCode.OK);

        var first = await _browser.GetPageAsync("admin/ledger/entries");
        var second = await _browser.GetPageAsync("admin/ledger/entries?page=2");

        Assert.Equal(50, ListedJournals(first).Count);
        Assert.Contains("51 entries · page 1 of 2", first);
        Assert.Contains("href=\"/admin/ledger/entries?page=2\"", first);
        Assert.Single(ListedJournals(second));
        Assert.Contains("<strong>GEN/2026/0001</strong>", second);
    }

    [Fact]
    public async Task Someone_without_ViewLedger_is_refused_every_ledger_page_and_a_reader_cannot_write()
    {
        var clerk = await SignInWithAsync("clerk");
        var reader = await SignInWithAsync("reader", "ViewLedger");
        var entry = await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Rent", true, Dr("6100", "100"), Cr("1100", "100")));

        foreach (var path in new[] { "admin/ledger/accounts", "admin/ledger/entries", $"admin/ledger/entries/{entry.Id()}", NewEntry, "admin/ledger/settings" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await clerk.Client.StatusOfAsync(path));
        }
        Assert.Equal(HttpStatusCode.Forbidden, await reader.Client.StatusOfAsync(NewEntry));
        Assert.Equal(HttpStatusCode.Forbidden, await reader.Client.StatusOfAsync("admin/ledger/settings"));
        var page = await reader.GetPageAsync($"admin/ledger/entries/{entry.Id()}");
        Assert.DoesNotContain("Reverse this entry", page);
        Assert.Contains(">Journal entries</a>", page);
        Assert.DoesNotContain(">New entry</a>", page);
        Assert.DoesNotContain("handler=create", await reader.GetPageAsync("admin/ledger/accounts"));
        using var reverse = await reader.PostFormAsync($"admin/ledger/entries/{entry.Id()}?handler=reverse", [new("date", "2026-03-05")], $"admin/ledger/entries/{entry.Id()}");
        Assert.Equal(HttpStatusCode.Forbidden, reverse.StatusCode);
    }

    [Fact]
    public async Task The_settings_page_adds_a_journal_and_closes_a_year_after_asking_to_confirm()
    {
        await Admin.PostEntryAsync(Entry("GEN", "2025-06-01", "Sale", true, Dr("1000", "500"), Cr("4000", "500")));

        using var badJournal = await _browser.PostFormAsync("admin/ledger/settings?handler=journal", [new("code", "b n k"), new("name", "Second bank"), new("type", "bank")], "admin/ledger/settings");
        Assert.Equal(HttpStatusCode.BadRequest, badJournal.StatusCode);
        var html = await badJournal.Content.ReadAsStringAsync();
        Assert.NotNull(ErrorText(html, "journal-code"));
        Assert.Contains("value=\"Second bank\"", html);
        using var journal = await _browser.PostFormAsync("admin/ledger/settings?handler=journal", [new("code", "BNK2"), new("name", "Second bank"), new("type", "bank")], "admin/ledger/settings");
        Assert.Contains("<tr data-journal=\"BNK2\">", await _browser.FollowAsync(journal));

        var confirm = await _browser.GetPageAsync("admin/ledger/settings?close=2025");
        Assert.Contains("Close fiscal year 2025?", confirm);
        using var closed = await _browser.PostFormAsync("admin/ledger/settings?close=2025&handler=close", [new("account", "")], "admin/ledger/settings?close=2025");

        var page = await _browser.FollowAsync(closed);
        Assert.Contains("The fiscal year is closed", page);
        Assert.Matches("<tr data-year=\"2025\">.*?Closed", page.ReplaceLineEndings(" "));
        Assert.Equal("2025-12-31", (await Admin.GetLedgerJsonAsync("api/ledger/settings")).Text("lockDate"));
    }
}

public sealed class SqliteLedgerAdminPagesHttpTests() : LedgerAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerAdminPagesHttpTests() : LedgerAdminPagesHttpTests(DatabaseProvider.Postgres);
