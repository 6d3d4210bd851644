namespace ErpCrm.Tenants;

/// <summary>
/// A kind of tenant configuration that <see cref="ITenantConfigurationCache"/> keeps: its name, which keys its serial in the
/// tenant database. Declare one per kind, once, as a static field of the service that owns it; keep the name stable across
/// releases (it is stored), and prefix it with the module, e.g. <c>"Leads.PipelineStages"</c>.
/// </summary>
public abstract class ConfigurationKind
{
    private protected ConfigurationKind(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A configuration kind's name has at most {MaxNameLength} characters.", nameof(name));
        }
        Name = name;
    }

    /// <summary>The longest name the serials table holds.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The stable name of the kind.</summary>
    public string Name { get; }

    /// <summary>The kind's name.</summary>
    public override string ToString() => Name;
}

/// <summary>A kind of tenant configuration whose cached value is a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">
/// The value, shared by every request of the tenant on this node: it must be immutable (records, read-only collections such as
/// <c>FrozenDictionary</c> or <c>List.AsReadOnly()</c>), or every reader must copy what it could change.
/// </typeparam>
public sealed class ConfigurationKind<T>(string name) : ConfigurationKind(name) where T : class;

/// <summary>
/// The current tenant's configuration — content definitions, pipeline stages, ledger settings, journals, accounts — read once
/// and kept per tenant on each node, so that hot paths (creating an item, capturing a lead, posting an entry) read none of it
/// from the database. Each kind has a serial in the tenant database; a change bumps it in its own transaction, so:
/// <list type="bullet">
/// <item>a committed change is seen by the next request on this node, and by other nodes and processes within
/// <c>ErpCrm:StateRecheckInterval</c> (a second): each node checks the serials of a tenant with one small query at most that
/// often, for all kinds at once;</item>
/// <item>a change rolled back changes no serial and leaves the cache as it was; while a unit of work has changed a kind, its own
/// reads of that kind bypass the cache (they see its uncommitted change) and store nothing;</item>
/// <item>a value is stored under the serial read before it was loaded, so a change committed while another request loads is
/// never hidden: the next check finds the newer serial and loads again.</item>
/// </list>
/// Enabling or disabling a feature (which may run migrations that write configuration) invalidates every kind of the tenant.
/// </summary>
public interface ITenantConfigurationCache
{
    /// <summary>
    /// The cached value of <paramref name="kind"/> for the current tenant, or what <paramref name="load"/> reads (through the
    /// scope's <c>IUnitOfWork</c>) when there is none or it is out of date. The value is shared: do not change it.
    /// </summary>
    ValueTask<T> GetAsync<T>(ConfigurationKind<T> kind, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken) where T : class;

    /// <summary>
    /// Records that the current unit of work changes <paramref name="kind"/>: bumps its serial inside the unit of work's
    /// transaction (beginning it), so the change and the invalidation commit or roll back together. Call it before the change's
    /// first write; once per kind and transaction is enough (later calls send nothing).
    /// </summary>
    Task InvalidateAsync(ConfigurationKind kind, CancellationToken cancellationToken);
}
