using ErpCrm.Core.Data;
using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Migrations;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Outbox;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Hosting;

/// <summary>Registers the kernel and every module of the catalog in one container.</summary>
public static class KernelServices
{
    public static IReadOnlyList<LoadedStartup> AddErpCrmKernel(this IServiceCollection services, ErpCrmOptions options, ModuleCatalog catalog)
    {
        services.Configure<ErpCrmOptions>(o =>
        {
            o.DataDirectory = options.DataDirectory;
            o.PluginsDirectory = options.PluginsDirectory;
            o.RecipeDirectories = options.RecipeDirectories;
            o.HostDatabaseProvider = options.HostDatabaseProvider;
            o.HostConnectionString = options.HostConnectionString;
            o.StateRecheckInterval = options.StateRecheckInterval;
            o.OutboxSweepInterval = options.OutboxSweepInterval;
        });
        services.AddSingleton(catalog);
        var map = new ServiceFeatureMap();
        services.AddSingleton(map);
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<FeatureMigrator>();
        services.AddSingleton<HostDatabase>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<TenantSetupService>();
        services.AddSingleton<TenantScopeFactory>();
        services.AddSingleton<FeatureStateCache>();
        services.AddSingleton<RecipeLocator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxProcessor>();

        services.AddScoped<TenantAccessor>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantAccessor>().Tenant);
        services.AddScoped<ITenantFeatures, TenantFeatures>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped(typeof(IFeatureServices<>), typeof(FeatureServices<>));
        services.AddScoped<FeatureManager>();
        services.AddScoped<RecipeRunner>();
        services.AddScoped<UserStore>();
        services.AddScoped<ApiTokenService>();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<IPermissionProvider, KernelPermissions>();

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            // Every endpoint that is not marked public needs at least a signed-in user.
            o.FallbackPolicy = new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();

        var startups = ModuleRegistration.CreateStartups(catalog);
        ModuleRegistration.ConfigureModuleServices(services, map, startups);
        return startups;
    }
}
