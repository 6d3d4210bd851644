using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;
using ErpCrm.Tenants;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The tenant's pipeline stages (table <c>lead_stages</c>), with the invariants of <see cref="PipelineStageRules"/>. Replacing the
/// stages is one call with the whole list, so an admin's reorder, rename, add and remove is one change:
/// - stages are matched to the current ones by name ignoring case; a name only changing case keeps the stage;
/// - a stage left out that still has leads is refused unless <c>moveLeads</c> names an open or won stage of the new list to move
///   them to (renaming a stage with leads = leaving it out and moving its leads to the new name); their moves are stage changes
///   like any other (handlers, events, trail);
/// - a stage that has leads cannot become or stop being the won or lost stage (its leads' status would change unseen): move
///   them first.
/// The content handler reads the stages on every lead save: they come from the tenant's configuration cache (kind <see cref="Kind"/>),
/// kept for the unit of work; a replace reads them from the database and invalidates the cache in its transaction.
/// </summary>
public sealed class PipelineStageService(IUnitOfWork unitOfWork, LeadIndexQueries index, IContentItemService content, ITenantConfigurationCache configuration)
{
    public static readonly ConfigurationKind<IReadOnlyList<PipelineStage>> Kind = new("Leads.PipelineStages");

    public const string DefaultsResource = "ErpCrm.Leads.leads-pipeline.recipe.json";
    public const string StepName = "PipelineStages";

    private IReadOnlyList<PipelineStage>? _stages;

    private sealed class StageRow
    {
        public string Name { get; init; } = "";
        public int Probability { get; init; }
        public bool IsWon { get; init; }
        public bool IsLost { get; init; }
    }

    /// <summary>The stages in pipeline order.</summary>
    public async Task<IReadOnlyList<PipelineStage>> ListAsync(CancellationToken cancellationToken) =>
        _stages ??= await configuration.GetAsync(Kind, LoadAsync, cancellationToken);

    private async Task<IReadOnlyList<PipelineStage>> LoadAsync(CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<StageRow>(
                "SELECT name AS Name, probability AS Probability, is_won AS IsWon, is_lost AS IsLost FROM lead_stages ORDER BY position", null, cancellationToken))
            .Select(r => new PipelineStage(r.Name, r.Probability, r.IsWon, r.IsLost)).ToList().AsReadOnly();

    /// <summary>The stage with this name (ignoring case and surrounding spaces), or null.</summary>
    public async Task<PipelineStage?> FindAsync(string? name, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) ? null : (await ListAsync(cancellationToken)).FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A message naming the stages there are, for errors about an unknown one.</summary>
    public async Task<string> UnknownStageMessageAsync(string? name, CancellationToken cancellationToken) =>
        $"'{name}' is not a stage of the pipeline (the stages are {string.Join(", ", (await ListAsync(cancellationToken)).Select(s => $"'{s.Name}'"))}).";

