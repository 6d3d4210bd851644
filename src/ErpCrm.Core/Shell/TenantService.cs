using ErpCrm.Core.Data;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Npgsql;

namespace ErpCrm.Core.Shell;

/// <summary>What is needed to register a tenant.</summary>
public sealed record TenantCreateRequest(
    string? Name,
    string? RequestUrlPrefix,
    IReadOnlyList<string> RequestUrlHosts,
    DatabaseProvider DatabaseProvider = DatabaseProvider.Sqlite,
    string? ConnectionString = null);

/// <summary>Registers tenants, checking every field first. Errors are keyed by field.</summary>
public sealed class TenantService(TenantStore store, TenantRegistry registry, TimeProvider clock)
{
    /// <summary>Prefixes the host itself answers on, which no tenant may take.</summary>
    public static readonly IReadOnlySet<string> ReservedPrefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "api", "health", "setup", "admin", "login", "logout", "lib", "css", "js", "plugins" };

    public async Task<(TenantInfo? Tenant, Dictionary<string, string> Errors)> CreateAsync(TenantCreateRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var existing = await registry.GetAllAsync(cancellationToken);
        var name = request.Name?.Trim() ?? "";
        var isDefault = string.Equals(name, TenantInfo.DefaultName, StringComparison.OrdinalIgnoreCase);
        var prefix = string.IsNullOrWhiteSpace(request.RequestUrlPrefix) ? null : request.RequestUrlPrefix.Trim().Trim('/').ToLowerInvariant();
        var hosts = request.RequestUrlHosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).Distinct().ToList();

        if (!SqlIdentifiers.TenantName().IsMatch(name))
        {
            errors["name"] = "A tenant name starts with a letter and has up to 63 letters, digits, '-' or '_'.";
        }
        else if (existing.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["name"] = $"A tenant named '{name}' already exists.";
        }

        if (isDefault && (prefix is not null || hosts.Count > 0))
        {
            errors["prefix"] = "The Default tenant answers every request no other tenant claims; it takes no prefix or host.";
        }
        else if (!isDefault && prefix is null && hosts.Count == 0)
        {
            errors["prefix"] = "Give the tenant a URL prefix or a host name, so that requests can reach it.";
        }
        if (prefix is not null)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z0-9][a-z0-9-]{0,62}$"))
            {
                errors["prefix"] = "A URL prefix has up to 63 lower-case letters, digits or '-', and starts with a letter or digit.";
            }
            else if (ReservedPrefixes.Contains(prefix))
            {
                errors["prefix"] = $"The URL prefix '{prefix}' is used by the host itself.";
            }
            else if (existing.Any(t => string.Equals(t.RequestUrlPrefix, prefix, StringComparison.OrdinalIgnoreCase)))
            {
                errors["prefix"] = $"The URL prefix '{prefix}' is taken by another tenant.";
            }
        }
        foreach (var host in hosts)
        {
            if (Uri.CheckHostName(host.Split(':')[0]) == UriHostNameType.Unknown)
            {
                errors["host"] = $"'{host}' is not a valid host name.";
            }
            else if (existing.Any(t => t.RequestUrlHosts.Contains(host, StringComparer.OrdinalIgnoreCase)))
            {
                errors["host"] = $"The host name '{host}' is taken by another tenant.";
            }
        }
        if (CheckDatabase(request.DatabaseProvider, request.ConnectionString) is { } databaseError)
        {
            errors[databaseError.Field] = databaseError.Message;
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var tenant = new TenantInfo(name, TenantState.Uninitialized, prefix, hosts, request.DatabaseProvider,
            request.DatabaseProvider == DatabaseProvider.Postgres ? request.ConnectionString : null,
            request.DatabaseProvider == DatabaseProvider.Postgres ? SqlIdentifiers.SchemaFor(name) : null,
            clock.GetUtcNow());
        if (await store.AddAsync(tenant, cancellationToken) is not { } serial)
        {
            return (null, new Dictionary<string, string> { ["name"] = $"A tenant with the name '{name}', or its prefix or host, was just created by someone else." });
        }
        registry.Apply(tenant, serial);
        return (tenant, errors);
    }

    /// <summary>Makes sure the Default tenant is registered (not set up) so that the host can show its setup page.</summary>
    public async Task<TenantInfo> EnsureDefaultAsync(CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(TenantInfo.DefaultName, cancellationToken) is { } tenant)
        {
            return tenant;
        }
        await store.TryAddAsync(new TenantInfo(TenantInfo.DefaultName, TenantState.Uninitialized, null, [], DatabaseProvider.Sqlite, null, null, clock.GetUtcNow()), cancellationToken);
        registry.Invalidate();
        return (await registry.FindAsync(TenantInfo.DefaultName, cancellationToken))!;
    }

    /// <summary>Null when the database choice is usable, else the field and what is wrong.</summary>
    public static (string Field, string Message)? CheckDatabase(DatabaseProvider provider, string? connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(connectionString)
                ? null
                : ("connectionString", "SQLite tenants live in the data folder; a connection string is only for PostgreSQL.");
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ("connectionString", "PostgreSQL needs a connection string, e.g. 'Host=127.0.0.1;Username=erp;Password=…;Database=erp'.");
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? ("connectionString", "The PostgreSQL connection string names no Host.") : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return ("connectionString", $"The PostgreSQL connection string is not valid: {e.Message}");
        }
    }
}
