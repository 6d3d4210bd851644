using System.Text.RegularExpressions;

namespace ErpCrm.Core.Data;

/// <summary>Names that become parts of file paths or schema names.</summary>
public static partial class SqlIdentifiers
{
    /// <summary>Tenant names: a letter, then letters, digits, '-' or '_' (at most 63 characters).</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,62}$")]
    public static partial Regex TenantName();

    /// <summary>The PostgreSQL schema for a tenant: <c>tenant_</c> and the lower-cased name.</summary>
    public static string SchemaFor(string tenantName) => "tenant_" + tenantName.ToLowerInvariant().Replace('-', '_');
}
