using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Core.Events;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Every domain event is observable by name: Test.Observers (which references no module that raises them) logs each event it
/// sees, inside the raising transaction and after commit through the outbox; the catalog lists what the enabled features declare.
/// </summary>
public abstract class DomainEventObserverHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, Sweep)
{
    private static readonly TimeSpan Sweep = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private const string InTransaction = "in-transaction";
    private const string Committed = "committed";

    [Fact]
    public async Task Leads_and_ledger_events_reach_an_observer_that_knows_them_only_by_name_with_their_payload()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature, LedgerClient.Feature, "Test.Observers");
        await Admin.CreateSmallChartAsync();

        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com"));
        var leadId = lead["ContentItemId"]!.GetValue<string>();
        using var won = await Admin.PostJsonAsync($"api/leads/{leadId}/stage", new { stage = "Won" });
        await won.ReadJsonAsync(HttpStatusCode.OK);
        var entry = await Admin.PostEntryAsync(Entry("GEN", "2026-01-05", "Rent", true, Dr("6100", "300"), Cr("1100", "300")));

        var seen = await ObservedAsync(InTransaction);
        var created = Assert.Single(seen, e => e.Name == "Leads.LeadCreated");
        Assert.Equal(leadId, created.Payload.GetProperty("leadId").GetString());
        Assert.Equal(lead.Text("Stage"), created.Payload.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Number, created.Payload.GetProperty("score").ValueKind);
        Assert.Equal("User admin", created.Actor);
        var moved = Assert.Single(seen, e => e.Name == "Leads.LeadStageChanged").Payload;
        Assert.Equal((leadId, lead.Text("Stage"), "Won"), (moved.GetProperty("leadId").GetString(), moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        Assert.Equal("Won", Assert.Single(seen, e => e.Name == "Leads.LeadWon").Payload.GetProperty("stage").GetString());
        // The kernel's content events carry the type, so that one can follow a type's items without knowing its module.
        var item = Assert.Single(seen, e => e.Name == "Content.ContentItemCreated" && e.Payload.GetProperty("contentItemId").GetString() == leadId).Payload;
        Assert.Equal("Lead", item.GetProperty("contentType").GetString());
        Assert.Equal("Ada Lovelace", item.GetProperty("displayText").GetString());
        var posted = Assert.Single(seen, e => e.Name == "Ledger.EntryPosted").Payload.GetProperty("entry");
        Assert.Equal(entry.Id(), posted.GetProperty("id").GetInt64());
        Assert.Equal("GEN/2026/0001", posted.GetProperty("number").GetString());
        Assert.Equal(30000, posted.GetProperty("total").GetInt64());
        Assert.Equal(["6100", "1100"], posted.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("account").GetString()));

        // After commit, each of those events once more, with the same id and payload.
        Assert.Equal(["Leads.LeadCreated", "Leads.LeadStageChanged", "Leads.LeadWon", "Ledger.EntryPosted"], seen.Select(e => e.Name).Where(IsModuleEvent));
        var moduleEvents = seen.Where(e => IsModuleEvent(e.Name)).ToList();
        var committed = await WaitForCommittedAsync(e => IsModuleEvent(e.Name), moduleEvents.Count);
        Assert.Equal(moduleEvents.Select(e => (e.EventId, e.Name, e.Payload.GetRawText(), e.Actor)),
            committed.Select(e => (e.EventId, e.Name, e.Payload.GetRawText(), e.Actor)));
    }

    [Fact]
    public async Task An_event_raised_in_a_unit_of_work_that_rolls_back_is_observed_neither_in_it_nor_after_commit()
    {
        await Admin.EnableFeaturesAsync("Test.Alpha", "Test.Observers");

        Assert.Equal(HttpStatusCode.InternalServerError, (await Admin.PostNoteAsync(TestModulesClient.FailingNote)).StatusCode);
        using var good = await Admin.PostNoteAsync("committed");
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var noteId = long.Parse(good.Headers.Location!.OriginalString.Split('/')[^1]);

        var committed = Assert.Single(await WaitForCommittedAsync(e => e.Name == "Test.NoteAdded", 1));
        await Task.Delay(Sweep * 3);

        Assert.Equal(noteId, committed.Payload.GetProperty("noteId").GetInt64());
        var observed = (await ObservedAsync()).Where(e => e.Name == "Test.NoteAdded").ToList();
        Assert.Equal([(InTransaction, committed.EventId), (Committed, committed.EventId)], observed.Select(e => (e.Phase, e.EventId)));
    }

    [Fact]
    public async Task The_catalog_lists_the_events_the_enabled_features_declare_with_their_payload_schema()
    {
        var before = await CatalogAsync();
        Assert.Contains("Content.ContentDefinitionChanged", before.Keys);
        Assert.DoesNotContain(before.Keys, name => name.StartsWith("Leads.") || name.StartsWith("Ledger."));

        await Admin.EnableFeaturesAsync(LeadsClient.Feature, LedgerClient.Feature);
        var events = await CatalogAsync();

        Assert.Subset(events.Keys.ToHashSet(), new HashSet<string>
        {
            "Leads.LeadCreated", "Leads.LeadStageChanged", "Leads.LeadWon", "Leads.LeadLost", "Leads.LeadConverted",
            "Ledger.EntryPosted", "Ledger.EntryReversed",
        });
        var leadCreated = events["Leads.LeadCreated"];
        Assert.Contains("lead was created", leadCreated.GetProperty("description").GetString());
        Assert.Equal([LeadsClient.Feature], leadCreated.GetProperty("features").Strings());
        var properties = leadCreated.GetProperty("schema").GetProperty("properties");
        Assert.Equal(["leadId", "stage", "ownerId", "source", "score"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal("string", properties.GetProperty("leadId").GetProperty("type").GetString());
        Assert.Equal("integer", properties.GetProperty("score").GetProperty("type").GetString());
        Assert.Equal(["string", "null"], properties.GetProperty("ownerId").GetProperty("type").Strings());
        var entry = events["Ledger.EntryPosted"].GetProperty("schema").GetProperty("properties").GetProperty("entry").GetProperty("properties");
        Assert.Equal(["string", "null"], entry.GetProperty("number").GetProperty("type").Strings());
        Assert.Equal("array", entry.GetProperty("lines").GetProperty("type").GetString());

        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/events")).StatusCode);
    }

    [Fact]
    public void Every_public_domain_event_of_the_abstractions_and_the_modules_is_declared()
    {
        var registry = Host.Services.GetRequiredService<DomainEventRegistry>();
        var assemblies = new[]
        {
            typeof(IDomainEvent).Assembly, typeof(global::ErpCrm.Contacts.Startup).Assembly, typeof(global::ErpCrm.Leads.Startup).Assembly,
            typeof(global::ErpCrm.Ledger.Startup).Assembly, typeof(global::ErpCrm.Tests.Modules.Startup).Assembly,
        };
        var undeclared = assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IDomainEvent).IsAssignableFrom(t) && registry.Find(t) is null)
            .Select(t => t.FullName);
        Assert.Empty(undeclared);
    }

    private static bool IsModuleEvent(string name) => name.StartsWith("Leads.") || name.StartsWith("Ledger.");

    private sealed record Observed(string Phase, string EventId, string Name, JsonElement Payload, string Actor);

    private async Task<IReadOnlyList<Observed>> ObservedAsync(string? phase = null)
    {
        var all = await Admin.GetFromJsonAsync<List<Observed>>("api/test/observed-events");
        return all!.Where(e => phase is null || e.Phase == phase).ToList();
    }

    private async Task<IReadOnlyList<Observed>> WaitForCommittedAsync(Func<Observed, bool> which, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var committed = (await ObservedAsync(Committed)).Where(which).ToList();
            if (committed.Count >= count)
            {
                return committed;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{committed.Count} of {count} event(s) observed after commit within {Patience.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    private async Task<Dictionary<string, JsonElement>> CatalogAsync()
    {
        using var response = await Admin.GetAsync("api/events");
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
    }
}

public sealed class SqliteDomainEventObserverHttpTests() : DomainEventObserverHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresDomainEventObserverHttpTests() : DomainEventObserverHttpTests(DatabaseProvider.Postgres);
