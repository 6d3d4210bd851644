using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Core;
using ErpCrm.Data;
using ErpCrm.Leads.Services;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The per-tenant configuration cache: content definitions, pipeline stages and ledger settings changed through the API are used by
/// the next request; a change another node writes (with its serial bumped) shows within a second, one without the serial is not
/// read by the hot path at all; a change rolled back is never cached.
/// </summary>
public abstract class ConfigurationCacheHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    /// <summary>How long a node trusts the serials it read (ErpCrmOptions.StateRecheckInterval's default).</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    private const string Memo = """
        {"Name": "Memo", "DisplayName": "Memo", "Settings": {"ContentTypeSettings": {"Creatable": true, "Draftable": DRAFTABLE}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
        """;

    private static JsonObject NewMemo(string title) => new()
    {
        ["TitlePart"] = new JsonObject { ["Title"] = title },
        ["Published"] = false,
    };

    [Fact]
    public async Task A_type_made_draftable_through_the_API_keeps_the_next_item_a_draft()
    {
        await Admin.CreateTypeAsync(Memo.Replace("DRAFTABLE", "false"));
        var (before, _) = await Admin.CreateItemAsync("Memo", NewMemo("Before"));

        using var changed = await Admin.PutAsync("api/content-types/Memo", ContentClient.Json(Memo.Replace("DRAFTABLE", "true")));
        await changed.ReadJsonAsync(HttpStatusCode.OK);
        var (after, _) = await Admin.CreateItemAsync("Memo", NewMemo("After"));

        Assert.True(before["Published"]!.GetValue<bool>()); // not Draftable: published on save, whatever the item says
        Assert.False(after["Published"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_stage_added_through_the_API_is_accepted_by_the_next_lead()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        using var refused = await Admin.PostAsync("api/leads", ContentClient.Json(LeadsClient.Lead("Ada", stage: "Demo")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var put = await Admin.PutJsonAsync("api/leads/stages", JsonNode.Parse("""
            {"stages": [{"name": "New", "probability": 10}, {"name": "Demo", "probability": 40}, {"name": "Won", "isWon": true}, {"name": "Lost", "isLost": true}]}
            """)!);
        await put.ReadJsonAsync(HttpStatusCode.OK);
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", stage: "Demo"));

        Assert.Equal("Demo", lead.Text("Stage"));
        Assert.Equal(40, lead.Field("Probability", "Value")!.GetValue<int>());
    }

    [Fact]
    public async Task A_journal_and_a_currency_changed_through_the_API_are_seen_by_the_next_posting()
    {
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        using var noJournal = await Admin.PostJsonAsync("api/ledger/entries", Rent("MSC"));
        using var noCurrency = await Admin.PostJsonAsync("api/ledger/entries", InFrancs());
        Assert.Contains("does not exist", (await noJournal.AssertFieldsAsync(HttpStatusCode.BadRequest, "journal")).Error("journal"));
        await noCurrency.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].currency", "lines[1].currency");

        using var journal = await Admin.PostJsonAsync("api/ledger/journals", new { code = "MSC", name = "Miscellaneous", type = "general" });
        using var currency = await Admin.PostJsonAsync("api/ledger/currencies", new { code = "CHF" });
        await journal.ReadJsonAsync(HttpStatusCode.OK);
        await currency.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("MSC", (await Admin.PostEntryAsync(Rent("MSC"))).Text("journal"));
        Assert.Equal("posted", (await Admin.PostEntryAsync(InFrancs())).Text("state"));

        using var deactivated = await Admin.PutJsonAsync("api/ledger/journals/MSC", JsonNode.Parse("""{"active": false}""")!);
        await deactivated.ReadJsonAsync(HttpStatusCode.OK);
        using var inactive = await Admin.PostJsonAsync("api/ledger/entries", Rent("MSC"));
        Assert.Contains("inactive", (await inactive.AssertFieldsAsync(HttpStatusCode.BadRequest, "journal")).Error("journal"));
    }

    [Fact]
    public async Task A_change_another_node_writes_is_seen_within_a_second_of_its_serial_and_not_read_without_it()
    {
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        await Admin.PostEntryAsync(Rent("BNK"));

        // Another node (or a process with the database open) deactivates the journal, and does not bump the serial yet:
        // postings here keep the cached journals — proof that a posting reads none from the database — past the recheck interval.
        await ExecuteInTenantAsync("UPDATE ledger_journals SET active = 0 WHERE code = 'BNK'");
        await Task.Delay(Recheck * 1.5);
        await Admin.PostEntryAsync(Rent("BNK"));

        await ExecuteInTenantAsync(BumpSerial, new { kind = JournalService.Kind.Name });
        var bumped = Stopwatch.StartNew();
        while (true)
        {
            var sent = bumped.Elapsed;
            using var response = await Admin.PostJsonAsync("api/ledger/entries", Rent("BNK"));
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Contains("inactive", (await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "journal")).Error("journal"));
                break;
            }
            await response.ReadJsonAsync(HttpStatusCode.Created);
            // A request sent more than the interval after the bump must see the change (a little slack for the clock's reading).
            Assert.True(sent < Recheck + TimeSpan.FromMilliseconds(100), $"A posting sent {sent.TotalMilliseconds:0} ms after the serial moved still used the old journal.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_stage_change_rolled_back_is_not_cached_even_after_its_unit_of_work_read_it()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        await (await Admin.GetAsync("api/leads/stages")).ReadJsonAsync(HttpStatusCode.OK); // the stages are cached now

        var seenInside = await Host.InTenantAsync(Tenant, async services =>
        {
            var stages = services.GetRequiredService<PipelineStageService>();
            var replaced = await stages.ReplaceAsync(
                [new PipelineStageInput("Inbox", 10, null, null), new PipelineStageInput("Won", null, true, null), new PipelineStageInput("Lost", null, null, true)],
                null, CancellationToken.None);
            Assert.NotNull(replaced.Value);
            // A second service of the same scope reads the stages (uncommitted) through the cache; then the unit of work rolls back.
            var names = (await services.GetRequiredService<PipelineStageService>().ListAsync(CancellationToken.None)).Select(s => s.Name).ToList();
            await services.GetRequiredService<IUnitOfWork>().RollbackAsync();
            return names;
        });

        Assert.Equal(["Inbox", "Won", "Lost"], seenInside);
        using var inbox = await Admin.PostAsync("api/leads", ContentClient.Json(LeadsClient.Lead("Ada", stage: "Inbox")));
        Assert.Equal(HttpStatusCode.BadRequest, inbox.StatusCode);
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", stage: "Qualified"));
        Assert.Equal("Qualified", lead.Text("Stage"));
    }

    [Fact]
    public async Task A_journal_change_rolled_back_is_not_cached_and_a_posting_cannot_use_it()
    {
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        await Admin.PostEntryAsync(Rent("GEN")); // the journals are cached now

        await Host.InTenantAsync(Tenant, async services =>
        {
            var journals = services.GetRequiredService<JournalService>();
            Assert.NotNull((await journals.SaveAsync(new JournalInput("TMP", "Temporary", "general", null), "", CancellationToken.None)).Value);
            Assert.True((await journals.AllAsync(CancellationToken.None)).ContainsKey("TMP"));
            await services.GetRequiredService<IUnitOfWork>().RollbackAsync();
            return true;
        });

        using var response = await Admin.PostJsonAsync("api/ledger/entries", Rent("TMP"));
        Assert.Contains("does not exist", (await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "journal")).Error("journal"));
    }

    private const string BumpSerial = """
        INSERT INTO erp_configuration_serials (kind, serial) VALUES (@kind, 1)
        ON CONFLICT (kind) DO UPDATE SET serial = erp_configuration_serials.serial + 1
        """;

    /// <summary>Writes to the tenant database as another node would: committed, without this node's cache knowing.</summary>
    private Task<int> ExecuteInTenantAsync(string sql, object? parameters = null) =>
        Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>().ExecuteAsync(sql, parameters));

    private static object Rent(string journal) => Entry(journal, "2026-01-05", "Rent", true, Dr("6100", "100"), Cr("1100", "100"));

    private static object InFrancs() => new
    {
        journal = "GEN", date = "2026-01-05", post = true,
        lines = new object[] { new { account = "6100", debit = "92", currency = "CHF", amountCurrency = "100" }, new { account = "1100", credit = "92", currency = "CHF", amountCurrency = "-100" } },
    };
}

public sealed class SqliteConfigurationCacheHttpTests() : ConfigurationCacheHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresConfigurationCacheHttpTests() : ConfigurationCacheHttpTests(DatabaseProvider.Postgres);
