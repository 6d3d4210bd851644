using ErpCrm.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ErpCrm.OpenApi;

/// <summary>
/// What the whole document says: its title and how to authenticate (a real example, with this server's address), the bearer scheme
/// every operation needs unless it says otherwise, the server without a trailing slash, and each tag's description as its module
/// declared it (<see cref="ApiDocumentation.WithTag{TBuilder}"/>).
/// </summary>
internal static class DocumentContract
{
    public const string BearerScheme = "Bearer";

    public static Task CompleteAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        var server0 = document.Servers?.FirstOrDefault()?.Url is { Length: > 0 } url ? url : "https://erp.example.com";
        document.Info.Title = "ErpCrm API";
        document.Info.Description = $$"""
            The tenant's HTTP API: JSON under /api, errors as problem details (RFC 9457) naming every bad field. Only the operations of the
            features the tenant has enabled are listed.

            Authenticate every call that is not marked public with a personal API token in the Authorization header:

                curl -H "Authorization: Bearer $ERPCRM_TOKEN" {{server0}}/api/me

            Create a token for a user on the server's command line with `ErpCrm.Web tokens create --user admin` (or
            `dotnet run --project src/ErpCrm.Web -- tokens create --user admin`), or, signed in, with `POST /api/me/tokens` and the body
            `{"name": "my script"}`: the answer shows the token once. `GET /api/me/tokens` lists yours, `DELETE /api/me/tokens/{id}` revokes one.
            """;

        document.AddComponent(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token: `ErpCrm.Web tokens create --user admin` on the server, or `POST /api/me/tokens` signed in. " +
                $"Example: curl -H \"Authorization: Bearer $ERPCRM_TOKEN\" {server0}/api/me",
        });
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

        var described = context.DescriptionGroups.SelectMany(g => g.Items).SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<ApiTagMetadata>())
            .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Description);
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            // A module that did not describe its tag still gets one line, so that the reference lists no bare tag.
            tag.Description ??= described.GetValueOrDefault(tag.Name ?? "") ?? $"The operations of {tag.Name}.";
        }
        return Task.CompletedTask;
    }
}