    /// <summary>Replaces the stages (see the class's rules). <paramref name="moveLeads"/> maps a stage left out to the stage its leads move to.</summary>
    public async Task<Result<IReadOnlyList<PipelineStage>>> ReplaceAsync(
        IReadOnlyList<PipelineStageInput?>? input, IReadOnlyDictionary<string, string>? moveLeads, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (PipelineStageRules.Validate(input, "stages", errors) is not { } stages)
        {
            return Result.Invalid(errors);
        }
        // The stages as committed now, not as cached: which stages lose leads is decided on them.
        await ChangingAsync(cancellationToken);
        var current = await ListAsync(cancellationToken);
        var moves = new Dictionary<string, PipelineStage>(StringComparer.OrdinalIgnoreCase);
        var given = new Dictionary<string, string>(moveLeads ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var stage in current)
        {
            var kept = stages.FirstOrDefault(s => string.Equals(s.Name, stage.Name, StringComparison.OrdinalIgnoreCase));
            var leads = kept is null || kept.IsWon != stage.IsWon || kept.IsLost != stage.IsLost ? (await index.InStageAsync(stage.Name, cancellationToken)).Count : 0;
            if (kept is not null && leads > 0)
            {
                errors[$"stages[{stages.ToList().IndexOf(kept)}]"] =
                    $"Stage '{stage.Name}' has {leads} lead(s): it cannot become or stop being the won or lost stage; move its leads to another stage first.";
            }
            else if (kept is null && leads > 0)
            {
                var target = given.TryGetValue(stage.Name, out var name) ? stages.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) : null;
                if (target is null || target.IsLost)
                {
                    errors[$"moveLeads.{stage.Name}"] = target is null
                        ? $"Stage '{stage.Name}' has {leads} lead(s): name a stage of the new list to move them to in moveLeads, e.g. {{\"{stage.Name}\": \"{stages.First(s => s.IsOpen).Name}\"}}."
                        : $"The leads of stage '{stage.Name}' cannot move to the lost stage '{target.Name}': each lost lead needs its own reason.";
                    continue;
                }
                moves[stage.Name] = target;
            }
        }
        foreach (var name in given.Keys.Where(n => !current.Any(s => string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase)) || stages.Any(s => string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            errors[$"moveLeads.{name}"] = $"moveLeads names '{name}', which is not a stage being removed.";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        await WriteAsync(stages, cancellationToken);
        foreach (var (from, to) in moves)
        {
            if (await MoveLeadsAsync(from, to.Name, cancellationToken) is { } failure)
            {
                return failure;
            }
        }
        return Result.Done<IReadOnlyList<PipelineStage>>(stages);
    }

    /// <summary>Writes the default stages (the module's <c>leads-pipeline</c> recipe) when the tenant has none: the first time the feature is enabled.</summary>
    public async Task EnsureDefaultsAsync(CancellationToken cancellationToken)
    {
        if ((await ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }
        await using var stream = typeof(PipelineStageService).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"The resource {DefaultsResource} is missing from the Leads module.");
        var recipe = await JsonNode.ParseAsync(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }, cancellationToken: cancellationToken);
        var step = recipe?["steps"]?.AsArray().OfType<JsonObject>().FirstOrDefault(s => s["name"]?.GetValue<string>() == StepName);
        var errors = new Dictionary<string, string>();
        var stages = PipelineStageRules.Validate(LeadJson.Read<List<PipelineStageInput?>>(step?["stages"], "stages", errors), "stages", errors)
            ?? throw new InvalidOperationException($"The default stages in {DefaultsResource} are not valid: {string.Join(" ", errors.Values)}");
        await WriteAsync(stages, cancellationToken);
    }

    private async Task ChangingAsync(CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(Kind, cancellationToken);
        _stages = null;
    }

    private async Task WriteAsync(IReadOnlyList<PipelineStage> stages, CancellationToken cancellationToken)
    {
        await configuration.InvalidateAsync(Kind, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM lead_stages", null, cancellationToken);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            await unitOfWork.ExecuteAsync(
                "INSERT INTO lead_stages (name_key, name, position, probability, is_won, is_lost) VALUES (@key, @name, @position, @probability, @won, @lost)",
                new { key = stage.Name.ToLowerInvariant(), name = stage.Name, position = i, probability = stage.Probability, won = stage.IsWon, lost = stage.IsLost },
                cancellationToken);
        }
        _stages = stages;
    }

    private async Task<Result<IReadOnlyList<PipelineStage>>?> MoveLeadsAsync(string from, string to, CancellationToken cancellationToken)
    {
        foreach (var lead in await index.InStageAsync(from, cancellationToken))
        {
            var stored = await content.GetAsync(lead.ContentType, lead.ContentItemId, cancellationToken);
            if (stored.Value is null)
            {
                return stored.Failure!;
            }
            var item = stored.Value.Item.Clone();
            LeadPartValues.SetText(item.GetOrCreatePart(LeadPartValues.PartName), LeadPartValues.Stage, to);
            var updated = await content.UpdateAsync(lead.ContentType, lead.ContentItemId, item, stored.Value.Revision, cancellationToken);
            if (updated.Value is null)
            {
                return updated.Failure!;
            }
        }
        return null;
    }
}
