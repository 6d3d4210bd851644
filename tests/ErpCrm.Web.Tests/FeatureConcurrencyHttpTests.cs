using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Admins switching features at the same time: one change per serial, and nothing lost.</summary>
public abstract class FeatureConcurrencyHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    /// <summary>Every feature of the test modules and plugin that an admin can enable on Default, each by a different request.</summary>
    private static readonly string[] Toggleable =
        ["Test.Alpha", "Test.Beta", "Test.Gamma", "Test.Delta", "Test.NeedsHidden", "Test.HostOnly", "Test.Plugin"];

    [Fact]
    public async Task Concurrent_changes_sent_with_the_same_If_Match_produce_exactly_one_winner_and_only_its_events()
    {
        // Alpha records the feature events its modules hear: those of a losing change must roll back with it.
        await Admin.EnableFeaturesAsync("Test.Alpha");
        var eventsBefore = await Admin.GetFeatureEventsAsync();
        var before = await Admin.GetFeatureStateAsync();

        var responses = await Task.WhenAll(Toggleable.Where(id => !before.Enabled.Contains(id)).Select(id =>
            Task.Run(() => Admin.PostFeatureChangeAsync(id, enable: true, force: true, ifMatch: $"\"{before.Serial}\""))));

        Assert.True(responses.Length >= 6);
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r != winner))
        {
            var problem = await loser.AssertProblemAsync(HttpStatusCode.Conflict, "Concurrent change");
            Assert.Equal(before.Serial + 1, problem.GetProperty("serial").GetInt64());
        }
        var changed = (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").Strings();
        var after = await Admin.GetFeatureStateAsync();
        Assert.Equal(before.Serial + 1, after.Serial);
        Assert.Equal(before.Enabled.Union(changed).Order(), after.Enabled.Order());
        Assert.Equal(
            eventsBefore.Concat(changed.Select(id => id + ":enabling")).Concat(changed.Select(id => id + ":enabled")),
            await Admin.GetFeatureEventsAsync());
    }

    [Fact]
    public async Task Concurrent_changes_without_If_Match_never_lose_an_update_when_clients_retry_on_conflict()
    {
        var before = await Admin.GetFeatureStateAsync();

        var outcomes = await Task.WhenAll(Toggleable.Select(id => Task.Run(() => EnableRetryingOnConflictAsync(id))));

        Assert.All(outcomes, status => Assert.Equal(HttpStatusCode.OK, status));
        var after = await Admin.GetFeatureStateAsync();
        Assert.Superset(before.Enabled.Union(Toggleable).ToHashSet(), after.Enabled.ToHashSet());
        Assert.True(after.Serial > before.Serial);
    }

    /// <summary>What a client does on 409 "Concurrent change": try again. Returns the last status.</summary>
    private async Task<HttpStatusCode> EnableRetryingOnConflictAsync(string featureId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await Admin.PostFeatureChangeAsync(featureId, enable: true, force: true);
            if (response.StatusCode != HttpStatusCode.Conflict || attempt == 50)
            {
                return response.StatusCode;
            }
            await response.AssertProblemAsync(HttpStatusCode.Conflict, "Concurrent change");
        }
    }
}

public sealed class SqliteFeatureConcurrencyHttpTests() : FeatureConcurrencyHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeatureConcurrencyHttpTests() : FeatureConcurrencyHttpTests(DatabaseProvider.Postgres);
