using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerPagesClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The ledger's pickers: the accounts' lookup (by a code's start and by name, ViewLedger, this tenant's chart only) and the entry
/// editor's partner, which posts a contact id with or without JavaScript and shows the contact's name whenever the form comes back.
/// </summary>
public abstract class LedgerPickersHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string AccountLookup = "api/ledger/lookup/accounts";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task The_account_lookup_finds_accounts_by_the_start_of_their_code_first_then_by_their_name()
    {
        var byCode = await Admin.LookupAsync($"{AccountLookup}?q=12");
        Assert.Equal([("1200", "1200 Receivables", "asset")], byCode);

        var byName = await Admin.LookupAsync($"{AccountLookup}?q=depreciation");
        Assert.Equal(["1590", "6800"], byName.Select(a => a.Id));
        Assert.Equal("1590 Accumulated depreciation", byName[0].Label);

        // "3" starts the codes of the equity accounts, and is in no name: code matches only, in the chart's order.
        Assert.Equal(["3000", "3900"], (await Admin.LookupAsync($"{AccountLookup}?q=3")).Select(a => a.Id));
        Assert.Equal(14, (await Admin.LookupAsync(AccountLookup)).Count);
        Assert.Empty(await Admin.LookupAsync($"{AccountLookup}?q=nothing%25like%25this"));
    }

    [Fact]
    public async Task The_account_lookup_needs_ViewLedger_and_never_answers_another_tenants_accounts()
    {
        await Admin.CreateRoleAsync("Admin access only", "AccessAdmin");
        await Admin.CreateRoleAsync("Ledger reader", "AccessAdmin", "ViewLedger");
        using (var stranger = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "stranger", "Admin access only")))
        {
            using var refused = await stranger.GetAsync($"{AccountLookup}?q=1");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var reader = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "reader", "Ledger reader")))
        {
            Assert.Equal(["1000"], (await reader.LookupAsync($"{AccountLookup}?q=cash")).Select(a => a.Id));
        }
        using var anonymous = Host.CreateClient();
        using var unsigned = await anonymous.GetAsync($"{AccountLookup}?q=1");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        using var beta = await Host.SetUpAnotherTenantAsync("Beta");
        await beta.EnableFeaturesAsync(Feature);
        await beta.CreateAccountsAsync(("1250", "Beta's own receivables", "asset", "receivable"));
        Assert.Empty(await Admin.LookupAsync($"{AccountLookup}?q=beta"));
        Assert.Empty(await Admin.LookupAsync($"{AccountLookup}?q=125"));
        Assert.Equal(["1250"], (await beta.LookupAsync($"{AccountLookup}?q=beta")).Select(a => a.Id));
    }

    [Fact]
    public async Task A_search_longer_than_a_picker_sends_is_refused_naming_q()
    {
        using var response = await Admin.GetAsync($"{AccountLookup}?q={new string('1', 201)}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Without_JavaScript_the_partner_is_posted_by_its_id_and_the_form_the_draft_editor_and_the_entry_show_its_name()
    {
        var acme = (await Admin.CreateContactAsync(ContactsClient.Company("Acme Trading", "billing@acme.example", customer: true))).Id();
        var browser = await SignInAdminAsync();
        var form = EntryForm("post", "2026-03-01", "INV-7", L("1200", debit: "120"), L("4000", credit: "100"))
            .Select(f => f.Key == "lines[0].contactId" ? new KeyValuePair<string, string>(f.Key, acme) : f).ToList();

        using (var unbalanced = await browser.PostFormAsync(NewEntry, form))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unbalanced.StatusCode);
            var html = await unbalanced.Content.ReadAsStringAsync();
            Assert.Matches($"<div class=\"erp-picker\" data-picker data-picker-url=\"[^\"]*/api/contacts/lookup\" data-picker-text=\"Acme Trading\">\\s*<input[^>]*id=\"line-0-contactId\" name=\"lines\\[0\\]\\.contactId\" value=\"{acme}\"", html);
        }

        var balanced = form.Select(f => f.Key == "lines[1].credit" ? new KeyValuePair<string, string>(f.Key, "120") : f).ToList();
        using var saved = await browser.PostFormAsync(NewEntry, balanced.Select(f => f.Key == "intent" ? new KeyValuePair<string, string>(f.Key, "draft") : f));
        var id = EntryIdOf(saved);
        var editor = await browser.GetPageAsync($"admin/ledger/entries/{id}/edit");
        Assert.Matches($"data-picker-text=\"Acme Trading\">\\s*<input[^>]*name=\"lines\\[0\\]\\.contactId\" value=\"{acme}\"", editor);

        using var posted = await browser.PostFormAsync($"admin/ledger/entries/{id}/edit",
            balanced.Append(new("version", BrowserSession.InputValue(editor, "version"))), $"admin/ledger/entries/{id}/edit");
        var entryPage = await browser.FollowAsync(posted);
        Assert.Matches($"<a href=\"[^\"]*/admin/contacts/{acme}\">Acme Trading</a>", entryPage);
        var line = (await Admin.GetEntryAsync(id)).GetProperty("lines").EnumerateArray().First(l => l.GetProperty("account").GetString() == "1200");
        Assert.Equal(acme, line.GetProperty("contactId").GetString());
    }

    [Fact]
    public async Task The_entry_editor_posts_the_account_code_of_its_picker_and_shows_the_account_s_code_and_name_when_the_form_comes_back()
    {
        var browser = await SignInAdminAsync();
        var editor = await browser.GetPageAsync(NewEntry);
        Assert.Matches("<div class=\"erp-picker\" data-picker data-picker-url=\"[^\"]*/api/ledger/lookup/accounts\" data-picker-text=\"\">\\s*<input[^>]*id=\"line-0-account\" name=\"lines\\[0\\]\\.account\" value=\"\"", editor);
        Assert.Matches("<template data-line-template>.*data-picker-url=\"[^\"]*/api/ledger/lookup/accounts\"[^>]*>\\s*<input[^>]*name=\"lines\\[__i__\\]\\.account\"", Regex.Replace(editor, "\\s+", " "));

        using (var refused = await browser.PostFormAsync(NewEntry, EntryForm("post", "2026-03-01", "Rent", L("6100", debit: "400"), L("9999", credit: "400"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Matches("data-picker-text=\"6100 Rent\">\\s*<input[^>]*id=\"line-0-account\" name=\"lines\\[0\\]\\.account\" value=\"6100\"", html);
            // A code no account has shows as typed, with the error next to it.
            Assert.Matches("data-picker-text=\"\">\\s*<input[^>]*id=\"line-1-account\" name=\"lines\\[1\\]\\.account\" value=\"9999\"[^>]*aria-invalid=\"true\"", html);
            Assert.Contains("does not exist", ErrorText(html, "line-1-account"));
        }

        using var posted = await browser.PostFormAsync(NewEntry, EntryForm("post", "2026-03-01", "Rent", L("6100", debit: "400"), L("1100", credit: "400")));
        var accounts = (await Admin.GetEntryAsync(EntryIdOf(posted))).GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("account").GetString());
        Assert.Equal(["6100", "1100"], accounts);
    }

    [Fact]
    public async Task The_general_ledger_and_the_entry_list_show_the_chosen_account_by_its_code_and_name()
    {
        var browser = await SignInAdminAsync();

        var report = await browser.GetPageAsync("admin/ledger/reports/general-ledger?account=6100&from=2026-01-01&to=2026-12-31");
        Assert.Matches("data-picker-text=\"6100 Rent\">\\s*<input[^>]*id=\"report-account\" name=\"account\" value=\"6100\"", report);
        var list = await browser.GetPageAsync("admin/ledger/entries?account=1100");
        Assert.Matches("data-picker-text=\"1100 Bank\">\\s*<input[^>]*id=\"entry-account\" name=\"account\" value=\"1100\"", list);
    }
}

public sealed class SqliteLedgerPickersHttpTests() : LedgerPickersHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerPickersHttpTests() : LedgerPickersHttpTests(DatabaseProvider.Postgres);
