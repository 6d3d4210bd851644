using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Csv;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Web.Tests;

/// <summary>
/// CSV (formula) injection: text anyone could type — into the public capture form, a journal entry — reaches the files staff
/// open in a spreadsheet as text, never as a formula, and an exported file imports back as the very same text.
/// </summary>
public abstract partial class FormulaInjectionHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string CalcPayload = "=cmd|' /C calc'!A0";
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example\",\"Click\")";

    /// <summary>A cell, at the start of a line or after a separator (and an opening quote), that a spreadsheet would run.</summary>
    [GeneratedRegex("(^|[,\\n])\"?[=+\\-@\\t]", RegexOptions.Multiline)]
    private static partial Regex FormulaCell();

    private static async Task<string> CsvAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text.TrimStart('\uFEFF');
    }

    [Fact]
    public async Task A_formula_typed_into_the_capture_form_reaches_the_contacts_export_as_text_and_imports_back_as_the_same_name()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        await Host.CreateClient().CaptureAcceptedAsync(new { name = CalcPayload, email = "eve@evil.example", company = "-Foo" });
        var lead = await Admin.LeadIdOfAsync("eve@evil.example");
        await (await Admin.PostAsync($"api/leads/{lead}/convert", null)).ReadJsonAsync(HttpStatusCode.OK);
        await Admin.CreateContactAsync(ContactsClient.Company(Hyperlink, phone: "+1 555 0100"));

        var csv = await CsvAsync(Admin, "api/contacts/export.csv");

        Assert.Contains($",'{CalcPayload},", csv);
        Assert.Contains(",'-Foo,", csv);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",", csv);
        Assert.Contains(",'+1 555 0100,", csv);
        Assert.DoesNotMatch(FormulaCell(), csv);

        var beta = await Host.SetUpAnotherTenantAsync("Beta");
        await beta.EnableFeaturesAsync(ContactsClient.Feature);
        using var import = await beta.PostAsync("api/contacts/import", ContactsClient.CsvBody(csv));
        Assert.Equal(3, (await import.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("created").GetInt32());
        var contacts = JsonNode.Parse((await (await beta.GetAsync("api/contacts?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["items"]!.AsArray();
        Assert.Equal(new[] { CalcPayload, "-Foo", Hyperlink }.Order(StringComparer.Ordinal),
            contacts.Select(c => c!["TitlePart"]!["Title"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("+1 555 0100", contacts.Single(c => c!["DisplayText"]!.GetValue<string>() == Hyperlink)!["ContactPart"]!["Phone"]!["Phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_formula_in_a_journal_reference_or_a_partner_name_reaches_the_ledger_reports_as_text_and_amounts_stay_numbers()
    {
        const string partner = "@SUM(1+1)*cmd|' /C calc'!A0";
        await Admin.EnableFeaturesAsync(LedgerClient.Feature);
        await Admin.CreateSmallChartAsync();
        var customer = (await Admin.CreateContactAsync(ContactsClient.Company(partner, customer: true))).Id();
        await Admin.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-01-05", dueDate = "2026-01-20", reference = Hyperlink, post = true,
            lines = new[] { Dr("1200", "1150", customer), Cr("4000", "1150") },
        });

        var sales = await CsvAsync(Admin, "api/ledger/reports/general-ledger?account=4000&from=2026-01-01&to=2026-01-31&format=csv");
        var aged = await CsvAsync(Admin, "api/ledger/reports/aged-receivables?at=2026-01-31&format=csv");

        var line = sales.Split("\r\n").Single(l => l.Contains("SAL", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",", line);
        Assert.EndsWith(",0.00,1150.00,-1150.00", line);
        Assert.Contains($",'{partner},", aged);
        Assert.DoesNotMatch(FormulaCell(), aged);
        var (table, error) = CsvReader.Read(Encoding.UTF8.GetBytes(sales), new CsvLimits(1 << 20, 100, 1000, 20));
        Assert.True(table is not null, error?.Message);
        Assert.Equal(Hyperlink, table.Records.Single(r => r.Fields[3] == "SAL").Fields[4]);
    }
}

public sealed class SqliteFormulaInjectionHttpTests() : FormulaInjectionHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFormulaInjectionHttpTests() : FormulaInjectionHttpTests(DatabaseProvider.Postgres);
