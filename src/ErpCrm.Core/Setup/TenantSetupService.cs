using ErpCrm.Core.Data;
using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Migrations;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ErpCrm.Security;

namespace ErpCrm.Core.Setup;

/// <summary>What setting up a tenant needs. The setup page and the <c>setup</c> verb both fill this.</summary>
public sealed record SetupRequest(
    string TenantName,
    string? SiteName,
    string? AdminUserName,
    string? AdminEmail,
    string? AdminPassword,
    DatabaseProvider DatabaseProvider,
    string? ConnectionString,
    string? Recipe);

/// <summary>The outcome: success, or every problem keyed by the field it concerns.</summary>
public sealed record SetupResult(IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Sets up a tenant: checks everything first, then creates its database, runs the kernel's migrations,
/// switches on the baseline features, creates the administrator and runs the recipe. A failure leaves the
/// tenant not set up, so that setup can be run again once the problem is fixed.
/// </summary>
public sealed class TenantSetupService(
    TenantRegistry registry,
    TenantStore store,
    TenantService tenants,
    TenantScopeFactory scopes,
    RecipeLocator recipes,
    ModuleCatalog catalog,
    FeatureMigrator migrator,
    RecipeExecutor executor,
    ILogger<TenantSetupService> logger)
{
    public async Task<SetupResult> SetupAsync(SetupRequest request, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var name = NameOf(request);
        var siteName = SiteNameOf(request, name);
        var (errors, recipe) = await CheckAsync(request, name, siteName);

        var tenant = await registry.FindAsync(name, cancellationToken);
        if (tenant is null && errors.Count == 0)
        {
            var (created, createErrors) = await tenants.CreateAsync(new TenantCreateRequest(name,
                string.Equals(name, TenantInfo.DefaultName, StringComparison.OrdinalIgnoreCase) ? null : name.ToLowerInvariant(), [],
                request.DatabaseProvider, request.ConnectionString), cancellationToken);
            foreach (var (field, message) in createErrors)
            {
                // The tenant's name and its derived prefix are both what --tenant named.
                errors[field is "name" or "prefix" ? "tenant" : field] = message;
            }
            tenant = created;
        }
        else if (tenant is not null && tenant.State != TenantState.Uninitialized)
        {
            errors["tenant"] = tenant.State switch
            {
                TenantState.Running => $"Tenant '{tenant.Name}' is already set up.",
                TenantState.Initializing => $"Tenant '{tenant.Name}' is being set up right now.",
                _ => $"Tenant '{tenant.Name}' is disabled.",
            };
        }
        if (errors.Count > 0 || tenant is null)
        {
            return new SetupResult(errors);
        }

        if (tenant.DatabaseProvider != request.DatabaseProvider || tenant.ConnectionString != request.ConnectionString)
        {
            var schema = request.DatabaseProvider == DatabaseProvider.Postgres ? SqlIdentifiers.SchemaFor(tenant.Name) : null;
            await store.TryUpdateDatabaseAsync(tenant.Name, request.DatabaseProvider, request.ConnectionString, schema, cancellationToken);
            registry.Invalidate();
            tenant = (await registry.FindAsync(tenant.Name, cancellationToken))!;
        }
        if (await store.ChangeStateAsync(tenant.Name, TenantState.Uninitialized, TenantState.Initializing, cancellationToken) is not { } initializing)
        {
            return new SetupResult(new Dictionary<string, string> { ["tenant"] = $"Tenant '{tenant.Name}' is being set up by someone else." });
        }
        // The cached tenant list takes each state change as written, rather than reading every tenant again (thousands, on a big host).
        registry.Apply(tenant with { State = TenantState.Initializing }, initializing);

        var next = TenantState.Uninitialized;
        long? ended = null;
        try
        {
            var result = await RunSetupAsync(tenant with { State = TenantState.Initializing }, siteName, request, recipe!, progress, cancellationToken);
            next = result.Succeeded ? TenantState.Running : TenantState.Uninitialized;
            ended = await store.ChangeStateAsync(tenant.Name, TenantState.Initializing, next, CancellationToken.None);
            return result;
        }
        catch
        {
            ended = await store.ChangeStateAsync(tenant.Name, TenantState.Initializing, TenantState.Uninitialized, CancellationToken.None);
            throw;
        }
        finally
        {
            if (ended is { } serial)
            {
                registry.Apply(tenant with { State = next }, serial);
            }
            else
            {
                registry.Invalidate();
            }
        }
    }

    /// <summary>
    /// Every problem of the request that can be told before anything is set up — the site name, the administrator, the database and
    /// the recipe (validated whole) — keyed by field; none when it can be set up. Forms call it to show every problem at once.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ValidateAsync(SetupRequest request)
    {
        var name = NameOf(request);
        return (await CheckAsync(request, name, SiteNameOf(request, name))).Errors;
    }

    private static string NameOf(SetupRequest request) => string.IsNullOrWhiteSpace(request.TenantName) ? TenantInfo.DefaultName : request.TenantName.Trim();

    private static string SiteNameOf(SetupRequest request, string tenantName) => string.IsNullOrWhiteSpace(request.SiteName) ? tenantName : request.SiteName.Trim();

    private async Task<(Dictionary<string, string> Errors, Recipe? Recipe)> CheckAsync(SetupRequest request, string name, string siteName)
    {
        var errors = new Dictionary<string, string>();
        if (siteName.Length > 200)
        {
            errors["siteName"] = "The site name is longer than 200 characters.";
        }
        else if (ControlCharacters.Error(siteName, "The site name") is { } control)
        {
            errors["siteName"] = control;
        }
        foreach (var (field, message) in UserStore.Validate(request.AdminUserName, request.AdminEmail, request.AdminPassword))
        {
            errors["admin" + char.ToUpperInvariant(field[0]) + field[1..]] = message;
        }
        if (TenantService.CheckDatabase(request.DatabaseProvider, request.ConnectionString) is { } databaseError)
        {
            errors[databaseError.Field] = databaseError.Message;
        }
        var (recipe, recipeError) = recipes.Resolve(request.Recipe ?? "");
        if (recipeError is not null)
        {
            errors["recipe"] = recipeError;
        }
        else if (recipe is not null)
        {
            // The administrator's id is not known before setup: any id checks the recipe's scripts as well.
            var validation = await executor.ValidateAsync(recipe, Parameters(request, siteName, adminUserId: 0), new HashSet<string>(), string.Equals(name, TenantInfo.DefaultName, StringComparison.OrdinalIgnoreCase), Actor.System);
            if (!validation.Succeeded)
            {
                errors["recipe"] = $"Recipe '{recipe.Name}': {string.Join("; ", validation.Errors)}";
            }
        }
        return (errors, recipe);
    }

    private async Task<SetupResult> RunSetupAsync(TenantInfo tenant, string siteName, SetupRequest request, Recipe recipe, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var database = registry.DatabaseOf(tenant);
        progress?.Report($"Creating the database of tenant '{tenant.Name}' ({tenant.DatabaseProvider})");
        try
        {
            await database.EnsureExistsAsync(cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return new SetupResult(new Dictionary<string, string> { [tenant.DatabaseProvider == DatabaseProvider.Postgres ? "connectionString" : "database"] = $"The database could not be reached: {e.Message}" });
        }
        progress?.Report("Creating the kernel's tables");
        await migrator.MigrateUpAsync(database, KernelFeatures.Kernel, catalog.MigrationsOf(KernelFeatures.Kernel), cancellationToken);

        await using var scope = await scopes.CreateAsync(tenant, cancellationToken);
        var services = scope.ServiceProvider;
        var features = services.GetRequiredService<FeatureManager>();
        var uow = services.GetRequiredService<IUnitOfWork>();

        progress?.Report("Enabling the baseline features");
        await features.EnsureBaselineAsync(cancellationToken);

        progress?.Report($"Creating the administrator '{request.AdminUserName}'");
        var users = services.GetRequiredService<UserStore>();
        await users.EnsureRoleAsync(KernelPermissions.AdministratorRole, "Holds every permission.", cancellationToken);
        var admin = await users.FindByNameAsync(request.AdminUserName!, cancellationToken)
            ?? await users.CreateAsync(request.AdminUserName!, request.AdminEmail!, request.AdminPassword!, [KernelPermissions.AdministratorRole], cancellationToken);
        await uow.ExecuteAsync(
            "INSERT INTO erp_settings (name, value) VALUES ('SiteName', @siteName) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { siteName }, cancellationToken);
        await services.GetRequiredService<AuditLog>().RecordAsync(AuditKinds.TenantSetUp, tenant.Name,
            $"Set up as '{siteName}' with recipe '{recipe.Name}', administrator '{admin!.UserName}'.", cancellationToken);
        await uow.CommitAsync(cancellationToken);

        progress?.Report($"Running recipe '{recipe.Name}'");
        var result = await executor.RunAsync(tenant, recipe, Parameters(request, siteName, admin!.Id), new SynchronousProgress<RecipeProgress>(p => progress?.Report(p.ToString())), Actor.System, cancellationToken);
        if (!result.Succeeded)
        {
            logger.LogWarning("Setup of tenant {Tenant} stopped in recipe {Recipe}: {Problems}", tenant.Name, recipe.Name, string.Join("; ", result.Errors));
            return new SetupResult(new Dictionary<string, string> { ["recipe"] = $"Recipe '{recipe.Name}': {string.Join("; ", result.Errors)}" });
        }
        progress?.Report($"Tenant '{tenant.Name}' is set up");
        return new SetupResult(new Dictionary<string, string>());
    }

    /// <summary>The setup parameters a recipe's scripts read with <c>parameters('…')</c>, as Orchard Core names them.</summary>
    private static Dictionary<string, string> Parameters(SetupRequest request, string siteName, long adminUserId) => new(StringComparer.Ordinal)
    {
        ["SiteName"] = siteName,
        ["AdminUsername"] = request.AdminUserName ?? "",
        ["AdminEmail"] = request.AdminEmail ?? "",
        ["AdminUserId"] = adminUserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
