using ErpCrm.Http;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ErpCrm.OpenApi;

/// <summary>
/// One OpenAPI document per tenant view: the endpoints whose features are off for the requesting tenant are left out, so that the
/// reference shows what the tenant can call. What each operation says comes from its endpoint's metadata (<see cref="ApiDocumentation"/>).
/// </summary>
public sealed class Startup : StartupBase
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/api/openapi/{documentName}.json";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddAdminMenu<AdminMenu>();
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddOperationTransformer(TenantOperations.MarkAsync);
            options.AddOperationTransformer(OperationContract.CompleteAsync);
            options.AddDocumentTransformer(TenantOperations.RemoveAsync);
            options.AddDocumentTransformer(DocumentContract.CompleteAsync);
            options.AddDocumentTransformer(UnusedSchemas.RemoveAsync);
            // A list whose items can be anything (a JsonArray) still says so: clients generate a list of any JSON.
            options.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is null)
                {
                    schema.Items = new OpenApiSchema();
                }
                return Task.CompletedTask;
            });
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentRoute).AllowAnonymous();
        // Scalar's page loads its script from this host (the package serves it next to the page) and nothing from elsewhere: no
        // fonts from a CDN, no telemetry, no AI agent, no MCP, no developer toolbar with its "Deploy" and sharing buttons, no
        // client button and no vendor link. It starts its app with an inline script, which gets the request's nonce; its app injects its styles at
        // run time, which the host's policy allows only for this page.
        endpoints.MapScalarApiReference("/api/docs", (options, http) => options
                .WithTitle("ErpCrm API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .HideClientButton()
                // Scalar has no option for its "Powered by Scalar" link in the sidebar's footer.
                .WithCustomCss("a[href^=\"https://scalar.com\"] { display: none !important; }")
                .AddPreferredSecuritySchemes(DocumentContract.BearerScheme)
                .WithNonce(ContentSecurityPolicy.ScriptNonce(http)))
            .AllowContentSources("style-src", "'unsafe-inline'")
            .AllowAnonymous();
    }
}
