using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>A stage as a request or recipe gives it (anything may be missing).</summary>
public sealed record PipelineStageInput(string? Name, int? Probability, bool? IsWon, bool? IsLost);

/// <summary>
/// The invariants of a pipeline, checked the same for the API, the recipe step and the defaults:
/// - 1 to <see cref="PipelineLimits.MaxStages"/> stages, in the order given;
/// - names of 1 to <see cref="PipelineLimits.MaxNameLength"/> characters, unique ignoring case and surrounding spaces;
/// - a probability from 0 to 100 (the won stage's defaults to 100, others' to 0);
/// - exactly one won stage and exactly one lost stage (a stage is not both), and at least one open stage, where new leads start
///   (the first open stage).
/// </summary>
public static class PipelineStageRules
{
    /// <summary>The stages when valid; else null with every problem keyed <paramref name="path"/>[i].name etc.</summary>
    public static IReadOnlyList<PipelineStage>? Validate(IReadOnlyList<PipelineStageInput?>? stages, string path, IDictionary<string, string> errors)
    {
        var before = errors.Count;
        if (stages is null || stages.Count == 0 || stages.Count > PipelineLimits.MaxStages)
        {
            errors[path] = $"{path} lists 1 to {PipelineLimits.MaxStages} stages.";
            return null;
        }
        var result = new List<PipelineStage>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < stages.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (stages[i] is not { } stage)
            {
                errors[at] = "Every stage is an object with a name.";
                continue;
            }
            var name = stage.Name?.Trim() ?? "";
            if (name.Length == 0 || name.Length > PipelineLimits.MaxNameLength)
            {
                errors[$"{at}.name"] = $"A stage's name has 1 to {PipelineLimits.MaxNameLength} characters.";
            }
            else if (!names.Add(name))
            {
                errors[$"{at}.name"] = $"The stage name '{name}' is given twice (names are unique ignoring case).";
            }
            var won = stage.IsWon ?? false;
            var lost = stage.IsLost ?? false;
            if (won && lost)
            {
                errors[$"{at}.isLost"] = $"Stage '{name}' cannot be both the won and the lost stage.";
            }
            var probability = stage.Probability ?? (won ? 100 : 0);
            if (probability is < 0 or > 100)
            {
                errors[$"{at}.probability"] = $"Stage '{name}': probability is a whole number from 0 to 100.";
            }
            result.Add(new PipelineStage(name, probability, won, lost));
        }
        if (errors.Count == before)
        {
            Count(result, s => s.IsWon, "won", path, errors);
            Count(result, s => s.IsLost, "lost", path, errors);
            if (!result.Any(s => s.IsOpen))
            {
                Append(errors, path, $"{path} needs at least one open stage (neither won nor lost), where new leads start.");
            }
        }
        return errors.Count == before ? result : null;
    }

    private static void Count(List<PipelineStage> stages, Func<PipelineStage, bool> flag, string what, string path, IDictionary<string, string> errors)
    {
        var flagged = stages.Where(flag).Select(s => $"'{s.Name}'").ToList();
        if (flagged.Count != 1)
        {
            Append(errors, path, $"A pipeline has exactly one {what} stage (is{char.ToUpperInvariant(what[0])}{what[1..]}: true); {(flagged.Count == 0 ? "none is given" : $"{string.Join(", ", flagged)} are")}.");
        }
    }

    /// <summary>Adds a message about the whole list after the ones already there, so every broken invariant is named.</summary>
    private static void Append(IDictionary<string, string> errors, string path, string message) =>
        errors[path] = errors.TryGetValue(path, out var other) ? $"{other} {message}" : message;
}
