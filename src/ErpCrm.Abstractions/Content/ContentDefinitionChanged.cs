using ErpCrm.Data;

namespace ErpCrm.Content;

/// <summary>
/// Raised inside the unit of work when content definitions change: the types named were created, changed, deleted, or
/// attach a part that changed. Handle it to keep derived data (search indexes, caches) in step.
/// </summary>
/// <param name="ContentTypes">The names of the types concerned.</param>
public sealed record ContentDefinitionChanged(IReadOnlyList<string> ContentTypes) : IDomainEvent;
