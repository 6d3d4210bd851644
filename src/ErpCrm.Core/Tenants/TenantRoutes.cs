namespace ErpCrm.Core.Tenants;

/// <summary>
/// The tenant list indexed by what a request names: a host name, else a URL prefix, else the Default tenant.
/// Built once per tenant list, so that resolving a request costs the same with a thousand tenants as with one.
/// Where two tenants claim the same host or prefix, the first in list order wins, as a scan of the list would.
/// </summary>
public sealed class TenantRoutes
{
    private readonly Dictionary<string, (int Order, TenantInfo Tenant)> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TenantInfo> _byPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TenantInfo>.AlternateLookup<ReadOnlySpan<char>> _byPrefixSpan;

    public TenantRoutes(IReadOnlyList<TenantInfo> tenants)
    {
        _byPrefixSpan = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < tenants.Count; i++)
        {
            var tenant = tenants[i];
            foreach (var host in tenant.RequestUrlHosts)
            {
                _byHost.TryAdd(host, (i, tenant));
            }
            // A tenant with host names answers only on them, never under its prefix.
            if (tenant.RequestUrlHosts.Count == 0 && tenant.RequestUrlPrefix is { } prefix)
            {
                _byPrefix.TryAdd(prefix, tenant);
            }
        }
        Default = tenants.FirstOrDefault(t => t.IsDefault);
    }

    /// <summary>The Default tenant, which answers what no other tenant claims.</summary>
    public TenantInfo? Default { get; }

    /// <summary>Whether any tenant claims a host name: when none does, a request's host need not be read.</summary>
    public bool HasHosts => _byHost.Count > 0;

    /// <summary>The tenant claiming <paramref name="host"/> or <paramref name="hostWithPort"/>; the earlier in list order if both are claimed.</summary>
    public TenantInfo? FindByHost(string host, string? hostWithPort)
    {
        var found = _byHost.TryGetValue(host, out var byHost);
        if (hostWithPort is not null && _byHost.TryGetValue(hostWithPort, out var byHostWithPort) && (!found || byHostWithPort.Order < byHost.Order))
        {
            return byHostWithPort.Tenant;
        }
        return found ? byHost.Tenant : null;
    }

    /// <summary>The tenant without host names whose URL prefix is <paramref name="prefix"/>.</summary>
    public TenantInfo? FindByPrefix(string prefix) => _byPrefix.GetValueOrDefault(prefix);

    /// <inheritdoc cref="FindByPrefix(string)"/>
    public TenantInfo? FindByPrefix(ReadOnlySpan<char> prefix) => _byPrefixSpan.TryGetValue(prefix, out var tenant) ? tenant : null;
}
