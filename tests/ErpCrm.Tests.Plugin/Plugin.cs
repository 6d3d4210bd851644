using ErpCrm.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

[assembly: Module(Name = "Hello plugin", Description = "A plugin loaded from a folder at runtime.", Author = "A third party", Category = "Plugins")]
[assembly: Feature(Id = "Test.Plugin", Name = "Hello plugin", Description = "Says hello from a plugin.")]

namespace ErpCrm.Tests.Plugin;

public sealed class Startup : StartupBase
{
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/plugin/hello", () => TypedResults.Ok(new { message = "Hello from a plugin", assembly = typeof(Startup).Assembly.GetName().Name }))
            .AllowAnonymous();
}
