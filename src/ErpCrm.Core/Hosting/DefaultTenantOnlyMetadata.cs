namespace ErpCrm.Core.Hosting;

/// <summary>Endpoint metadata: only the Default tenant answers this endpoint (host administration); others answer 404.</summary>
public sealed class DefaultTenantOnlyMetadata
{
    public static readonly DefaultTenantOnlyMetadata Instance = new();

    private DefaultTenantOnlyMetadata()
    {
    }
}
