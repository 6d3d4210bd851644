using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;
using ErpCrm.Security;
using ErpCrm.Tenants;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The tenant's scoring and assignment rules (tables <c>lead_scoring_rules</c>, <c>lead_assignment_rules</c>; shapes in
/// <see cref="LeadRuleRules"/>) and how they apply to a new lead.
/// Round robin: each role has a counter of turns (<c>lead_round_robin</c>) that one statement increments and reads back
/// (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>), inside the lead's transaction: concurrent captures serialise on that
/// row, so each gets its own turn and the role's enabled users (by id) take turns in order — none is skipped or served twice
/// while the role's members stay the same. A capture that rolls back gives its turn back.
/// The rules come from the tenant's configuration cache (kinds <see cref="ScoringKind"/>, <see cref="AssignmentKind"/>), kept for the
/// unit of work; replacing them invalidates the cache in the same transaction.
/// </summary>
public sealed class LeadRuleService(IUnitOfWork unitOfWork, IUserDirectory users, ITenantConfigurationCache configuration)
{
    public static readonly ConfigurationKind<IReadOnlyList<ScoringRule>> ScoringKind = new("Leads.ScoringRules");
    public static readonly ConfigurationKind<IReadOnlyList<AssignmentRule>> AssignmentKind = new("Leads.AssignmentRules");

    private IReadOnlyList<ScoringRule>? _scoring;
    private IReadOnlyList<AssignmentRule>? _assignment;

    private sealed class RuleRow
    {
        public string? Name { get; init; }
        public string? Field { get; init; }
        public string? Operator { get; init; }
        public string? Value { get; init; }
        public int Points { get; init; }
        public string? UserName { get; init; }
        public string? RoleName { get; init; }
    }

    public async Task<IReadOnlyList<ScoringRule>> ScoringRulesAsync(CancellationToken cancellationToken) =>
        _scoring ??= await configuration.GetAsync<IReadOnlyList<ScoringRule>>(ScoringKind, async ct => (await unitOfWork.QueryAsync<RuleRow>(
                "SELECT name AS Name, field AS Field, operator AS Operator, value AS Value, points AS Points FROM lead_scoring_rules ORDER BY position", null, ct))
            .Select(r => new ScoringRule(r.Name, new RuleCondition(r.Field, r.Operator, r.Value), r.Points)).ToList().AsReadOnly(), cancellationToken);

    public async Task<IReadOnlyList<AssignmentRule>> AssignmentRulesAsync(CancellationToken cancellationToken) =>
        _assignment ??= await configuration.GetAsync<IReadOnlyList<AssignmentRule>>(AssignmentKind, async ct => (await unitOfWork.QueryAsync<RuleRow>(
                "SELECT name AS Name, field AS Field, operator AS Operator, value AS Value, user_name AS UserName, role_name AS RoleName FROM lead_assignment_rules ORDER BY position",
                null, ct))
            .Select(r => new AssignmentRule(r.Name, r.Field is null ? null : new RuleCondition(r.Field, r.Operator, r.Value), r.UserName, r.RoleName)).ToList().AsReadOnly(),
            cancellationToken);

    /// <summary>Replaces the scoring rules with these (validated; errors keyed rules[i]…).</summary>
    public async Task<Result<IReadOnlyList<ScoringRule>>> ReplaceScoringAsync(IReadOnlyList<ScoringRule?>? input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (LeadRuleRules.ValidateScoring(input, "rules", errors) is not { } rules)
        {
            return Result.Invalid(errors);
        }
        await configuration.InvalidateAsync(ScoringKind, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM lead_scoring_rules", null, cancellationToken);
        for (var i = 0; i < rules.Count; i++)
        {
            await unitOfWork.ExecuteAsync(
                "INSERT INTO lead_scoring_rules (position, name, field, operator, value, points) VALUES (@i, @Name, @Field, @Operator, @Value, @Points)",
                new { i, rules[i].Name, rules[i].When!.Field, rules[i].When!.Operator, rules[i].When!.Value, rules[i].Points }, cancellationToken);
        }
        _scoring = rules;
        return Result.Done(rules);
    }

    /// <summary>Replaces the assignment rules with these (validated; errors keyed rules[i]…). Round-robin turns are kept per role.</summary>
    public async Task<Result<IReadOnlyList<AssignmentRule>>> ReplaceAssignmentAsync(IReadOnlyList<AssignmentRule?>? input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (LeadRuleRules.ValidateAssignment(input, "rules", errors) is not { } rules)
        {
            return Result.Invalid(errors);
        }
        await configuration.InvalidateAsync(AssignmentKind, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM lead_assignment_rules", null, cancellationToken);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            await unitOfWork.ExecuteAsync(
                "INSERT INTO lead_assignment_rules (position, name, field, operator, value, user_name, role_name) VALUES (@i, @Name, @Field, @Operator, @Value, @User, @Role)",
                new { i, rule.Name, rule.When?.Field, rule.When?.Operator, rule.When?.Value, rule.User, Role = rule.RoundRobinRole }, cancellationToken);
        }
        _assignment = rules;
        return Result.Done(rules);
    }

    /// <summary>The sum of the points of the scoring rules the lead meets.</summary>
    public async Task<long> ScoreAsync(ContentItem lead, CancellationToken cancellationToken) =>
        (await ScoringRulesAsync(cancellationToken)).Where(r => RuleOperators.Matches(lead, r.When!)).Sum(r => (long)r.Points!.Value);

    /// <summary>The user id the first matching assignment rule that can assign gives the lead, or null (no rule, or none can).</summary>
    public async Task<string?> AssignAsync(ContentItem lead, CancellationToken cancellationToken)
    {
        foreach (var rule in await AssignmentRulesAsync(cancellationToken))
        {
            if (rule.When is not null && !RuleOperators.Matches(lead, rule.When))
            {
                continue;
            }
            var userId = rule.User is { } user
                ? await users.FindEnabledUserIdAsync(user, cancellationToken)
                : await NextInTurnAsync(rule.RoundRobinRole!, cancellationToken);
            if (userId is not null)
            {
                return userId;
            }
        }
        return null;
    }

    private async Task<string?> NextInTurnAsync(string role, CancellationToken cancellationToken)
    {
        var members = await users.EnabledUserIdsInRoleAsync(role, cancellationToken);
        if (members.Count == 0)
        {
            return null;
        }
        var turn = await unitOfWork.ExecuteScalarAsync<long>(
            """
            INSERT INTO lead_round_robin (role_key, turns) VALUES (@role, 1)
            ON CONFLICT (role_key) DO UPDATE SET turns = lead_round_robin.turns + 1
            RETURNING turns
            """, new { role = role.ToLowerInvariant() }, cancellationToken);
        return members[(int)((turn - 1) % members.Count)];
    }

    /// <summary>The round-robin turns a role has had, for tests and reports.</summary>
    public async Task<long> TurnsAsync(string role, CancellationToken cancellationToken) =>
        await unitOfWork.QuerySingleOrDefaultAsync<long?>("SELECT turns FROM lead_round_robin WHERE role_key = @role", new { role = role.ToLowerInvariant() }, cancellationToken) ?? 0;
}
