using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Identity;

/// <summary>
/// <see cref="ICurrentActor"/> and <see cref="ISystemAccess"/> for one unit of work (a scope). A scope starts anonymous; the
/// request pipeline sets the signed-in user (the host's <c>CurrentActorMiddleware</c>), and a scope made for a tenant
/// outside a request (the shell's <c>TenantScopeFactory</c>) is the system unless its maker names the user it works for.
/// What the actor holds is read once per scope. The stores it reads that with are resolved only then: the pipeline sets the
/// actor of every request, and most never ask what it holds.
/// </summary>
public sealed class CurrentActor(IServiceProvider services) : ICurrentActor, ISystemAccess
{
    private UserStore? _users;
    private RoleStore? _roleStore;
    private Actor _actor = Actor.Anonymous;
    private int _systemDepth;
    private Authority? _authority;
    private IReadOnlyList<string>? _roles;

    public Actor Actor => _systemDepth > 0 ? Actor.System : _actor;

    public bool IsActive => _systemDepth > 0;

    /// <summary>Whether the actor is the system (which holds everything).</summary>
    public bool IsSystem => Actor.Kind == ActorKind.System;

    /// <summary>Sets who acts for the rest of the scope (the request pipeline, a recipe run, background work).</summary>
    public void Set(Actor actor)
    {
        _actor = actor;
        _authority = null;
        _roles = null;
    }

    public IDisposable Begin()
    {
        _systemDepth++;
        return new SystemScope(this);
    }

    public async Task<bool> HoldsAsync(string permission, CancellationToken cancellationToken) =>
        (await AuthorityAsync(cancellationToken)).Holds(permission);

    public async Task<IReadOnlyList<string>> RolesAsync(CancellationToken cancellationToken) =>
        Actor is { Kind: ActorKind.User, UserId: { } userId }
            ? _roles ??= await Users.RolesOfAsync(userId, cancellationToken)
            : [];

    /// <summary>
    /// What the actor holds: everything for the system, nothing for an anonymous caller or a user who is disabled or gone,
    /// else what the user's roles grant.
    /// </summary>
    public async Task<Authority> AuthorityAsync(CancellationToken cancellationToken)
    {
        var actor = Actor;
        if (actor.Kind == ActorKind.System)
        {
            return Authority.Everything;
        }
        if (actor.UserId is not { } userId)
        {
            return Authority.Nothing;
        }
        if (_authority is null)
        {
            var user = await Users.FindByIdAsync(userId, cancellationToken);
            _authority = user is { Enabled: true }
                ? Authority.Of(await RolesAsync(cancellationToken), await RoleDefinitions.ListAsync(cancellationToken))
                : Authority.Nothing;
        }
        return _authority;
    }

    private UserStore Users => _users ??= services.GetRequiredService<UserStore>();

    private RoleStore RoleDefinitions => _roleStore ??= services.GetRequiredService<RoleStore>();

    private sealed class SystemScope(CurrentActor owner) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner._systemDepth--;
            }
        }
    }
}
