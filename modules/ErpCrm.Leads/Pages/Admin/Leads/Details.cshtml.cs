using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Money;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// A lead's page: its details, a stage bar to move it, and the actions of <see cref="LeadService"/> and
/// <see cref="LeadConversionService"/> — convert (then links to the contacts it became), mark lost (with a reason), mark won —
/// each posted with the revision the page showed, so a change made meanwhile is refused (409) rather than overwritten. Its
/// history, the messages visitors sent about it through the capture form since, and the activities section another module fills in. An unknown lead answers a 404 page.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ViewLeadsName)]
public sealed class DetailsModel(LeadService leads, LeadConversionService conversion, PipelineStageService stages, LeadHistory history,
    LeadMessages messages, ContactService contacts, IMoneyFormat money, IUserDirectory users) : LeadPageModel(users)
{
    public const string StaleMessage = "This lead was changed by someone else since you opened it, so nothing was changed. The page now shows it as it is: try again if you still want to.";

    [BindProperty(Name = "id", SupportsGet = true)] public string Id { get; set; } = "";

    /// <summary>The reason typed into the lost form, kept when it is refused.</summary>
    [BindProperty(Name = "reason")] public string? Reason { get; set; }

    public LeadCard? Lead { get; private set; }
    public ContentItem? Item { get; private set; }
    public IReadOnlyList<PipelineStage> Stages { get; private set; } = [];
    public IReadOnlyList<LeadHistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<LeadMessage> Messages { get; private set; } = [];

    /// <summary>The contacts the lead became: id and name.</summary>
    public (string Id, string Name)? Company { get; private set; }
    public (string Id, string Name)? Person { get; private set; }

    /// <summary>Why the last action was refused (above the page), and errors of the lost form's reason.</summary>
    public string? Problem { get; private set; }
    public string? ReasonError { get; private set; }

    /// <summary>The names of the contacts the history names, by id ("(deleted)" for one that is gone or that the user may not view).</summary>
    public IReadOnlyDictionary<string, string> ContactNames { get; private set; } = new Dictionary<string, string>();

    public const string Deleted = "(deleted)";

    /// <summary>A user the history names, by display name; one the directory no longer knows is "(deleted)", never its id.</summary>
    public string UserNameOf(string id) => Users.FirstOrDefault(u => u.Id == id)?.DisplayName ?? Deleted;

    public string ContactNameOf(string id) => ContactNames.TryGetValue(id, out var name) ? name : Deleted;

    public string? Field(string name) => LeadPartValues.Text(Item?.Part(LeadPartValues.PartName), name);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(StatusCodes.Status200OK, ct);

    public Task<IActionResult> OnPostStageAsync([FromForm] string? stage, [FromForm] long? revision, CancellationToken ct) =>
        ChangeAsync(() => leads.MoveToStageAsync(Id, stage, revision, ct), ct);

    public Task<IActionResult> OnPostWonAsync([FromForm] long? revision, CancellationToken ct) =>
        ChangeAsync(() => leads.MarkWonAsync(Id, revision, ct), ct);

    public Task<IActionResult> OnPostLostAsync([FromForm] long? revision, CancellationToken ct) =>
        ChangeAsync(() => leads.MarkLostAsync(Id, Reason, revision, ct), ct);

    /// <summary>Converting is idempotent and reads the lead itself, so it names no revision.</summary>
    public async Task<IActionResult> OnPostConvertAsync(CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLeadsName))
        {
            return Forbid();
        }
        var converted = await conversion.ConvertAsync(Id, ct);
        return converted.Value is not null ? Redirect(Url.Content("~" + LeadAdminUrls.Details(Id))) : await RefusedAsync(converted, ct);
    }

    private async Task<IActionResult> ChangeAsync(Func<Task<Result<StoredContentItem>>> change, CancellationToken ct)
    {
        if (!await MayAsync(Permissions.ManageLeadsName))
        {
            return Forbid();
        }
        var changed = await change();
        // Post, redirect, get: a reload does not post the action again.
        return changed.Value is not null ? Redirect(Url.Content("~" + LeadAdminUrls.Details(Id))) : await RefusedAsync(changed, ct);
    }

    private async Task<IActionResult> RefusedAsync<T>(Result<T> refused, CancellationToken ct)
    {
        if (refused.Status == ResultStatus.Forbidden)
        {
            return Forbid();
        }
        if (refused.Errors.TryGetValue("reason", out var reason))
        {
            ReasonError = reason;
        }
        else
        {
            Problem = refused.Status == ResultStatus.Conflict && refused.Errors.Count == 0 ? StaleMessage : string.Join(" ", refused.Errors.Values.DefaultIfEmpty(refused.Detail));
        }
        return await ShowAsync(ApiResults.StatusCode(refused.Status), ct);
    }

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        await LoadUsersAsync(ct);
        var found = await leads.GetAsync(Id, ct);
        if (found.Value is not { } stored)
        {
            // A page of its own rather than the generic one: it says what is missing and leads back to the pipeline.
            return found.Status == ResultStatus.Forbidden ? Forbid() : new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }
        Item = stored.Item;
        Lead = LeadCard.Of(stored, money);
        Stages = await stages.ListAsync(ct);
        History = await history.ListAsync(Id, ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var contact in History.SelectMany(h => new[] { h.CompanyId, h.PersonId }).OfType<string>().Distinct())
        {
            names[contact] = (await contacts.GetAsync(contact, ct)).Value?.Item.DisplayText ?? Deleted;
        }
        ContactNames = names;
        Messages = await messages.ListAsync(Id, ct);
        var part = stored.Item.Part(LeadPartValues.PartName);
        Company = await ContactAsync(LeadPartValues.FirstId(part, LeadPartValues.ConvertedCompany), ct);
        Person = await ContactAsync(LeadPartValues.FirstId(part, LeadPartValues.ConvertedPerson), ct);
        return new PageResult { StatusCode = status };
    }

    private async Task<(string, string)?> ContactAsync(string? id, CancellationToken ct) =>
        id is null ? null : (id, (await contacts.GetAsync(id, ct)).Value?.Item.DisplayText ?? Deleted);
}
