using ErpCrm.Data;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Tenants;

/// <summary>The life of a tenant.</summary>
public enum TenantState
{
    /// <summary>Registered; its setup has not run. The Default tenant shows the setup page; others answer 404.</summary>
    Uninitialized,
    /// <summary>Setup is running.</summary>
    Initializing,
    /// <summary>Serving requests.</summary>
    Running,
    /// <summary>Switched off by the host admin; answers 404, keeps its data.</summary>
    Disabled,
}

/// <summary>A tenant (company) as the host database lists it.</summary>
public sealed record TenantInfo(
    string Name,
    TenantState State,
    string? RequestUrlPrefix,
    IReadOnlyList<string> RequestUrlHosts,
    DatabaseProvider DatabaseProvider,
    string? ConnectionString,
    string? Schema,
    DateTimeOffset CreatedUtc) : ITenantContext
{
    public const string DefaultName = "Default";

    public bool IsDefault => string.Equals(Name, DefaultName, StringComparison.OrdinalIgnoreCase);
}
