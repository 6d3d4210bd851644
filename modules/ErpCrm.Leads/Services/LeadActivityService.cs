using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Dates;
using ErpCrm.Leads.Models;
using ErpCrm.Security;
using ErpCrm.Tenants;

namespace ErpCrm.Leads.Services;

/// <summary>
/// Activities scheduled on leads (table <c>lead_activities</c>), as Odoo's scheduled activities. Invariants:
/// - an activity belongs to an existing lead, read through <see cref="LeadService"/> (so the lead's view permission applies);
/// - its kind is one of <see cref="LeadActivityKinds.All"/>, its subject is given, and its due date is required (a day, yyyy-MM-dd);
/// - it is assigned to an enabled user: the one named, else the lead's owner, else the caller;
/// - marking done is idempotent: a done activity keeps when and by whom it was first done;
/// - a done activity is not edited: it is the record of what was done, so it is not deleted either (Conflict);
/// - "due" (overdue, today, upcoming) is reckoned against the tenant's today (<see cref="ITenantClock"/>).
/// Every bad field is reported at once, keyed by its JSON name.
/// </summary>
public sealed class LeadActivityService(IUnitOfWork unitOfWork, LeadService leads, IUserDirectory users, ITenantClock tenantClock, TimeProvider clock, ICurrentActor actor)
{
    private const string Columns =
        "id AS Id, lead_id AS LeadId, kind AS Kind, subject AS Subject, notes AS Notes, due_date AS DueDate, assigned_to AS AssignedToId, " +
        "created_utc AS CreatedUtc, created_by AS CreatedById, done_utc AS DoneUtc, done_by AS DoneById";

    /// <summary>A lead's activities: open ones first by due date, then done ones, most recently done first.</summary>
    public async Task<Result<IReadOnlyList<LeadActivity>>> ListAsync(string leadId, CancellationToken cancellationToken)
    {
        var lead = await leads.GetAsync(leadId, cancellationToken);
        if (lead.Value is null)
        {
            return lead.Failure!;
        }
        var rows = await unitOfWork.QueryAsync<LeadActivity>(
            $"SELECT {Columns} FROM lead_activities WHERE lead_id = @leadId ORDER BY CASE WHEN done_utc IS NULL THEN 0 ELSE 1 END, due_date, done_utc DESC, id",
            new { leadId }, cancellationToken);
        return Result.Done(await CompleteAsync(rows, null, cancellationToken));
    }

