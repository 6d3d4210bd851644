namespace ErpCrm.Tenants;

/// <summary>The tenant (company) the current request or command runs for.</summary>
public interface ITenantContext
{
    /// <summary>The tenant's unique name; <c>Default</c> for the default tenant.</summary>
    string Name { get; }

    /// <summary>True for the Default tenant, which also administers the others.</summary>
    bool IsDefault { get; }

    /// <summary>The URL prefix the tenant is served under (without slashes), or null.</summary>
    string? RequestUrlPrefix { get; }
}
