using ErpCrm.Recipes;
using ErpCrm.Text;

namespace ErpCrm.Core.Tests;

/// <summary>The one rule for error lines: exactly one full stop at the end, however the message was built.</summary>
public sealed class SentenceTests
{
    [Theory]
    [InlineData("unknown feature 'X'", "unknown feature 'X'.")]
    [InlineData("A description has at most 500 characters.", "A description has at most 500 characters.")]
    [InlineData("recipe 'a' failed: Step 1 ('x') at steps[0]: bad..", "recipe 'a' failed: Step 1 ('x') at steps[0]: bad.")]
    [InlineData("Setup failed: connection refused. ", "Setup failed: connection refused.")]
    [InlineData("Is this the recipe?", "Is this the recipe?")]
    [InlineData("", "")]
    public void A_line_ends_with_exactly_one_full_stop(string text, string expected) => Assert.Equal(expected, Sentence.End(text));

    [Fact]
    public void A_recipe_errors_reason_keeps_the_rule_whatever_it_was_given()
    {
        Assert.Equal("Step 2 ('Roles') at steps[1].Roles: bad.", new RecipeError(2, "Roles", "steps[1].Roles", "bad..").ToString());
        Assert.Equal("Conflict.", new RecipeError(1, "feature", "steps[0].enable", "Conflict").Reason);
    }
}
