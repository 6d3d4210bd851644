using ErpCrm.Data;

namespace ErpCrm.Leads.Models;

/// <summary>A lead was created (by the API, a capture form, an admin page or a recipe), raised inside its unit of work.</summary>
/// <param name="LeadId">The lead's content item id.</param>
/// <param name="Stage">The stage it starts in.</param>
/// <param name="OwnerId">The user it was assigned to, or null.</param>
/// <param name="Source">Where it came from, or null.</param>
/// <param name="Score">Its score from the scoring rules.</param>
public sealed record LeadCreated(string LeadId, string Stage, string? OwnerId, string? Source, long Score) : IDomainEvent;

/// <summary>A lead moved from one stage to another (including into the won or lost stage).</summary>
public sealed record LeadStageChanged(string LeadId, string From, string To) : IDomainEvent;

/// <summary>A lead was converted to contacts: the company and/or person it became (ids of Company and Person items).</summary>
public sealed record LeadConverted(string LeadId, string? CompanyId, string? PersonId) : IDomainEvent;

/// <summary>A lead was won: it reached a won stage (raised after <see cref="LeadStageChanged"/>, or at creation in a won stage).</summary>
public sealed record LeadWon(string LeadId, string Stage) : IDomainEvent;

/// <summary>A lead was lost, for this reason.</summary>
public sealed record LeadLost(string LeadId, string Reason) : IDomainEvent;
