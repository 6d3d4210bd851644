using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Whatever an admin sends the features API, a mistake answers a problem (RFC 9457) saying what is wrong, never a 500.</summary>
public abstract class FeatureApiProblemHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Theory]
    [InlineData("abc")]
    [InlineData("\"abc\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"99999999999999999999999\"")]
    public async Task An_If_Match_that_is_not_a_features_ETag_answers_400_and_changes_nothing(string ifMatch)
    {
        var before = await Admin.GetFeatureStateAsync();

        var response = await Admin.PostFeatureChangeAsync("Test.Delta", enable: true, ifMatch: ifMatch);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid If-Match");
        await AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task The_ETag_of_the_feature_list_is_accepted_as_If_Match_once()
    {
        var list = await Admin.GetAsync("api/features");
        var etag = list.Headers.ETag!.Tag;

        var first = await Admin.PostFeatureChangeAsync("Test.Delta", enable: true, ifMatch: etag);
        var second = await Admin.PostFeatureChangeAsync("Test.Plugin", enable: true, ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag?.Tag);
        await second.AssertProblemAsync(HttpStatusCode.Conflict, "Concurrent change");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unknown_feature_answers_404_problem_naming_it(bool enable)
    {
        var problem = await (await Admin.PostFeatureChangeAsync("No.Such.Feature", enable)).AssertProblemAsync(HttpStatusCode.NotFound, "Unknown feature");

        Assert.Contains("No.Such.Feature", problem.GetProperty("errors").GetProperty("id")[0].GetString());
    }

    [Theory]
    [InlineData("ErpCrm.Kernel", false)]
    [InlineData("Test.Always", false)]
    [InlineData("Test.Hidden", true)]
    [InlineData("Test.Bridge", true)]
    [InlineData("Test.Bridge", false)]
    public async Task A_feature_that_cannot_be_switched_directly_answers_400_problem_saying_why(string featureId, bool enable)
    {
        var before = await Admin.GetFeatureStateAsync();

        var problem = await (await Admin.PostFeatureChangeAsync(featureId, enable, force: true)).AssertProblemAsync(HttpStatusCode.BadRequest, "Feature cannot be changed");

        Assert.Contains(featureId, problem.GetProperty("errors").GetProperty("id")[0].GetString());
        await AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_force_flag_that_is_not_true_or_false_answers_400_problem_and_changes_nothing()
    {
        var before = await Admin.GetFeatureStateAsync();

        await (await Admin.PostAsync("api/features/Test.Gamma/enable?force=maybe", null)).AssertProblemAsync(HttpStatusCode.BadRequest);

        await AssertUnchangedSinceAsync(before);
    }

    private async Task AssertUnchangedSinceAsync(FeatureState before)
    {
        var now = await Admin.GetFeatureStateAsync();
        Assert.Equal(before.Serial, now.Serial);
        Assert.Equal(before.Enabled.Order(), now.Enabled.Order());
    }
}

public sealed class SqliteFeatureApiProblemHttpTests() : FeatureApiProblemHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeatureApiProblemHttpTests() : FeatureApiProblemHttpTests(DatabaseProvider.Postgres);
