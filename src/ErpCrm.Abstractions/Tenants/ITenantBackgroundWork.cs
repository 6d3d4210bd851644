namespace ErpCrm.Tenants;

/// <summary>
/// Runs work off the request for the current tenant, on behalf of the current user: a long import goes on after the
/// response and a closed browser does not stop it halfway. The work gets a new scope bound to the tenant, whose
/// content permissions, owner and author are those of the user who started it. Its unit of work commits when the work
/// returns and rolls back when it throws. The work lives in this process only: a restart ends it, and its uncommitted
/// changes roll back with it.
/// </summary>
public interface ITenantBackgroundWork
{
    /// <summary>Starts <paramref name="work"/> and answers at once with the task of its result.</summary>
    /// <param name="work">Gets the scope's services and a token that is cancelled when the host stops.</param>
    Task<T> Start<T>(Func<IServiceProvider, CancellationToken, Task<T>> work);
}
