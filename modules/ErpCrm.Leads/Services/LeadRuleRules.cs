using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The shape of scoring and assignment rules, checked the same for the API and the recipe steps:
/// - at most <see cref="PipelineLimits.MaxRules"/> rules of each kind, in the order given (assignment: the first that matches wins);
/// - a scoring rule has a condition (see <see cref="RuleOperators"/>) and whole points from -<see cref="PipelineLimits.MaxPoints"/>
///   to <see cref="PipelineLimits.MaxPoints"/>;
/// - an assignment rule has an optional condition and exactly one of <c>user</c> (a user name) and <c>roundRobinRole</c>.
/// Whether the user or role exists is checked when a lead is assigned (a user may be added after the rules): a rule whose user
/// is missing or disabled, or whose role has no enabled user, is passed over for the next one.
/// </summary>
public static class LeadRuleRules
{
    public static IReadOnlyList<ScoringRule>? ValidateScoring(IReadOnlyList<ScoringRule?>? rules, string path, IDictionary<string, string> errors)
    {
        var before = errors.Count;
        if (!CheckList(rules, path, errors))
        {
            return null;
        }
        for (var i = 0; i < rules!.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (rules[i] is not { } rule)
            {
                errors[at] = "Every rule is an object: name, when and points.";
                continue;
            }
            CheckName(rule.Name, at, errors);
            RuleOperators.Validate(rule.When, $"{at}.when", errors);
            if (rule.Points is not { } points || Math.Abs(points) > PipelineLimits.MaxPoints)
            {
                errors[$"{at}.points"] = $"points is a whole number from -{PipelineLimits.MaxPoints} to {PipelineLimits.MaxPoints}.";
            }
        }
        return errors.Count == before ? rules.Select(r => r! with { Name = r.Name?.Trim(), When = Normalize(r.When) }).ToList() : null;
    }

    public static IReadOnlyList<AssignmentRule>? ValidateAssignment(IReadOnlyList<AssignmentRule?>? rules, string path, IDictionary<string, string> errors)
    {
        var before = errors.Count;
        if (!CheckList(rules, path, errors))
        {
            return null;
        }
        for (var i = 0; i < rules!.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (rules[i] is not { } rule)
            {
                errors[at] = "Every rule is an object: name, when (optional) and user or roundRobinRole.";
                continue;
            }
            CheckName(rule.Name, at, errors);
            if (rule.When is not null)
            {
                RuleOperators.Validate(rule.When, $"{at}.when", errors);
            }
            var user = string.IsNullOrWhiteSpace(rule.User) ? null : rule.User.Trim();
            var role = string.IsNullOrWhiteSpace(rule.RoundRobinRole) ? null : rule.RoundRobinRole.Trim();
            if ((user is null) == (role is null))
            {
                errors[at] = "An assignment rule names exactly one of user (a user name) and roundRobinRole (a role whose users take turns).";
            }
            else if ((user ?? role)!.Length > 100)
            {
                errors[user is null ? $"{at}.roundRobinRole" : $"{at}.user"] = "A user or role name has at most 100 characters.";
            }
        }
        return errors.Count == before
            ? rules.Select(r => r! with
            {
                Name = r.Name?.Trim(), When = Normalize(r.When),
                User = string.IsNullOrWhiteSpace(r.User) ? null : r.User.Trim(),
                RoundRobinRole = string.IsNullOrWhiteSpace(r.RoundRobinRole) ? null : r.RoundRobinRole.Trim(),
            }).ToList()
            : null;
    }

    private static bool CheckList<T>(IReadOnlyList<T>? rules, string path, IDictionary<string, string> errors)
    {
        if (rules is null || rules.Count > PipelineLimits.MaxRules)
        {
            errors[path] = $"{path} lists 0 to {PipelineLimits.MaxRules} rules.";
            return false;
        }
        return true;
    }

    private static void CheckName(string? name, string at, IDictionary<string, string> errors)
    {
        if (name is { Length: > PipelineLimits.MaxNameLength })
        {
            errors[$"{at}.name"] = $"A rule's name has at most {PipelineLimits.MaxNameLength} characters.";
        }
    }

    private static RuleCondition? Normalize(RuleCondition? when) =>
        when is null ? null : new RuleCondition(when.Field!.Trim(), RuleOperators.Canonical(when.Operator), string.IsNullOrWhiteSpace(when.Value) ? null : when.Value.Trim());
}
