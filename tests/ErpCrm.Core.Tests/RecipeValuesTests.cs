using System.Text.Json.Nodes;
using ErpCrm.Core.Recipes;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Tests;

public sealed class RecipeValuesTests
{
    private static readonly Dictionary<string, string> Parameters = new() { ["AdminUsername"] = "admin", ["AdminUserId"] = "7", ["SiteName"] = "Acme" };

    private static (JsonNode Step, List<RecipeError> Errors) Evaluate(string step, string? variables = null, string? directory = null)
    {
        var values = new RecipeValues(variables is null ? null : JsonNode.Parse(variables)!.AsObject(), Parameters, directory);
        var node = JsonNode.Parse(step)!;
        var errors = new List<RecipeError>();
        values.Evaluate(node, 1, "content", "steps[0]", errors);
        return (node, errors);
    }

    [Fact]
    public void A_variable_is_evaluated_once_on_first_use_and_reused()
    {
        var (step, errors) = Evaluate("""{"a": "[js: variables('id')]", "b": ["[js:variables('id')]"]}""", """{"id": "[js: uuid()]", "unused": "[js: throw 'never evaluated']"}""");

        Assert.Empty(errors);
        Assert.Equal(26, step["a"]!.GetValue<string>().Length);
        Assert.Equal(step["a"]!.GetValue<string>(), step["b"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Scripts_read_parameters_decode_base64_and_may_be_written_as_a_function_body()
    {
        var (step, errors) = Evaluate("""
            {"owner": "[js: parameters('AdminUserId')]", "name": "[js: parameters('SiteName') + ' Ltd']", "text": "[js: base64('aGVsbG8=')]",
             "sum": "[js: var x = 20; return x + 22;]", "flag": "[js: 1 < 2]", "plain": "not [js: a script]"}
            """);

        Assert.Empty(errors);
        Assert.Equal("7", step["owner"]!.GetValue<string>());
        Assert.Equal("Acme Ltd", step["name"]!.GetValue<string>());
        Assert.Equal("hello", step["text"]!.GetValue<string>());
        Assert.Equal(42, step["sum"]!.GetValue<long>());
        Assert.True(step["flag"]!.GetValue<bool>());
        Assert.Equal("not [js: a script]", step["plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_script_that_throws_names_an_unknown_name_or_runs_too_long_is_an_error_at_its_path()
    {
        var (_, errors) = Evaluate("""
            {"data": [{"a": "[js: throw 'boom']"}, {"b": "[js: parameters('Nope')]"}, {"c": "[js: variables('missing')]"}, {"d": "[js: while (true) {}]"}]}
            """);

        Assert.Equal(["steps[0].data[0].a", "steps[0].data[1].b", "steps[0].data[2].c", "steps[0].data[3].d"], errors.Select(e => e.Path));
        Assert.Contains("boom", errors[0].Reason);
        Assert.Contains("AdminUserId", errors[1].Reason); // lists the known parameters
        Assert.Contains("'missing'", errors[2].Reason);
        Assert.All(errors, e => Assert.Equal((1, "content"), (e.StepIndex, e.StepName)));
    }

    [Fact]
    public void A_file_value_reads_text_beside_the_recipe_and_a_missing_file_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("erpcrm-values-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "Snippets"));
            File.WriteAllText(Path.Combine(folder.FullName, "Snippets", "footer.html"), "<p>Footer</p>");

            var (step, errors) = Evaluate("""{"ok": "[file:text('Snippets/footer.html')]", "missing": "[file:text('Snippets/none.html')]", "out": "[file:text('../secret')]"}""",
                directory: folder.FullName);

            Assert.Equal("<p>Footer</p>", step["ok"]!.GetValue<string>());
            Assert.Equal(["steps[0].missing", "steps[0].out"], errors.Select(e => e.Path));
            Assert.Contains("Snippets/none.html", errors[0].Reason);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
