using System.Text.RegularExpressions;

namespace ErpCrm.Web.Tests;

/// <summary>Bad recipes of every kind of problem, and the rule their error lines keep: each ends with exactly one full stop.</summary>
public static partial class RecipeErrorLines
{
    /// <summary>Recipes refused before they run, and one that stops while running (so its line quotes a step's own sentence).</summary>
    public static readonly string[] BadRecipes =
    [
        """{"name": "foreign", "steps": [{"name": "feature", "enable": ["OrchardCore.Lists"]}, {"name": "Lucene"}, {"name": "settings", "Motto": "[js: nope(]"}]}""",
        """{"name": "shapes", "steps": [{"name": "feature", "enable": "ErpCrm.OpenApi"}, {"name": "content", "data": [{"ContentItemId": "not an id!", "ContentType": "Note"}, 5]}, {"name": "themes", "site": 3}]}""",
        """{"name": "roles", "steps": [{"name": "settings", "Motto": "x"}, {"name": "Roles", "Roles": [{"Name": "Clerk", "Permissions": ["NoSuchPermission"]}, {"Description": "no name"}]}]}""",
        """{"name": "nested", "steps": [{"name": "recipes", "Values": [{"name": "no-such-recipe"}, {}]}]}""",
        $$"""
        {"name": "stops", "steps": [
          {"name": "ContentDefinition", {{RecipesAdminPagesHttpTests.MemoDefinitions.Trim()[1..^1]}}},
          {"name": "DeleteContentDefinition", "ContentParts": ["MemoPart"]}
        ]}
        """,
    ];

    /// <summary>Whether <paramref name="line"/> ends with exactly one full stop.</summary>
    public static bool EndsWithOneFullStop(string line) => OneFullStop().IsMatch(line);

    [GeneratedRegex(@"[^.]\.$")]
    private static partial Regex OneFullStop();
}
