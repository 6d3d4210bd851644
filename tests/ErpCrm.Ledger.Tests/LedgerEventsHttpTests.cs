using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>What other modules see of the ledger: its domain events, and ILedgerPostingService inside their own unit of work.</summary>
public abstract class LedgerEventsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("Test.LedgerEvents");
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task Posting_and_reversing_raise_EntryPosted_and_EntryReversed_to_other_modules()
    {
        var entry = await Admin.PostEntryAsync(Entry("GEN", "2026-01-05", "Rent", true, Dr("6100", "300"), Cr("1100", "300")));
        using var draft = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-01-06", "Draft", false, Dr("6100", "1"), Cr("1100", "1")));
        await draft.ReadJsonAsync(HttpStatusCode.Created);
        using var reversal = await Admin.PostJsonAsync($"api/ledger/entries/{entry.Id()}/reverse", new { date = "2026-01-31" });
        await reversal.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(["posted GEN/2026/0001 30000", "reversed GEN/2026/0001 by GEN/2026/0002"], await Admin.GetLedgerEventsAsync());
    }

    [Fact]
    public async Task Another_modules_write_and_its_entry_commit_together_or_not_at_all()
    {
        using var good = await Admin.PostAsync("api/test/note-with-sale?text=paid&cents=100", null);
        await good.ReadJsonAsync(HttpStatusCode.OK);
        using var bad = await Admin.PostAsync("api/test/note-with-sale?text=unbalanced&cents=99", null);

        Assert.Contains("differ by 0.01", (await bad.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines")).Error("lines"));
        Assert.Equal(["paid"], await Admin.GetNotesAsync());
        Assert.Equal(1, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }
}

public sealed class SqliteLedgerEventsHttpTests() : LedgerEventsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerEventsHttpTests() : LedgerEventsHttpTests(DatabaseProvider.Postgres);