    /// <summary>Schedules an activity on a lead, created by the caller (<see cref="ICurrentActor"/>).</summary>
    public async Task<Result<LeadActivity>> ScheduleAsync(string leadId, LeadActivityInput? input, CancellationToken cancellationToken)
    {
        var callerId = actor.Actor.UserKey;
        var lead = await leads.GetAsync(leadId, cancellationToken);
        if (lead.Value is null)
        {
            return lead.Failure!;
        }
        input ??= new LeadActivityInput(null, null, null, null, null);
        var errors = new Dictionary<string, string>();
        var kind = input.Kind?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(kind) || !LeadActivityKinds.All.Contains(kind))
        {
            errors["kind"] = $"kind is one of {string.Join(", ", LeadActivityKinds.All)}.";
        }
        var subject = input.Subject?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            errors["subject"] = "A subject is required.";
        }
        else if (subject.Length > LeadActivityLimits.MaxSubjectLength)
        {
            errors["subject"] = $"The subject has at most {LeadActivityLimits.MaxSubjectLength} characters.";
        }
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is { Length: > LeadActivityLimits.MaxNotesLength })
        {
            errors["notes"] = $"The notes have at most {LeadActivityLimits.MaxNotesLength} characters.";
        }
        var due = ParseDate(input.DueDate, "dueDate", "The due date", errors);
        string? assignee = null;
        if (!string.IsNullOrWhiteSpace(input.AssignedTo))
        {
            assignee = input.AssignedTo.Trim().Length <= LeadActivityLimits.MaxUserNameLength ? await users.FindEnabledUserIdAsync(input.AssignedTo, cancellationToken) : null;
            if (assignee is null)
            {
                errors["assignedTo"] = $"There is no enabled user '{input.AssignedTo.Trim()}'; leave it empty to assign the lead's owner.";
            }
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        assignee ??= LeadPartValues.OwnerOf(lead.Value.Item.Part(LeadPartValues.PartName)) ?? callerId;
        var id = await unitOfWork.ExecuteScalarAsync<long>(
            """
            INSERT INTO lead_activities (lead_id, kind, subject, notes, due_date, assigned_to, created_utc, created_by)
            VALUES (@leadId, @kind, @subject, @notes, @due, @assignee, @now, @callerId) RETURNING id
            """,
            new { leadId, kind, subject, notes, due = Text(due!.Value), assignee, now = Now(), callerId }, cancellationToken);
        return Result.Done((await FindAsync(id, cancellationToken))!);
    }

    /// <summary>Marks an activity done by the caller (<see cref="ICurrentActor"/>); one already done is answered as it is (idempotent).</summary>
    public async Task<Result<LeadActivity>> MarkDoneAsync(long activityId, CancellationToken cancellationToken)
    {
        var callerId = actor.Actor.UserKey;
        if (await FindAsync(activityId, cancellationToken) is not { } activity || (await leads.GetAsync(activity.LeadId, cancellationToken)).Value is null)
        {
            return ActivityNotFound(activityId);
        }
        if (!activity.Done)
        {
            // The condition makes two requests racing to mark it done record the first one only.
            await unitOfWork.ExecuteAsync("UPDATE lead_activities SET done_utc = @now, done_by = @callerId WHERE id = @activityId AND done_utc IS NULL",
                new { now = Now(), callerId, activityId }, cancellationToken);
            activity = (await FindAsync(activityId, cancellationToken))!;
        }
        return Result.Done(activity);
    }

    /// <summary>Deletes an open activity; a done one is kept (Conflict).</summary>
    public async Task<Result<LeadActivity>> DeleteAsync(long activityId, CancellationToken cancellationToken)
    {
        if (await FindAsync(activityId, cancellationToken) is not { } activity || (await leads.GetAsync(activity.LeadId, cancellationToken)).Value is null)
        {
            return ActivityNotFound(activityId);
        }
        if (activity.Done)
        {
            return Result.Conflict($"Activity {activityId} is done: it is the record of what was done and is not changed or deleted.");
        }
        await unitOfWork.ExecuteAsync("DELETE FROM lead_activities WHERE id = @activityId AND done_utc IS NULL", new { activityId }, cancellationToken);
        return Result.Done(activity);
    }

    /// <summary>
    /// The open activities assigned to <paramref name="userId"/>, oldest due first, optionally only those <paramref name="due"/>
    /// (one of <see cref="LeadActivityDue.Open"/>); each with its lead's name. Activities of leads the user may not view are left out.
    /// </summary>
    public async Task<(DateOnly Today, IReadOnlyList<LeadActivity> Activities)> MineAsync(string userId, string? due, CancellationToken cancellationToken)
    {
        var today = await tenantClock.GetTodayAsync(cancellationToken);
        var condition = due switch
        {
            LeadActivityDue.Overdue => " AND due_date < @today",
            LeadActivityDue.Today => " AND due_date = @today",
            LeadActivityDue.Upcoming => " AND due_date > @today",
            _ => "",
        };
        var rows = await unitOfWork.QueryAsync<LeadActivity>(
            $"SELECT {Columns} FROM lead_activities WHERE assigned_to = @userId AND done_utc IS NULL{condition} ORDER BY due_date, id LIMIT @max",
            new { userId, today = Text(today), max = LeadActivityLimits.MaxMine }, cancellationToken);
        var names = new Dictionary<string, string?>();
        foreach (var leadId in rows.Select(r => r.LeadId).Distinct())
        {
            names[leadId] = (await leads.GetAsync(leadId, cancellationToken)).Value is { } stored ? stored.Item.DisplayText ?? leadId : null;
        }
        var visible = rows.Where(r => names[r.LeadId] is not null).Select(r => r with { LeadName = names[r.LeadId] }).ToList();
        return (today, await CompleteAsync(visible, today, cancellationToken));
    }

    /// <summary>A date as yyyy-MM-dd, or null with an error keyed <paramref name="field"/> (required when <paramref name="label"/> names it).</summary>
    public static DateOnly? ParseDate(string? text, string field, string label, IDictionary<string, string> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[field] = $"{label} is required (yyyy-MM-dd).";
            }
            return null;
        }
        if (BusinessDates.TryRead(text, out var date, out var outsideRange))
        {
            return date;
        }
        errors[field] = outsideRange ? $"{label} {BusinessDates.OutsideRange}" : $"{label} '{text.Trim()}' is not a date: write it yyyy-MM-dd, e.g. 2026-03-31.";
        return null;
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<LeadActivity?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var row = await unitOfWork.QuerySingleOrDefaultAsync<LeadActivity>($"SELECT {Columns} FROM lead_activities WHERE id = @id", new { id }, cancellationToken);
        return row is null ? null : (await CompleteAsync([row], null, cancellationToken))[0];
    }

    /// <summary>Fills in what the table does not hold: where each stands against today, and the assignee's name.</summary>
    private async Task<IReadOnlyList<LeadActivity>> CompleteAsync(IReadOnlyList<LeadActivity> rows, DateOnly? today, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        var day = today ?? await tenantClock.GetTodayAsync(cancellationToken);
        var names = (await users.FindUsersAsync(rows.Select(r => r.AssignedToId).OfType<string>().Distinct().ToList(), cancellationToken))
            .ToDictionary(u => u.Id, u => u.DisplayName);
        return rows.Select(r => r with
        {
            Due = LeadActivityDue.Of(DateOnly.ParseExact(r.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), day, r.Done),
            AssignedTo = r.AssignedToId is { } id && names.TryGetValue(id, out var name) ? name : null,
        }).ToList();
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static Failure ActivityNotFound(long id) => Result.NotFound($"There is no activity {id}.");
}
