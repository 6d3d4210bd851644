using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Modules hear feature changes inside the change's transaction: Test.Alpha records every event it hears, so what it
/// shows is what the modules were told.
/// </summary>
public abstract class FeatureEventHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task A_feature_hears_its_own_enabling()
    {
        await Admin.EnableFeaturesAsync("Test.Alpha");

        Assert.Equal(["Test.Alpha:enabling", "Test.Alpha:enabled"], await Admin.GetFeatureEventsAsync());
    }

    [Fact]
    public async Task Enabling_and_disabling_a_dependent_feature_is_told_to_the_modules_that_are_on()
    {
        await Admin.EnableFeaturesAsync("Test.Alpha");

        await Admin.EnableFeaturesAsync("Test.Beta");
        await Admin.DisableFeaturesAsync("Test.Beta");

        Assert.Equal(
            ["Test.Alpha:enabling", "Test.Alpha:enabled", "Test.Beta:enabling", "Test.Beta:enabled", "Test.Beta:disabling", "Test.Beta:disabled"],
            await Admin.GetFeatureEventsAsync());
    }

    [Fact]
    public async Task A_feature_hears_its_own_disabling_before_it_goes_off()
    {
        await Admin.EnableFeaturesAsync("Test.Alpha");
        await Admin.DisableFeaturesAsync("Test.Alpha");
        await Admin.EnableFeaturesAsync("Test.Alpha");

        Assert.Equal(
            ["Test.Alpha:enabling", "Test.Alpha:enabled", "Test.Alpha:disabling", "Test.Alpha:disabled", "Test.Alpha:enabling", "Test.Alpha:enabled"],
            await Admin.GetFeatureEventsAsync());
    }
}

public sealed class SqliteFeatureEventHttpTests() : FeatureEventHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeatureEventHttpTests() : FeatureEventHttpTests(DatabaseProvider.Postgres);
