using ErpCrm.Http;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace ErpCrm.OpenApi;

/// <summary>
/// One OpenAPI document per tenant view: the endpoints whose features are off for the requesting tenant are
/// left out, so that the reference shows what the tenant can call.
/// </summary>
public sealed class Startup : StartupBase
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/api/openapi/{documentName}.json";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddAdminMenu<AdminMenu>();
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ErpCrm API";
                document.Info.Description = "Authenticate with 'Authorization: Bearer <token>' (create one with 'tokens create --user U').";
                return Task.CompletedTask;
            });
        });
        services.AddOptions<OpenApiOptions>(DocumentName).Configure<IHttpContextAccessor>((options, http) =>
            options.ShouldInclude = description =>
            {
                var features = description.ActionDescriptor.EndpointMetadata.OfType<RequiresFeaturesMetadata>().SelectMany(m => m.FeatureIds);
                var enabled = http.HttpContext?.RequestServices.GetService<ITenantFeatures>();
                return enabled is not null && features.All(enabled.IsEnabled);
            });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentRoute).AllowAnonymous();
        // Scalar's page starts its app with an inline script: it gets the request's nonce. Its app injects its styles at run
        // time, which the host's policy allows only for this page; its fonts are the host's (no font CDN in a closed network).
        endpoints.MapScalarApiReference("/api/docs", (options, http) => options
                .WithTitle("ErpCrm API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .DisableDefaultFonts()
                .WithNonce(ContentSecurityPolicy.ScriptNonce(http)))
            .AllowContentSources("style-src", "'unsafe-inline'")
            .AllowAnonymous();
    }
}
