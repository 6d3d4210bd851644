using static ErpCrm.Core.Tests.ContentFieldTestHarness;

namespace ErpCrm.Core.Tests;

/// <summary>DateField (stored as Orchard Core does, a midnight DateTime) and DateTimeField (UTC), and BooleanField.</summary>
public sealed class DateFieldTypeTests
{
    [Theory]
    [InlineData("2026-01-31")]
    [InlineData("2026-01-31T00:00:00")]
    [InlineData("2026-01-31T00:00")]
    [InlineData("2026-01-31T00:00:00.000Z")]
    [InlineData(" 2026-01-31 ")]
    public async Task Dates_are_stored_in_Orchard_form_at_midnight(string given)
    {
        var saved = await Save("DateField", $$"""{"Value": "{{given}}"}""");

        saved.AssertValid();
        Assert.Equal("""{"Value":"2026-01-31T00:00:00"}""", saved.Json);
    }

    [Theory]
    [InlineData("2026-01-31T10:00:00")]
    [InlineData("2026-02-30")]
    [InlineData("31.01.2026")]
    [InlineData("2026-1-31")]
    public async Task A_date_with_a_time_of_day_or_not_in_ISO_form_is_rejected(string given)
    {
        Assert.Equal("ExpectedRevenue must be a date such as 2026-01-31.", (await Save("DateField", $$"""{"Value": "{{given}}"}""")).Error);
    }

    [Fact]
    public async Task Dates_outside_minimum_and_maximum_are_rejected()
    {
        const string settings = """{"DateFieldSettings": {"Minimum": "2026-01-01", "Maximum": "2026-12-31T00:00:00"}}""";

        Assert.Equal("ExpectedRevenue must be on or after 2026-01-01.", (await Save("DateField", """{"Value": "2025-12-31"}""", settings)).Error);
        Assert.Equal("ExpectedRevenue must be on or before 2026-12-31.", (await Save("DateField", """{"Value": "2027-01-01"}""", settings)).Error);
        (await Save("DateField", """{"Value": "2026-12-31"}""", settings)).AssertValid();
    }

    [Fact]
    public async Task Required_dates_must_be_given()
    {
        Assert.Equal("ExpectedRevenue is required.", (await Save("DateField", """{"Value": null}""", """{"DateFieldSettings": {"Required": true}}""")).Error);
        Assert.Equal("ExpectedRevenue is required.", (await Save("DateTimeField", "{}", """{"ContentPartFieldSettings": {"Required": true}}""")).Error);
    }

    [Fact]
    public void Dates_index_and_display_as_the_date()
    {
        var (index, display) = Read("DateField", """{"Value": "2026-01-31T00:00:00"}""");

        Assert.Equal("2026-01-31", index!.Date);
        Assert.Equal("2026-01-31", display);
    }

    [Theory]
    [InlineData("2026-01-31T10:00:00Z", "2026-01-31T10:00:00Z")]
    [InlineData("2026-01-31T12:00:00+02:00", "2026-01-31T10:00:00Z")]
    [InlineData("2026-01-31T10:00:00", "2026-01-31T10:00:00Z")]
    [InlineData("2026-01-31T10:00", "2026-01-31T10:00:00Z")]
    [InlineData("2026-01-31T10:00:00.250Z", "2026-01-31T10:00:00.25Z")]
    [InlineData("2026-01-01T01:00:00+02:00", "2025-12-31T23:00:00Z")]
    public async Task Date_times_are_stored_in_UTC(string given, string stored)
    {
        var saved = await Save("DateTimeField", $$"""{"Value": "{{given}}"}""");

        saved.AssertValid();
        Assert.Equal(stored, saved.Value["Value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2026-01-31")]
    [InlineData("2026-01-31 10:00")]
    [InlineData("tomorrow")]
    [InlineData("2026-01-31T25:00:00Z")]
    public async Task Date_times_not_in_ISO_8601_are_rejected(string given)
    {
        Assert.Equal("ExpectedRevenue must be a date and time in ISO 8601, such as 2026-01-31T10:00:00Z.",
            (await Save("DateTimeField", $$"""{"Value": "{{given}}"}""")).Error);
    }

    [Fact]
    public void Date_times_index_as_sortable_UTC_text_to_the_second()
    {
        var (index, display) = Read("DateTimeField", """{"Value": "2026-01-31T10:00:00.25Z"}""");

        Assert.Equal("2026-01-31T10:00:00Z", index!.Date);
        Assert.Equal("2026-01-31 10:00:00 UTC", display);
    }

    [Theory]
    [InlineData("""{"Value": true}""", """{"Value":true}""")]
    [InlineData("""{"Value": "False"}""", """{"Value":false}""")]
    public async Task Booleans_are_stored_as_JSON_booleans(string given, string stored)
    {
        var saved = await Save("BooleanField", given);

        saved.AssertValid();
        Assert.Equal(stored, saved.Json);
    }

    [Fact]
    public async Task A_required_boolean_only_needs_a_value_even_false()
    {
        const string settings = """{"BooleanFieldSettings": {"Required": true}}""";

        (await Save("BooleanField", """{"Value": false}""", settings)).AssertValid();
        Assert.Equal("ExpectedRevenue is required.", (await Save("BooleanField", "{}", settings)).Error);
        Assert.Equal("ExpectedRevenue must be true or false.", (await Save("BooleanField", """{"Value": "yes"}""")).Error);
    }

    [Fact]
    public async Task The_boolean_default_fills_a_field_the_item_does_not_carry()
    {
        Assert.Equal("""{"Value":true}""", (await Save("BooleanField", null, """{"BooleanFieldSettings": {"DefaultValue": true}}""")).Json);
    }

    [Fact]
    public void Booleans_index_as_booleans_and_display_as_yes_or_no()
    {
        Assert.True(Read("BooleanField", """{"Value": true}""").Index!.Boolean);
        Assert.Equal("Yes", Read("BooleanField", """{"Value": true}""").Display);
        Assert.Equal("No", Read("BooleanField", """{"Value": false}""").Display);
        Assert.Null(Read("BooleanField", "{}").Display);
    }
}
