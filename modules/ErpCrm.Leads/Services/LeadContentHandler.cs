using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// Keeps every item with a LeadPart consistent with the pipeline, whoever stores it (the API, capture, an admin page, a recipe):
/// - it names someone to reach: a contact name or an email (else refused at LeadPart.ContactName);
/// - its stage is a stage of the pipeline (spelled as the pipeline spells it); a new lead without one starts in the first open stage;
/// - its Status is the stage's (Open, Won, Lost) and ClosedUtc when it entered the won or lost stage (cleared when reopened);
/// - in the lost stage it has a lost reason;
/// - its probability is the stage's when it is new or changes stage, unless the same save sets one;
/// - a new lead's score is computed by the scoring rules, and its owner by the assignment rules unless the save names one;
/// - it raises <see cref="LeadCreated"/>, <see cref="LeadStageChanged"/> and <see cref="LeadLost"/> inside the unit of work.
/// </summary>
public sealed class LeadContentHandler(PipelineStageService stages, LeadRuleService rules, IUnitOfWork unitOfWork, TimeProvider clock) : IContentHandler
{
    private static readonly string StagePath = $"{LeadPartValues.PartName}.{LeadPartValues.Stage}";

    /// <summary>Where a lead without anyone to reach is refused, on every path (the API, the forms, a recipe).</summary>
    public static readonly string ContactNamePath = $"{LeadPartValues.PartName}.{LeadPartValues.ContactName}";

    /// <summary>What a lead without a contact name or an email is told, on every path.</summary>
    public const string NeedsContactMessage = "A lead needs a contact name or an email.";

    public async Task CreatingAsync(ContentContext context)
    {
        if (LeadPart(context) is not { } part)
        {
            return;
        }
        RequireContact(context, part);
        var ct = context.CancellationToken;
        if (await StageAsync(context, part) is not { } stage)
        {
            return;
        }
        if (LeadPartValues.Number(part, LeadPartValues.Probability) is null)
        {
            LeadPartValues.SetNumber(part, LeadPartValues.Probability, stage.Probability);
        }
        LeadPartValues.SetNumber(part, LeadPartValues.Score, await rules.ScoreAsync(context.Item, ct));
        if (LeadPartValues.OwnerOf(part) is null && await rules.AssignAsync(context.Item, ct) is { } owner)
        {
            LeadPartValues.SetIds(part, LeadPartValues.Owner, owner, "UserIds");
        }
        if (string.IsNullOrWhiteSpace(context.Item.DisplayText))
        {
            context.Item.DisplayText = LeadPartValues.Text(part, LeadPartValues.ContactName) ?? LeadPartValues.Text(part, LeadPartValues.CompanyName)
                ?? LeadPartValues.EmailOf(part) ?? "Lead";
        }
    }

    public async Task UpdatingAsync(ContentContext context)
    {
        if (LeadPart(context) is not { } part)
        {
            return;
        }
        RequireContact(context, part);
        if (await StageAsync(context, part) is not { } stage)
        {
            return;
        }
        var previous = context.Previous?.Part(LeadPartValues.PartName);
        var moved = !string.Equals(LeadPartValues.Text(previous, LeadPartValues.Stage), stage.Name, StringComparison.Ordinal);
        var probabilityChanged = !JsonNode.DeepEquals(previous?[LeadPartValues.Probability], part[LeadPartValues.Probability]);
        if (moved && !probabilityChanged || LeadPartValues.Number(part, LeadPartValues.Probability) is null)
        {
            LeadPartValues.SetNumber(part, LeadPartValues.Probability, stage.Probability);
        }
        if (LeadPartValues.StatusOf(previous) != LeadPartValues.StatusOf(part) || LeadPartValues.ClosedUtcOf(part) is null)
        {
            return;
        }
        part[LeadPartValues.ClosedUtc] = LeadPartValues.ClosedUtcOf(previous); // the time it closed does not change while it stays closed
    }

