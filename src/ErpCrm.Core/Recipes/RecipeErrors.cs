using System.Text.RegularExpressions;
using ErpCrm.Recipes;
using ErpCrm.Text;

namespace ErpCrm.Core.Recipes;

/// <summary>A recipe's problems in one line: unknown features and steps gathered first (a foreign recipe has many), then the rest.</summary>
public static partial class RecipeErrors
{
    public static string Summary(IReadOnlyList<RecipeError> errors)
    {
        var features = errors.Select(e => UnknownFeature().Match(e.Reason)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();
        var steps = errors.Where(e => UnknownStep().IsMatch(e.Reason)).Select(e => $"{e.StepName} (step {e.StepIndex})").ToList();
        // Each error is a sentence; within the line they are parts, and the line ends with one full stop.
        var others = errors.Where(e => !UnknownFeature().IsMatch(e.Reason) && !UnknownStep().IsMatch(e.Reason)).Select(e => e.ToString().TrimEnd('.')).ToList();
        var parts = new List<string>();
        if (features.Count > 0)
        {
            parts.Add($"unknown features: {string.Join(", ", features)}");
        }
        if (steps.Count > 0)
        {
            parts.Add($"unknown steps: {string.Join(", ", steps)}");
        }
        parts.AddRange(others);
        return Sentence.End(string.Join("; ", parts));
    }

    [GeneratedRegex("^unknown feature '([^']+)'")]
    private static partial Regex UnknownFeature();

    [GeneratedRegex("^unknown step '")]
    private static partial Regex UnknownStep();
}
