using System.Text.Json.Nodes;
using ErpCrm.Core.Recipes;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Tests;

public sealed class RecipeValuesTests
{
    private static readonly Dictionary<string, string> Parameters = new() { ["AdminUsername"] = "admin", ["AdminUserId"] = "7", ["SiteName"] = "Acme" };

    private static (JsonNode Step, List<RecipeError> Errors) Evaluate(string step, string? variables = null, string? directory = null, RecipeScriptBudget? budget = null)
    {
        var values = new RecipeValues(variables is null ? null : JsonNode.Parse(variables)!.AsObject(), Parameters, directory, budget ?? new RecipeScriptBudget());
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

    [Theory]
    [InlineData("'x'.repeat(2**28)", "String.prototype.repeat")]
    [InlineData("'x'.padStart(2**28)", "padStart")]
    [InlineData("'x'.padEnd(2**27, 'ab')", "padEnd")]
    [InlineData("var s = 'x'.repeat(500000); [1, 2, 3].join(s)", "Array.prototype.join")]
    [InlineData("var s = 'x'.repeat(500000); ''.concat(s, s, s)", "String.prototype.concat")]
    [InlineData("var s = 'x'.repeat(500000); 'yyy'.replaceAll('y', s)", "String.prototype.replaceAll")]
    [InlineData("var s = 'x'.repeat(500000); 'yyy'.replace(/y/g, s)", "RegExp replace")]
    [InlineData("var s = 'x'.repeat(500000); JSON.stringify([s, s, s])", "JSON.stringify")]
    [InlineData("var s = 'x'.repeat(500000); String.raw({raw: [s, s, s]})", "String.raw")]
    [InlineData("var s = 'x'; for (var i = 0; i < 19; i++) s += s; s + s", "at most 1,000,000")]
    public void A_value_that_would_build_a_huge_string_is_refused_before_it_is_built(string script, string named)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var (_, errors) = Evaluate($$"""{"data": [{"Title": "[js: {{script}}]"}]}""");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64 * 1024 * 1024, "The refused value was allocated anyway.");
        var error = Assert.Single(errors);
        Assert.Equal("steps[0].data[0].Title", error.Path);
        Assert.Contains(named, error.Reason);
        Assert.Contains("1,000,000", error.Reason);
    }

    [Theory]
    [InlineData("var s = 'x'.repeat(200000); Object.getOwnPropertyDescriptors(new String(s))")]
    [InlineData("var s = 'x'.repeat(200000); Object.keys(s).length")]
    [InlineData("var s = 'x'.repeat(200000); s.match(/./g).length")]
    [InlineData("Array(2**28).length")]
    [InlineData("new RegExp('(a|b)'.repeat(100000)).test('c')")]
    public void A_value_that_would_take_a_long_string_apart_or_compile_a_huge_pattern_is_refused_before_it_runs(string script)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var (_, errors) = Evaluate($$"""{"Title": "[js: {{script}}]"}""");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 32 * 1024 * 1024, "The refused value was allocated anyway.");
        Assert.Equal("steps[0].Title", Assert.Single(errors).Path);
    }

    [Fact]
    public void A_catastrophic_regular_expression_stops_at_its_timeout()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (_, errors) = Evaluate("""{"Title": "[js: /(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab')]"}""");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"The regular expression ran {watch.Elapsed}.");
        Assert.Contains("a regular expression ran longer than 200 ms", Assert.Single(errors).Reason);
    }

    [Fact]
    public void A_recipe_whose_scripts_spend_their_time_budget_names_the_value_that_spent_it_and_evaluates_no_more()
    {
        const string slow = "[js: /(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab')]";

        var (step, errors) = Evaluate($$"""{"a": "{{slow}}", "b": "{{slow}}", "c": "{{slow}}", "d": "[js: 1 + 1]"}""",
            budget: new RecipeScriptBudget(TimeSpan.FromMilliseconds(300), RecipeScriptBudget.MaxBytes));

        Assert.Equal(["steps[0].a", "steps[0].b", "steps[0].b"], errors.Select(e => e.Path));
        Assert.Equal("the recipe's scripts used more than 0.3 s in all (a recipe's scripts may run 0.3 s).", errors[^1].Reason);
        Assert.Equal("[js: 1 + 1]", step["d"]!.GetValue<string>());
    }

    [Fact]
    public void A_recipe_whose_scripts_spend_their_memory_budget_names_the_value_that_spent_it()
    {
        const string hungry = "[js: var a = []; for (var i = 0; i < 500; i++) a.push('x'.repeat(1000) + i); a.length]";

        var (_, errors) = Evaluate($$"""{"a": "{{hungry}}", "b": "{{hungry}}", "c": "{{hungry}}", "d": "{{hungry}}"}""",
            budget: new RecipeScriptBudget(RecipeScriptBudget.MaxTime, 2 * 1024 * 1024));

        var error = Assert.Single(errors);
        Assert.Contains("the recipe's scripts used more than 2 MB in all", error.Reason);
        Assert.NotEqual("steps[0].d", error.Path);
    }

    [Fact]
    public void Every_recipe_has_the_same_explicit_budget()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), RecipeScriptBudget.MaxTime);
        Assert.Equal(64 * 1024 * 1024, RecipeScriptBudget.MaxBytes);
        Assert.Null(new RecipeScriptBudget().Exhausted);
    }

    [Fact]
    public void Scripts_have_the_plain_language_without_eval_binary_buffers_or_fresh_realms()
    {
        var (step, errors) = Evaluate("""
            {"types": "[js: [typeof ArrayBuffer, typeof Uint8Array, typeof ShadowRealm, typeof Intl, typeof eval].join()]",
             "eval": "[js: Function('return 1')()]"}
            """);

        Assert.Equal("undefined,undefined,undefined,undefined,undefined", step["types"]!.GetValue<string>());
        Assert.Equal("steps[0].eval", Assert.Single(errors).Path);
    }

    [Fact]
    public void The_guarded_built_ins_answer_as_the_standard_says()
    {
        var (step, errors) = Evaluate("""
            {"join": "[js: var a = [1, [2, 3], null, undefined, 'x']; a.push(a); a.join('-') + '|' + String(a)]",
             "replace": "[js: '2026-01-31'.replace(/(\\d+)-(\\d+)-(\\d+)/, '$3/$2/$1') + ' ' + 'a.b'.replaceAll('.', '/') + ' ' + 'aXb'.replace(/x/i, m => '[' + m + ']')]",
             "json": "[js: JSON.stringify({c: {a: 3, z: 4}, a: 1, b: 2}, ['c', 'a']) + JSON.stringify({n: 2}, (k, v) => typeof v === 'number' ? v * 2 : v) + JSON.stringify([1], null, 1)]",
             "strings": "[js: 'ab'.concat(1, null) + '5'.padStart(3, '0') + 'ab'.repeat(2) + String.raw`a${1}b`]",
             "regexp": "[js: (new RegExp('a', 'g') instanceof RegExp) + ' ' + (/a/.constructor === RegExp) + ' ' + 'a1b2'.match(/\\d/g).join()]"}
            """);

        Assert.Empty(errors);
        Assert.Equal("1-2,3---x-|1,2,3,,,x,", step["join"]!.GetValue<string>());
        Assert.Equal("31/01/2026 a/b a[X]b", step["replace"]!.GetValue<string>());
        Assert.Equal("{\"c\":{\"a\":3},\"a\":1}{\"n\":4}[\n 1\n]", step["json"]!.GetValue<string>());
        Assert.Equal("ab1null005ababa1b", step["strings"]!.GetValue<string>());
        Assert.Equal("true true 1,2", step["regexp"]!.GetValue<string>());
    }
}