    public async Task CreatedAsync(ContentContext context)
    {
        if (LeadPart(context) is not { } part)
        {
            return;
        }
        await unitOfWork.PublishAsync(new LeadCreated(context.Item.ContentItemId, LeadPartValues.Text(part, LeadPartValues.Stage)!,
            LeadPartValues.OwnerOf(part), LeadPartValues.Text(part, LeadPartValues.Source), (long)(LeadPartValues.Number(part, LeadPartValues.Score) ?? 0)), context.CancellationToken);
        await RaiseClosedAsync(context, null, part);
    }

    public async Task UpdatedAsync(ContentContext context)
    {
        if (LeadPart(context) is not { } part)
        {
            return;
        }
        var previous = context.Previous?.Part(LeadPartValues.PartName);
        var from = LeadPartValues.Text(previous, LeadPartValues.Stage) ?? "";
        var to = LeadPartValues.Text(part, LeadPartValues.Stage)!;
        if (!string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            await unitOfWork.PublishAsync(new LeadStageChanged(context.Item.ContentItemId, from, to), context.CancellationToken);
        }
        await RaiseClosedAsync(context, previous, part);
    }

    private async Task RaiseClosedAsync(ContentContext context, JsonObject? previous, JsonObject part)
    {
        var status = LeadPartValues.StatusOf(part);
        if (status == LeadStatus.Open || (previous is not null && LeadPartValues.StatusOf(previous) == status))
        {
            return;
        }
        if (status == LeadStatus.Won)
        {
            await unitOfWork.PublishAsync(new LeadWon(context.Item.ContentItemId, LeadPartValues.Text(part, LeadPartValues.Stage)!), context.CancellationToken);
        }
        else
        {
            await unitOfWork.PublishAsync(new LeadLost(context.Item.ContentItemId, LeadPartValues.Text(part, LeadPartValues.LostReason)!), context.CancellationToken);
        }
    }

    /// <summary>Resolves the stage, sets Status and ClosedUtc from it; null (with an error) when the stage is unknown or lost without a reason.</summary>
    private async Task<PipelineStage?> StageAsync(ContentContext context, JsonObject part)
    {
        var ct = context.CancellationToken;
        var given = LeadPartValues.Text(part, LeadPartValues.Stage);
        var stage = given is null && context.Previous is null
            ? (await stages.ListAsync(ct)).FirstOrDefault(s => s.IsOpen)
            : await stages.FindAsync(given, ct);
        if (stage is null)
        {
            context.Errors[StagePath] = given is null ? "A lead needs a stage." : await stages.UnknownStageMessageAsync(given, ct);
            return null;
        }
        if (stage.IsLost && LeadPartValues.Text(part, LeadPartValues.LostReason) is null)
        {
            context.Errors[$"{LeadPartValues.PartName}.{LeadPartValues.LostReason}"] = $"A lead in the lost stage '{stage.Name}' needs a lost reason.";
            return null;
        }
        LeadPartValues.SetText(part, LeadPartValues.Stage, stage.Name);
        var status = stage.IsWon ? LeadStatus.Won : stage.IsLost ? LeadStatus.Lost : LeadStatus.Open;
        part[LeadPartValues.Status] = status.ToString();
        part[LeadPartValues.ClosedUtc] = status == LeadStatus.Open ? null : clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return stage;
    }

    /// <summary>
    /// A lead names someone to reach: a contact name or an email. Clearing both is refused too; a lead stored without either before
    /// this rule can still move through the pipeline.
    /// </summary>
    private static void RequireContact(ContentContext context, JsonObject part)
    {
        static bool HasContact(JsonObject? lead) => LeadPartValues.Text(lead, LeadPartValues.ContactName) is not null || LeadPartValues.EmailOf(lead) is not null;
        if (!HasContact(part) && (context.Previous is null || HasContact(context.Previous.Part(LeadPartValues.PartName))))
        {
            context.Errors.TryAdd(ContactNamePath, NeedsContactMessage);
        }
    }

    private static JsonObject? LeadPart(ContentContext context) =>
        context.Type.Parts.Any(p => p.PartName == LeadPartValues.PartName) ? context.Item.GetOrCreatePart(LeadPartValues.PartName) : null;
}
