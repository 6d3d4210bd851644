using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// New items' rows may wait in the unit of work to travel together (on PostgreSQL, <see cref="ContentStatements.HoldAsync"/>):
/// whatever the unit of work reads next still sees them, its commit stores them all, and its rollback none.
/// </summary>
public abstract class ContentHeldWritesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Memo = """
        {"Name": "Memo", "DisplayName": "Memo", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
        """;

    private static ContentItem NewMemo(string title) => new() { Parts = new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = title } } };

    [Fact]
    public async Task Items_created_in_a_unit_of_work_are_read_by_it_before_commit_more_than_one_round_trip_holds_included()
    {
        await Admin.CreateTypeAsync(Memo);
        // More than one round trip's worth: the first items go out when the limit is reached, the last ones wait for the reads.
        var count = ContentStatements.HeldWritesPerRoundTrip / 4 + 3;

        var seenInside = await Host.InTenantAsync(Tenant, async services =>
        {
            var manager = services.GetRequiredService<ContentManager>();
            string? last = null;
            for (var i = 0; i < count; i++)
            {
                last = (await manager.CreateAsync("Memo", NewMemo($"Memo {i:000}"), CancellationToken.None)).Value!.Item.ContentItemId;
            }
            var page = (await services.GetRequiredService<ContentQuery>().ListAsync("Memo", new ContentListRequest { Sort = "DisplayText", PageSize = 5 },
                CancellationToken.None)).Value!;
            var read = (await manager.GetAsync("Memo", last!, CancellationToken.None)).Value!;
            var trail = await services.GetRequiredService<ContentChangeLog>().ListAsync(last!, CancellationToken.None);
            return (page.Total, First: page.Items[0].Item.DisplayText, Last: read.Item.DisplayText, Trail: trail.Select(c => c.Action).ToList());
        });

        Assert.Equal((long)count, seenInside.Total);
        Assert.Equal("Memo 000", seenInside.First);
        Assert.Equal($"Memo {count - 1:000}", seenInside.Last);
        Assert.Equal(["created"], seenInside.Trail);
        Assert.Equal((long)count, await CountMemosAsync());
    }

    [Fact]
    public async Task A_rollback_drops_the_items_it_held_and_the_next_ones_in_the_same_scope_commit()
    {
        await Admin.CreateTypeAsync(Memo);

        var seenBeforeRollback = await Host.InTenantAsync(Tenant, async services =>
        {
            var manager = services.GetRequiredService<ContentManager>();
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await manager.CreateAsync("Memo", NewMemo("Dropped 1"), CancellationToken.None);
            await manager.CreateAsync("Memo", NewMemo("Dropped 2"), CancellationToken.None);
            var seen = await unitOfWork.QuerySingleOrDefaultAsync<long>("SELECT COUNT(*) FROM erp_content_items WHERE content_type = 'Memo'");
            // Held, not sent yet (no read follows it on PostgreSQL): the rollback drops it unsent.
            await manager.CreateAsync("Memo", NewMemo("Dropped 3"), CancellationToken.None);
            await unitOfWork.RollbackAsync();
            await manager.CreateAsync("Memo", NewMemo("Kept"), CancellationToken.None);
            return seen;
        });

        Assert.Equal(2L, seenBeforeRollback);
        var titles = await Host.InTenantAsync(Tenant, async services =>
            (await services.GetRequiredService<ContentQuery>().ListAsync("Memo", new ContentListRequest { PageSize = 10 }, CancellationToken.None))
            .Value!.Items.Select(s => s.Item.DisplayText).ToList());
        Assert.Equal(["Kept"], titles);
    }

    private Task<long> CountMemosAsync() =>
        Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>()
            .QuerySingleOrDefaultAsync<long>("SELECT COUNT(*) FROM erp_content_items WHERE content_type = 'Memo'"));
}

public sealed class SqliteContentHeldWritesHttpTests() : ContentHeldWritesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentHeldWritesHttpTests() : ContentHeldWritesHttpTests(DatabaseProvider.Postgres);
