using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// The pipeline as a kanban (<see cref="LeadBoardService"/>): a column per stage with its count and expected revenue, cards a
/// user drags to another column (js/kanban.js) or moves with the card's own "Move to" form, which works without JavaScript.
/// A move names the revision the card was drawn at, so a card someone else changed meanwhile is not moved (409); the answer
/// is the board again (htmx swaps it: totals follow, a refused card goes back) with what happened. The lost stage needs a
/// reason: a dialog on the board asks for it (the lost handler), and without JavaScript the lead's page does.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ViewLeadsName)]
public sealed class IndexModel(LeadBoardService board, LeadService leads, PipelineStageService stages, IUserDirectory users) : LeadPageModel(users)
{
    public IReadOnlyList<LeadColumn> Columns { get; private set; } = [];

    /// <summary>What the last move did (shown above the board), and whether it was refused.</summary>
    public string? Message { get; private set; }

    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return PageOrPartial("_Board", Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostMoveAsync([FromForm] string? id, [FromForm] string? stage, [FromForm] long? revision, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLeadsName))
        {
            return Forbid();
        }
        if (!IsHtmx && !string.IsNullOrWhiteSpace(id) && await stages.FindAsync(stage, ct) is { IsLost: true })
        {
            // Without JavaScript there is no reason dialog: the lead's page asks for the reason, in its "Mark lost" form.
            return Redirect(Url.Content("~" + LeadAdminUrls.Details(id)) + "#lost");
        }
        return await AnswerAsync(await leads.MoveToStageAsync(id ?? "", stage, revision, ct), ct);
    }

    /// <summary>
    /// A card dropped on the lost stage, with the reason its dialog asked for (js/kanban.js); without JavaScript the lead's
    /// page asks for the reason instead. Refused like a move: the board again, with why.
    /// </summary>
    public async Task<IActionResult> OnPostLostAsync([FromForm] string? id, [FromForm] string? reason, [FromForm] long? revision, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLeadsName))
        {
            return Forbid();
        }
        return await AnswerAsync(await leads.MarkLostAsync(id ?? "", reason, revision, ct), ct);
    }

    private async Task<IActionResult> AnswerAsync(Result<StoredContentItem> changed, CancellationToken ct)
    {
        if (changed.Value is { } stored)
        {
            if (!IsHtmx)
            {
                // Post, redirect, get: a reload does not move the card again.
                ReadQuery();
                return Redirect(Url.Content("~" + FilteredUrl(LeadAdminUrls.Board)));
            }
            Message = $"{stored.Item.DisplayText} moved to {LeadPartValues.Text(stored.Item.Part(LeadPartValues.PartName), LeadPartValues.Stage)}.";
            await LoadAsync(ct);
            return PageOrPartial("_Board", StatusCodes.Status200OK);
        }
        Refused = true;
        Message = changed.Status switch
        {
            ResultStatus.Conflict => "This lead was changed by someone else since the board was shown, so it was not moved. The board now shows it as it is: move it again if you still want to.",
            ResultStatus.NotFound => "This lead no longer exists.",
            ResultStatus.Forbidden => "You may not change this lead.",
            _ => $"The lead was not moved: {string.Join(" ", changed.Errors.Values.DefaultIfEmpty(changed.Detail))}",
        };
        await LoadAsync(ct);
        return PageOrPartial("_Board", ApiResults.StatusCode(changed.Status));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ReadQuery();
        await LoadUsersAsync(ct);
        Columns = Problems.Count > 0 ? [] : await board.BoardAsync(Query, ct);
    }
}
