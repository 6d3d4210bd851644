using ErpCrm.Content;
using ErpCrm.Core.Configuration;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Events;
using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Migrations;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Outbox;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Recipes.Steps;
using ErpCrm.Core.Setup;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Transactions;
using ErpCrm.Recipes;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
            o.SetupAnswerWithin = options.SetupAnswerWithin;
            o.IdleReleaseAfter = options.IdleReleaseAfter;
        });
        services.AddSingleton(catalog);
        var map = new ServiceFeatureMap();
        services.AddSingleton(map);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ErpCrm.Background.IBackgroundRuns, ErpCrm.Core.Background.BackgroundRuns>();

        services.AddSingleton<FeatureMigrator>();
        services.AddSingleton<HostDatabase>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<TenantSetupService>();
        services.AddSingleton<TenantUpgrader>();
        services.AddSingleton<TenantScopeFactory>();
        services.AddScoped<ITenantBackgroundWork, TenantBackgroundWork>();
        services.AddSingleton<FeatureStateCache>();
        services.AddSingleton<TenantActivity>();
        services.AddSingleton<TenantUsage>();
        services.AddSingleton<TenantConfigurationStore>();
        services.AddSingleton<RecipeLocator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxProcessor>();

        services.AddScoped<TenantAccessor>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantAccessor>().Tenant);
        services.AddScoped<ITenantFeatures, TenantFeatures>();
        // Made through a factory that tells the scope it has one: a request that never made its unit of work has none to end.
        var unitOfWork = ActivatorUtilities.CreateFactory<UnitOfWork>([typeof(TenantAccessor)]);
        services.AddScoped(sp =>
        {
            var tenant = sp.GetRequiredService<TenantAccessor>();
            var made = unitOfWork(sp, [tenant]);
            tenant.NoteUnitOfWork();
            return made;
        });
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped<ITenantConfigurationCache, TenantConfigurationCache>();
        services.AddScoped(typeof(IFeatureServices<>), typeof(FeatureServices<>));
        services.AddScoped<FeatureManager>();
        services.AddSingleton<RecipeExecutor>();
        services.AddScoped<RecipeRunContext>();
        services.AddScoped<RecipeParameters>();
        services.AddScoped<RecipeExporter>();
        services.AddScoped<SiteSettings>();
        services.AddScoped<IRecipeStep, FeatureStep>();
        services.AddScoped<IRecipeStep, ContentDefinitionStep>();
        services.AddScoped<IRecipeStep, ReplaceContentDefinitionStep>();
        services.AddScoped<IRecipeStep, DeleteContentDefinitionStep>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddScoped<IRecipeStep, SettingsStep>();
        services.AddScoped<IRecipeStep, ThemesStep>();
        services.AddScoped<IRecipeStep, RolesStep>();
        services.AddScoped<IRecipeStep, RecipesStep>();
        services.AddScoped<UserStore>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<ApiAccess>();
        services.AddScoped<RoleStore>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<ContentDefinitionChecker>();
        services.AddKernelContentTypes();
        services.AddScoped<ContentStatements>();
        services.AddScoped<ContentItemStore>();
        services.AddScoped<ContentValidator>();
        services.AddScoped<IContentReferences, ContentReferences>();
        services.AddScoped<ContentAuthorizer>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<ISystemAccess>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddSingleton<ErpCrm.Http.IIdempotencyFilter, IdempotencyFilter>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<ITenantClock, TenantClock>();
        services.AddScoped<ITenantCulture, TenantCulture>();
        services.AddSingleton<ErpCrm.Money.IMoneyFormat, ErpCrm.Core.Money.MoneyFormat>();
        services.AddScoped<ContentChangeLog>();
        services.AddScoped<ContentReferenceGuard>();
        services.AddScoped<ContentLookup>();
        services.AddScoped<ContentManager>();
        services.AddScoped<ContentImporter>();
        services.AddScoped<ContentQuery>();
        services.AddScoped<IContentItemService, ContentItemService>();
        services.AddScoped<IContentVisibility, ContentVisibility>();
        services.AddScoped<IContentDefinitionService, ContentDefinitionService>();
        services.AddScoped<IDomainEventHandler<ContentFieldIndexOutdated>, ContentFieldIndexRebuilder>();
        services.AddKernelEvents();
        services.AddSingleton<UndeclaredEventWarnings>();
        services.AddScoped<DomainEventObservation>();
        services.AddScoped<IDomainEventCatalog, DomainEventCatalog>();
        services.AddSingleton<IPermissionProvider, ContentPermissions>();
        services.AddScoped<IDynamicPermissionProvider, ContentTypePermissions>();
        services.AddScoped<UserService>();
        services.AddScoped<RoleService>();
        services.AddScoped<AuditLog>();
        services.AddScoped<SignInService>();
        services.AddSingleton<UnknownUserPasswords>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        services.AddSingleton<ErpCrm.Http.IClientRateLimiter, ClientRateLimiter>();
        services.AddScoped<PermissionCatalog>();
        services.AddScoped<PermissionDeclarations>();
        services.AddScoped<IFeatureEventHandler, PermissionStereotypes>();
        // No IHttpContextAccessor: services read the caller from ICurrentActor, never from the HTTP context (modules/README.md), and
        // the accessor would cost every request two writes of an async-local (the context set, then cleared).
        services.AddPasswordHashing();
        services.AddSingleton<IPermissionProvider, KernelPermissions>();

        // Bearer tokens for the API, a per-tenant cookie for the UI; a request is authenticated by the one it carries.
        services.AddAuthentication(SignInSchemes.Default)
            .AddPolicyScheme(SignInSchemes.Default, "Bearer token or cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "erpcrm";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                o.CookieManager = new TenantCookieManager();
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = TenantCookieEvents.Create();
            });
        services.AddAuthorization(o =>
        {
            // Every endpoint that is not marked public needs at least a signed-in user; the all-endpoints test
            // holds every one to a permission of its own.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();

        var startups = ModuleRegistration.CreateStartups(catalog);
        ModuleRegistration.ConfigureModuleServices(services, map, startups);
        services.AddSingleton(DomainEventRegistry.Build(services, map));
        return startups;
    }
}
