using System.Net;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// Whoever can write to the database can change posted rows (with the triggers that refuse it dropped first): the verification reads the
/// books as stored and reports whatever it finds there as a problem, never failing on a value that does not read.
/// </summary>
public abstract class LedgerVerifyTamperHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LedgerClient.Feature);
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task A_posted_entry_whose_date_was_changed_to_text_that_is_no_date_is_reported()
    {
        var entry = await PostSaleAsync();
        await TamperAsync($"UPDATE ledger_entries SET date = 'not a day' WHERE id = {entry}");

        var problems = await VerifyAsync();

        var problem = Assert.Single(problems, p => p.GetProperty("kind").GetString() == "malformed");
        Assert.Equal(entry, problem.GetProperty("entryId").GetInt64());
        Assert.Contains("not a date", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Posted_lines_changed_to_amounts_that_sum_beyond_64_bits_are_reported()
    {
        var entry = await PostSaleAsync();
        // Both lines on one account and day, each just within 64 bits: their sums, per entry and per balance, are not.
        await TamperAsync($"UPDATE ledger_lines SET debit = 5000000000000000000, credit = 0, account_code = '1000' WHERE entry_id = {entry}");

        var problems = await VerifyAsync();

        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "entry" && p.GetProperty("entryId").GetInt64() == entry);
        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "balance");
    }

    /// <summary>Posts a cash sale of 12.00; its id.</summary>
    protected async Task<long> PostSaleAsync() =>
        (await Admin.PostEntryAsync(LedgerClient.Entry("SAL", "2026-01-15", "tampered", true, LedgerClient.Dr("1000", "12.00"), LedgerClient.Cr("4000", "12.00"))))
            .GetProperty("id").GetInt64();

    /// <summary>Runs <paramref name="sql"/> on the tenant's books with the triggers that keep posted rows unchanged dropped.</summary>
    protected Task TamperAsync(string sql) =>
        Host.InTenantAsync(Tenant, async services =>
        {
            var database = services.GetRequiredService<IUnitOfWork>();
            await database.ExecuteAsync(Host.Provider == DatabaseProvider.Postgres
                ? "DROP TRIGGER ledger_lines_posted_immutable ON ledger_lines; DROP TRIGGER ledger_entries_posted_immutable ON ledger_entries"
                : "DROP TRIGGER ledger_lines_posted_no_update; DROP TRIGGER ledger_entries_posted_no_update");
            return await database.ExecuteAsync(sql);
        });

    /// <summary>GET /api/ledger/verify, insisting on 200 and on finding something; the problems.</summary>
    protected async Task<IReadOnlyList<JsonElement>> VerifyAsync()
    {
        var verify = await (await Admin.GetAsync("api/ledger/verify")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(verify.GetProperty("ok").GetBoolean(), verify.GetRawText());
        return [.. verify.GetProperty("problems").EnumerateArray()];
    }
}

public sealed class SqliteLedgerVerifyTamperHttpTests() : LedgerVerifyTamperHttpTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task A_posted_line_whose_amount_was_changed_to_text_is_reported()
    {
        // SQLite keeps any value in any column: a number column can be made to hold text.
        var entry = await PostSaleAsync();
        await TamperAsync($"UPDATE ledger_lines SET debit = 'twelve' WHERE entry_id = {entry} AND debit > 0");

        var problems = await VerifyAsync();

        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "malformed" && p.GetProperty("journal").GetString() == "SAL");
    }
}

public sealed class PostgresLedgerVerifyTamperHttpTests() : LedgerVerifyTamperHttpTests(DatabaseProvider.Postgres);
