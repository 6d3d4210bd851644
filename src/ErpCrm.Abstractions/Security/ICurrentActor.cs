namespace ErpCrm.Security;

/// <summary>What kind of caller acts in a unit of work.</summary>
public enum ActorKind
{
    /// <summary>Nobody signed in: a visitor of a public endpoint. Holds no permission.</summary>
    Anonymous,

    /// <summary>A signed-in user of the tenant (in a request, or a recipe, import or job that user started). Holds what their roles grant.</summary>
    User,

    /// <summary>
    /// The platform itself: setup, the command line, background work nobody started, or a public endpoint inside
    /// <see cref="ISystemAccess.Begin"/>. Holds every permission.
    /// </summary>
    System,
}

/// <summary>Who acts: the kind of caller, and the user when there is one.</summary>
/// <param name="Kind">Anonymous, a user, or the system.</param>
/// <param name="UserId">The user's id (<see cref="ActorKind.User"/> only).</param>
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
}
