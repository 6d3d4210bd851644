namespace ErpCrm.Security;

/// <summary>What kind of caller acts in a unit of work.</summary>
public enum ActorKind
{
    /// <summary>Nobody signed in: a visitor of a public endpoint. Holds no permission.</summary>
    Anonymous,

    /// <summary>
    /// A signed-in user of the tenant (in a request, or a recipe, import or job that user started). Holds what their roles grant.
    /// A portal customer is a user too, whose account is linked to a contact (<see cref="Actor.ContactId"/>).
    /// </summary>
    User,

    /// <summary>
    /// The platform itself: setup, the command line, background work nobody started, the outbox delivering a message, a
    /// workflow, or a public endpoint inside <see cref="ISystemAccess.Begin"/>. Holds every permission. When it works for
    /// someone (the user who raised the event it handles), <see cref="Actor.OnBehalfOf"/> names them.
    /// </summary>
    System,
}

/// <summary>
/// Who acts: the kind of caller, and the user when there is one. The three callers of the platform are
/// <list type="bullet">
/// <item>a user — <see cref="ActorKind.User"/> with <see cref="UserId"/> and <see cref="UserName"/>; their roles through
/// <see cref="ICurrentActor.RolesAsync"/>;</item>
/// <item>a portal customer — a user whose account is linked to a contact, <see cref="ContactId"/>;</item>
/// <item>the system on behalf of someone — <see cref="ActorKind.System"/> (a workflow, a background job, the outbox), with
/// <see cref="OnBehalfOf"/> the user who started what it does, when known.</item>
/// </list>
/// The caller's id is <see cref="UserId"/>, read from <see cref="ICurrentActor.Actor"/>: there is no other way.
/// </summary>
/// <param name="Kind">Anonymous, a user, or the system.</param>
/// <param name="UserId">The user's id (<see cref="ActorKind.User"/> only: the system acting for a user has it in <see cref="OnBehalfOf"/>).</param>
/// <param name="UserName">The user's sign-in name, as audit entries and content items record it (<see cref="ActorKind.User"/> only).</param>
/// <param name="Address">Where the request came from (an IP address), when the work started with a request.</param>
public sealed record Actor(ActorKind Kind, long? UserId = null, string? UserName = null, string? Address = null)
{
    /// <summary>An anonymous visitor.</summary>
    public static readonly Actor Anonymous = new(ActorKind.Anonymous);

    /// <summary>The platform itself, which may do everything.</summary>
    public static readonly Actor System = new(ActorKind.System);

    /// <summary>A signed-in user.</summary>
    public static Actor User(long id, string userName, string? address = null) => new(ActorKind.User, id, userName, address);

    /// <summary>The system working for the user <paramref name="userId"/> (who raised the event it handles), or for nobody when null.</summary>
    public static Actor SystemFor(long? userId) => System with { OnBehalfOf = userId };

    /// <summary>A portal customer's contact: the id of the content item (a Company or Person) their account is linked to; null for other callers.</summary>
    public string? ContactId { get; init; }

    /// <summary>The user the system works for (<see cref="ActorKind.System"/> only): who raised the event or started the job, when known.</summary>
    public long? OnBehalfOf { get; init; }

    /// <summary>
    /// The id of the signed-in user who acts, for an endpoint or page that requires one (<c>RequirePermission</c>,
    /// <c>RequireAnySignedInUser</c>); throws otherwise, since reaching it without a user is a bug of the endpoint.
    /// </summary>
    public long SignedInUserId() => Kind == ActorKind.User && UserId is { } id
        ? id
        : throw new InvalidOperationException("This needs a signed-in user: require a permission or any signed-in user on the endpoint.");

    /// <summary>The user's id as text, as content items and user pickers hold it; null unless a user acts.</summary>
    public string? UserKey => UserId?.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Who acts in the current unit of work. Services read the caller here, never from the HTTP context: the request pipeline
/// sets it from the signed-in user, and work that runs outside a request (a recipe run, an import in the background, a
/// command) runs as the user who started it or as the system. Whatever path a change takes — the API, an admin page, a
/// recipe step, a CSV import — the same service asks this the same question, so each path can do exactly what its caller may.
/// </summary>
/// <example><code>
/// if (!await actor.HoldsAsync(TicketPermissions.ManageTicketsName, ct)) return Result.Forbidden("…");
/// </code></example>
public interface ICurrentActor
{
    /// <summary>Who acts. While <see cref="ISystemAccess.Begin"/> is active this is <see cref="Actor.System"/>.</summary>
    Actor Actor { get; }

    /// <summary>Whether the actor holds the permission named <paramref name="permission"/>: the system holds every one,
    /// an anonymous caller none, a user what their roles grant (an Administrator every one). Looked up once per unit of work.</summary>
    Task<bool> HoldsAsync(string permission, CancellationToken cancellationToken);

    /// <summary>The names of the roles the acting user is in (empty for the system and an anonymous caller). Looked up once per unit of work.</summary>
    Task<IReadOnlyList<string>> RolesAsync(CancellationToken cancellationToken);
}
