using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// Leads, stored through the kernel's content items (so definitions, admins' fields, handlers — <see cref="LeadContentHandler"/>
/// keeps the pipeline's invariants —, content permissions and the trail all apply). Invariants of the calls here:
/// - /api/leads creates Lead items only; it reads and changes any item in the lead index;
/// - moving to a stage names a stage of the pipeline; the lost stage is entered only with a reason (<see cref="MarkLostAsync"/>);
///   the won stage is how a lead is won;
/// - every change may name the revision it read; another revision changes nothing (Conflict).
/// </summary>
public sealed class LeadService(IContentItemService content, LeadIndexQueries index, PipelineStageService stages)
{
    public const int MaxLostReasonLength = 500;

    /// <summary>Stores a new lead (ContentItem JSON of type Lead; the type may be left out). Stage, score and owner follow the pipeline's rules.</summary>
    public Task<Result<StoredContentItem>> CreateAsync(ContentItem item, CancellationToken cancellationToken)
    {
        if (item.ContentType.Length > 0 && !string.Equals(item.ContentType, LeadPartValues.TypeName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult<Result<StoredContentItem>>(Result.Invalid(nameof(ContentItem.ContentType), $"A lead's ContentType is {LeadPartValues.TypeName}."));
        }
        return content.CreateAsync(LeadPartValues.TypeName, item, cancellationToken);
    }

    public async Task<Result<StoredContentItem>> GetAsync(string id, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? (await content.GetAsync(type, id, cancellationToken)).NotFoundAs(LeadResults.NotFoundMessage(id))
            : LeadResults.NotFound(id);

    public async Task<Result<StoredContentItem>> UpdateAsync(string id, ContentItem item, long? expectedRevision, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? (await content.UpdateAsync(type, id, item, expectedRevision, cancellationToken)).NotFoundAs(LeadResults.NotFoundMessage(id))
            : LeadResults.NotFound(id);

    /// <summary>A page of leads as stored items (each read through the content service, so its view permission applies).</summary>
    public async Task<(IReadOnlyList<StoredContentItem> Items, long Total)> ListAsync(LeadListRequest request, CancellationToken cancellationToken)
    {
        var (page, total) = await index.ListAsync(request, cancellationToken);
        return (await content.GetVisibleAsync(page.Select(l => (l.ContentType, l.ContentItemId)), cancellationToken), total);
    }

    /// <summary>Moves a lead to another stage (the won stage wins it; the lost stage needs <see cref="MarkLostAsync"/>). Errors keyed <c>stage</c>.</summary>
    public async Task<Result<StoredContentItem>> MoveToStageAsync(string id, string? stageName, long? expectedRevision, CancellationToken cancellationToken)
    {
        const string Field = "stage";
        if (string.IsNullOrWhiteSpace(stageName))
        {
            return Result.Invalid(Field, "stage names the stage to move the lead to.");
        }
        if (await stages.FindAsync(stageName, cancellationToken) is not { } stage)
        {
            return Result.Invalid(Field, await stages.UnknownStageMessageAsync(stageName, cancellationToken));
        }
        if (stage.IsLost)
        {
            return Result.Invalid(Field, $"Moving a lead into the lost stage '{stage.Name}' needs a reason: mark it lost with one instead (on the lead's page, or POST /api/leads/{{id}}/lost).");
        }
        return await ChangeAsync(id, expectedRevision, part => LeadPartValues.SetText(part, LeadPartValues.Stage, stage.Name), cancellationToken);
    }

    /// <summary>Moves a lead to the lost stage with a reason (required, at most <see cref="MaxLostReasonLength"/> characters). Errors keyed <c>reason</c>.</summary>
    public async Task<Result<StoredContentItem>> MarkLostAsync(string id, string? reason, long? expectedRevision, CancellationToken cancellationToken)
    {
        const string Field = "reason";
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Field, "A reason is required to mark a lead lost.");
        }
        if (reason.Trim().Length > MaxLostReasonLength)
        {
            return Result.Invalid(Field, $"The reason has at most {MaxLostReasonLength} characters.");
        }
        var lost = (await stages.ListAsync(cancellationToken)).First(s => s.IsLost);
        return await ChangeAsync(id, expectedRevision, part =>
        {
            LeadPartValues.SetText(part, LeadPartValues.Stage, lost.Name);
            LeadPartValues.SetText(part, LeadPartValues.LostReason, reason.Trim());
        }, cancellationToken);
    }

    /// <summary>Wins a lead: moves it to the pipeline's won stage. Errors keyed <c>stage</c>.</summary>
    public async Task<Result<StoredContentItem>> MarkWonAsync(string id, long? expectedRevision, CancellationToken cancellationToken) =>
        await MoveToStageAsync(id, (await stages.ListAsync(cancellationToken)).First(s => s.IsWon).Name, expectedRevision, cancellationToken);

    /// <summary>Reads the lead, changes its LeadPart and stores it, at the revision given (or the one read).</summary>
    public async Task<Result<StoredContentItem>> ChangeAsync(string id, long? expectedRevision, Action<JsonObject> change, CancellationToken cancellationToken)
    {
        var stored = await GetAsync(id, cancellationToken);
        if (stored.Value is null)
        {
            return stored;
        }
        var item = stored.Value.Item.Clone();
        change(item.GetOrCreatePart(LeadPartValues.PartName));
        return await content.UpdateAsync(item.ContentType, id, item, expectedRevision ?? stored.Value.Revision, cancellationToken);
    }
}
