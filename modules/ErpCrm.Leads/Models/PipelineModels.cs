using System.Text.Json.Serialization;

namespace ErpCrm.Leads.Models;

/// <summary>A stage of a tenant's sales pipeline, in the pipeline's order.</summary>
/// <param name="Name">Unique ignoring case, 1 to <see cref="PipelineLimits.MaxNameLength"/> characters.</param>
/// <param name="Probability">The chance of winning a lead in this stage, 0 to 100 (a new lead's probability).</param>
/// <param name="IsWon">The stage of won leads (exactly one).</param>
/// <param name="IsLost">The stage of lost leads (exactly one); moving there needs a reason.</param>
public sealed record PipelineStage(string Name, int Probability, bool IsWon = false, bool IsLost = false)
{
    [JsonIgnore]
    public bool IsOpen => !IsWon && !IsLost;
}

/// <summary>A condition on one field of a lead.</summary>
/// <param name="Field">A LeadPart field (<c>Source</c>) or <c>Part.Field</c> (<c>Lead.Budget</c>, a field an admin added).</param>
/// <param name="Operator">One of <see cref="RuleOperators.All"/>.</param>
/// <param name="Value">What the field is compared with; none for isSet and isNotSet.</param>
public sealed record RuleCondition(string? Field, string? Operator, string? Value = null);

/// <summary>Adds <paramref name="Points"/> (may be negative) to the score of a new lead that meets the condition.</summary>
public sealed record ScoringRule(string? Name, RuleCondition? When, int? Points);

/// <summary>
/// Assigns a new lead that meets the condition (every lead when there is none) to a user, or in turn to the enabled users
/// of a role. Exactly one of <paramref name="User"/> (a user name) and <paramref name="RoundRobinRole"/> is given.
/// </summary>
public sealed record AssignmentRule(string? Name, RuleCondition? When, string? User = null, string? RoundRobinRole = null);

/// <summary>The explicit limits of the pipeline's configuration.</summary>
public static class PipelineLimits
{
    public const int MaxStages = 30;
    public const int MaxRules = 100;
    public const int MaxNameLength = 100;
    public const int MaxFieldLength = 200;
    public const int MaxValueLength = 500;
    public const int MaxPoints = 1000;
}
