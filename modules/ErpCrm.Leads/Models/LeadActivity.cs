namespace ErpCrm.Leads.Models;

/// <summary>What a scheduled activity is (Odoo's activity types): a call, an email, a meeting or a task.</summary>
public static class LeadActivityKinds
{
    public const string Call = "call";
    public const string Email = "email";
    public const string Meeting = "meeting";
    public const string Task = "task";

    public static readonly IReadOnlyList<string> All = [Call, Email, Meeting, Task];
}

/// <summary>Where an activity stands against the tenant's today.</summary>
public static class LeadActivityDue
{
    public const string Overdue = "overdue";
    public const string Today = "today";
    public const string Upcoming = "upcoming";
    public const string Done = "done";

    /// <summary>The states a "my activities" list filters by (open activities only).</summary>
    public static readonly IReadOnlyList<string> Open = [Overdue, Today, Upcoming];

    public static string Of(DateOnly dueDate, DateOnly today, bool done) =>
        done ? Done : dueDate < today ? Overdue : dueDate == today ? Today : Upcoming;
}

/// <summary>An activity to schedule on a lead. <paramref name="AssignedTo"/> is a user name; the lead's owner (else the caller) when empty.</summary>
/// <param name="Kind">One of <see cref="LeadActivityKinds.All"/>.</param>
/// <param name="Subject">1 to <see cref="LeadActivityLimits.MaxSubjectLength"/> characters.</param>
/// <param name="Notes">At most <see cref="LeadActivityLimits.MaxNotesLength"/> characters.</param>
/// <param name="DueDate">The day it is due, yyyy-MM-dd (required).</param>
/// <param name="AssignedTo">The user name of an enabled user, or empty.</param>
public sealed record LeadActivityInput(string? Kind, string? Subject, string? Notes, string? DueDate, string? AssignedTo);

/// <summary>A scheduled activity on a lead, as the API answers it and the pages show it.</summary>
public sealed record LeadActivity
{
    public long Id { get; init; }
    public string LeadId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Subject { get; init; } = "";
    public string? Notes { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string DueDate { get; init; } = "";
    /// <summary>One of <see cref="LeadActivityDue"/>, against the tenant's today when it was read.</summary>
    public string Due { get; init; } = "";
    public string? AssignedToId { get; init; }
    /// <summary>The assigned user's display name, when the user exists.</summary>
    public string? AssignedTo { get; init; }
    public bool Done => DoneUtc is not null;
    public string? DoneUtc { get; init; }
    /// <summary>The id of the user who marked it done.</summary>
    public string? DoneById { get; init; }
    public string CreatedUtc { get; init; } = "";
    public string? CreatedById { get; init; }
    /// <summary>The lead's display text (filled in "my activities").</summary>
    public string? LeadName { get; init; }
}

/// <summary>The explicit limits of activities.</summary>
public static class LeadActivityLimits
{
    public const int MaxSubjectLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxUserNameLength = 100;
    /// <summary>The most activities "my activities" answers at once (the oldest due first).</summary>
    public const int MaxMine = 200;
}
