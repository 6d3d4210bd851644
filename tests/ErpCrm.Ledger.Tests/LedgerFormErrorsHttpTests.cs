using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerPagesClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The entry editor as its users read and type it: every bad line named by its label at once (at the inputs and in the form's summary,
/// never as an API path), and amounts in the tenant's culture (a de-DE company types "1.234,56"), while the API stays invariant.
/// </summary>
public abstract class LedgerFormErrorsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task An_entry_with_three_bad_lines_shows_every_error_by_label_at_its_input_and_in_the_summary()
    {
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        var browser = await SignInAdminAsync();

        using var refused = await browser.PostFormAsync(NewEntry, EntryForm("post", "2026-03-01", "Three mistakes", L("", debit: "10.00"), L("1100", debit: "abc"), L("4999", credit: "12,5")));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode}: {html}");

        Assert.Equal("Account of line 1 is required: an account's code.", ErrorText(html, "line-0-account"));
        Assert.Equal("Debit of line 2: enter a number like 1,234.56.", ErrorText(html, "line-1-debit"));
        Assert.Equal("Credit of line 3: enter a number like 1,234.56.", ErrorText(html, "line-2-credit"));
        Assert.Equal("Account '4999' does not exist.", ErrorText(html, "line-2-account"));
        Assert.Equal("abc", BrowserSession.InputValue(html, "lines[1].debit"));
        var summary = FormErrorsReader.Summary(html);
        Assert.Contains("4 problems to fix", summary);
        Assert.Equal(
            [("line-0-account", "Account of line 1 is required: an account's code."), ("line-1-debit", "Debit of line 2: enter a number like 1,234.56."),
             ("line-2-account", "Account of line 3: Account '4999' does not exist."), ("line-2-credit", "Credit of line 3: enter a number like 1,234.56.")],
            FormErrorsReader.Links(summary).OrderBy(l => l.Target, StringComparer.Ordinal));
        Assert.DoesNotContain("lines[", summary);
    }

    [Fact]
    public async Task A_german_company_types_amounts_as_1_234_56_in_the_entry_editor_and_a_money_field_which_store_1234_56_and_show_back_the_same()
    {
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        var browser = await SignInAdminAsync();
        using var chosen = await browser.PostFormAsync("admin/settings", [new("culture", "de-DE")]);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        using var bad = await browser.PostFormAsync(NewEntry, EntryForm("draft", "2026-03-01", "Rent", L("6100", debit: "1,234.56"), L("1100", credit: "1.234,56")));
        var refused = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Debit of line 1: enter a number like 1.234,56.", ErrorText(refused, "line-0-debit"));
        Assert.Equal("1,234.56", BrowserSession.InputValue(refused, "lines[0].debit"));

        using var saved = await browser.PostFormAsync(NewEntry, EntryForm("draft", "2026-03-01", "Rent", L("6100", debit: "1.234,56"), L("1100", credit: "1234,56")));
        var id = EntryIdOf(saved);
        var entry = JsonNode.Parse((await (await Admin.GetAsync($"api/ledger/entries/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal("1234.56", entry["lines"]![0]!["debit"]!.ToString());
        Assert.Equal("1234.56", entry["lines"]![1]!["credit"]!.ToString());
        var editor = await browser.GetPageAsync($"admin/ledger/entries/{id}/edit");
        Assert.Equal("1.234,56", BrowserSession.InputValue(editor, "lines[0].debit"));
        Assert.Equal("1.234,56", BrowserSession.InputValue(editor, "lines[1].credit"));
        Assert.Contains("aria-label=\"Total debits\">1.234,56</output>", editor);

        await Admin.CreateTypeAsync("""
            {"Name": "Deal", "DisplayName": "Deal", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
             "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
            """);
        await Admin.AddOwnPartAsync("Deal", """
            {"Name": "Deal", "ContentPartFieldDefinitionRecords": [
              {"FieldName": "MoneyField", "Name": "Value", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Value"}, "MoneyFieldSettings": {"Currency": "EUR"}}}]}
            """);
        using var created = await browser.PostFormAsync("admin/content/Deal/create", [new("TitlePart.Title", "Bolts GmbH"), new("Deal.Value.Amount", "12.500,5"), new("_action", "save")]);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var (deal, _) = await Admin.GetItemAsync("Deal", (await Admin.ListItemsAsync("Deal"))["items"]!.AsArray().Single()!.Id());
        Assert.Equal("12500.50", deal["Deal"]!["Value"]!["Amount"]!.ToString());
        var form = await browser.GetPageAsync($"admin/content/Deal/{deal.Id()}");
        Assert.Equal("12.500,50", BrowserSession.InputValue(form, "Deal.Value.Amount"));
    }
}

public sealed class SqliteLedgerFormErrorsHttpTests() : LedgerFormErrorsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerFormErrorsHttpTests() : LedgerFormErrorsHttpTests(DatabaseProvider.Postgres);
