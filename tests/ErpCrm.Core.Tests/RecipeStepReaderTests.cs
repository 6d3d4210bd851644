using System.Text.Json.Nodes;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Tests;

/// <summary>The step reader every step shares: names ignoring case, errors at the recipe's own spelling, values of the right kind only.</summary>
public sealed class RecipeStepReaderTests
{
    private static (RecipeStepReader Reader, List<RecipeError> Errors) Read(string json)
    {
        var errors = new List<RecipeError>();
        var context = new RecipeStepContext { Step = JsonNode.Parse(json)!.AsObject(), Index = 2, Name = "Test", RecipeName = "r", Errors = errors };
        return (new RecipeStepReader(context), errors);
    }

    [Fact]
    public void Properties_match_ignoring_case_and_errors_are_spelled_as_the_recipe_spells_them()
    {
        var (reader, errors) = Read("""{"name": "Test", "Items": [{"Code": "A", "Count": 2, "Active": true, "Rate": 1.10}, {"code": 5, "count": 1.5, "active": "yes"}, 7]}""");

        var items = reader.Objects("items");

        Assert.Equal(["Items[0].", "Items[1]."], items.Select(i => i.Path));
        var (path, first) = items[0];
        Assert.Equal("A", reader.Text(first, path, "code", required: true));
        Assert.Equal(2, reader.Integer(first, path, "count"));
        Assert.True(reader.Flag(first, path, "active"));
        Assert.Equal("1.10", reader.DecimalText(first, path, "rate"));
        Assert.Single(errors); // the element that is not an object; the first one read well
        var (secondPath, second) = items[1];
        Assert.Null(reader.Text(second, secondPath, "code", required: true));
        Assert.Null(reader.Integer(second, secondPath, "count"));
        Assert.Null(reader.Flag(second, secondPath, "active"));
        Assert.True(reader.Failed);
        Assert.Equal(["steps[1].Items[2]", "steps[1].Items[1].code", "steps[1].Items[1].count", "steps[1].Items[1].active"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.EndsWith(".", e.Reason));
    }

    [Fact]
    public void Lists_of_strings_and_required_arrays_name_what_is_wrong()
    {
        var (reader, errors) = Read("""{"name": "Test", "Enable": ["A", "", 3], "data": {}}""");

        Assert.Equal(["A"], reader.Strings("enable", "feature ids"));
        Assert.Empty(reader.Strings("disable", "feature ids"));
        Assert.Empty(reader.Objects("data"));
        Assert.Empty(reader.Objects("missing", required: false));
        Assert.Empty(reader.Objects("required"));
        Assert.Equal(["steps[1].Enable[1]", "steps[1].Enable[2]", "steps[1].data", "steps[1].required"], errors.Select(e => e.Path));
    }

    [Fact]
    public void A_services_refusal_is_reported_field_by_field_or_by_its_detail()
    {
        var (reader, errors) = Read("""{"name": "Test", "Accounts": []}""");

        reader.Refused("Refused.", new Dictionary<string, string> { ["accounts"] = "No.", ["accounts[1].code"] = "Taken." });
        reader.Refused("Not found.", new Dictionary<string, string>(), "data[3].");
        reader.Refused("Bad.", new Dictionary<string, string> { ["Title"] = "Too long." }, "data[0].");

        Assert.Equal(["steps[1].Accounts", "steps[1].accounts[1].code", "steps[1].data[3]", "steps[1].data[0].Title"], errors.Select(e => e.Path));
    }
}
