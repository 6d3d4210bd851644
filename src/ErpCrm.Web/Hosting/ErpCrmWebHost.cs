using ErpCrm.Core;
using ErpCrm.Core.Hosting;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Outbox;
using ErpCrm.Core.Recipes;
using ErpCrm.Http;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Endpoints;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ErpCrm.Web.Hosting;

/// <summary>Builds the ErpCrm web application: one container for every module, tenant-aware pipeline.</summary>
public static class ErpCrmWebHost
{
    /// <summary>
    /// The largest request body the host reads (Kestrel's default, made explicit): above the largest upload an endpoint documents (a recipe
    /// file of 4 MB, which the recipe page posts again in a form field; a contacts CSV file of 5 MB) with room for their encodings. An
    /// endpoint may take less (request size limit metadata); a larger body is refused with 413 and a problem naming the limit.
    /// </summary>
    public const long MaxRequestBodyBytes = 30_000_000;

    public static WebApplication Build(HostSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = settings.HostDirectory,
            // The host's Razor Pages are found through the application's assembly, also when a test process hosts it.
            ApplicationName = typeof(ErpCrmWebHost).Assembly.GetName().Name,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }
        if (settings.CommandLineLogging)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Keys kept unencrypted in the data folder are the documented default; not worth a warning per command.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        }

        var options = new ErpCrmOptions
        {
            DataDirectory = settings.DataDirectory ?? "",
            PluginsDirectory = settings.PluginsDirectory ?? "",
            HostDatabaseProvider = settings.HostDatabaseProvider,
            HostConnectionString = settings.HostConnectionString,
        };
        BindSettings(builder.Configuration.GetSection(ErpCrmOptions.Section), options);
        options.ApplyDefaults(settings.HostDirectory);
        Directory.CreateDirectory(options.DataDirectory);

        var catalog = ModuleDiscovery.BuildCatalog(settings.HostDirectory, options.PluginsDirectory);
        options.RecipeDirectories.AddRange(RecipeLocator.ModuleFolders(catalog).Where(d => !options.RecipeDirectories.Contains(d)));
        var startups = builder.Services.AddErpCrmKernel(options, catalog);
        if (settings.TimeProvider is { } clock)
        {
            // Registered after the kernel's system clock, so that it is the one resolved.
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddErpCrmAdmin(catalog);
        // Ahead of the default writer, so that it is asked first.
        builder.Services.AddSingleton<IProblemDetailsWriter, NotFoundPage>();
        builder.Services.AddSingleton<IProblemDetailsWriter, RefusedFormPage>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = UnreadableRequest.Explain);
        builder.Services.Configure<ExceptionHandlerOptions>(UnreadableRequest.AnswerWithItsStatus);
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader.Name;
            // SecurityHeadersMiddleware sends DENY on every answer; the antiforgery's own SAMEORIGIN would be weaker.
            o.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.AddDataProtection()
            .SetApplicationName("ErpCrm")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "DataProtection-Keys")));
        builder.Services.AddSingleton<HostReadiness>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HostReadiness>());
        builder.Services.AddHostedService<IdleTenantSweeper>();
        if (settings.RunBackgroundWork)
        {
            builder.Services.AddHostedService<OutboxWorker>();
        }

        var app = builder.Build();
        // First, so that every answer carries the security headers: errors, static files and 404s included.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // An unexpected failure answers a problem document without internals; the log has the details.
        app.UseExceptionHandler();
        // ASP.NET Core's UseStatusCodePages, without writing to every request's items (see StatusCodeBodyMiddleware).
        app.UseMiddleware<StatusCodeBodyMiddleware>();
        app.MapHealth();
        // Static files answer before the tenant is known (the setup page needs them too) and again after it is, so
        // that ~/lib/... works under a tenant's URL prefix; either way before the feature gate's 404 for no endpoint.
        // Only asset folders are looked up, so that API and page requests cost no file-system probe.
        app.UseWhen(context => IsAssetPath(context.Request.Path), assets => assets.UseStaticFiles());
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseWhen(context => IsAssetPath(context.Request.Path), assets => assets.UseStaticFiles());
        app.UseRouting();
        app.UseMiddleware<FeatureGateMiddleware>();
        // A request that carries no credential (neither a cookie nor an Authorization header) has nothing to authenticate: every
        // scheme answers "no result" for it and the user stays anonymous, so it skips the handlers (created per request) altogether.
        // The authorization middleware still holds it to its endpoint's policy and challenges it as before. The flag tells the host
        // that authentication is in the pipeline (as UseAuthentication on the app itself would), or it would add it again in front,
        // before the tenant is known.
        app.UseWhen(CarriesCredentials, signedIn => signedIn.UseAuthentication());
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseMiddleware<CurrentActorMiddleware>();
        // An endpoint open to anonymous callers with no authorization data of its own (EndpointTraits.AnonymousOnly), asked without a
        // credential, has nothing to authorize: the middleware would build its policy evaluator (a handful of services per request),
        // find the anonymous user unauthenticated and go on, neither challenging nor refusing. Every other request goes through it.
        // As for authentication, the flag tells the host that authorization is in the pipeline.
        app.UseWhen(NeedsAuthorization, authorized => authorized.UseAuthorization());
        ((IApplicationBuilder)app).Properties[AuthorizationMiddlewareSetKey] = true;
        // Every POST, PUT, PATCH and DELETE a sign-in cookie authenticates must carry the antiforgery token, API included.
        app.UseMiddleware<CookieForgeryMiddleware>();
        // Only where it checks something (a form post to an endpoint that asks for it): elsewhere it only noted in the request's items
        // that it ran, which nothing reads there.
        app.UseWhen(context => context.GetEndpoint() is { } endpoint && EndpointTraits.Of(endpoint).ValidatesAntiforgery, forms => forms.UseAntiforgery());
        app.UseMiddleware<RequestTextMiddleware>();

        app.MapRazorPages();
        app.MapFeaturesApi();
        app.MapMeApi();
        app.MapTokensApi();
        app.MapUsersApi();
        app.MapRolesApi();
        app.MapPermissionsApi();
        app.MapDomainEventsApi();
        app.MapAuditApi();
        app.MapContentDefinitionsApi();
        app.MapContentApi();
        app.MapRecipesApi();
        ModuleRegistration.MapModuleEndpoints(app, startups, group => group.AddEndpointFilter(UnitOfWorkFilter.Instance));
        return app;
    }

    /// <summary>
    /// Binds the host's settings. A value that does not read as its setting's type (<c>ErpCrm__IdleReleaseAfter=abc</c>) is the
    /// operator's to fix, like a value out of range: the same <see cref="OptionsValidationException"/>, naming the setting and the value.
    /// </summary>
    private static void BindSettings(IConfigurationSection section, ErpCrmOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e) when (e.InnerException is FormatException or OverflowException or ArgumentException)
        {
            throw new OptionsValidationException(ErpCrmOptions.Section, typeof(ErpCrmOptions),
                [$"{e.Message.TrimEnd('.')}: {e.GetBaseException().Message}"]);
        }
    }

    /// <summary>The key ASP.NET Core's UseAuthentication sets in the application's properties, which WebApplication reads.</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>The key ASP.NET Core's UseAuthorization sets in the application's properties, which WebApplication reads.</summary>
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    private static bool CarriesCredentials(HttpContext context) =>
        context.Request.Headers.Cookie.Count > 0 || context.Request.Headers.Authorization.Count > 0;

    private static bool NeedsAuthorization(HttpContext context) =>
        CarriesCredentials(context) || context.GetEndpoint() is not { } endpoint || !EndpointTraits.Of(endpoint).AnonymousOnly;

    /// <summary>The folders of wwwroot (the host's own, and <c>_content/</c> of modules' Razor Class Libraries).</summary>
    private static readonly string[] AssetFolders = ["/lib", "/css", "/js", "/img", "/_content"];

    private static bool IsAssetPath(PathString path)
    {
        // A loop, not LINQ: every request asks, twice.
        foreach (var folder in AssetFolders)
        {
            if (path.StartsWithSegments(folder))
            {
                return true;
            }
        }
        return false;
    }
}
