using System.Text.Json.Nodes;
using ErpCrm.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// The two applications the endpoint figures compare, built side by side so that they differ only where
/// ErpCrm adds something: both on Kestrel on 127.0.0.1, both logging warnings and up to standard error.
/// </summary>
internal static class BenchmarkApps
{
    public const string Loopback = "http://127.0.0.1:0";
    public const string BareEntryRoute = "api/ledger/entries";

    /// <summary>The full ErpCrm host (tenant resolution, feature gate, auth, unit of work) with the test modules, on SQLite.</summary>
    /// <param name="clock">The host's clock (a <see cref="ShiftedClock"/> to age its tenants), the system's when null.</param>
    public static WebApplication ErpCrm(string dataDirectory, TimeProvider? clock = null) => ErpCrmWebHost.Build(new HostSettings
    {
        DataDirectory = dataDirectory,
        Urls = Loopback,
        PluginsDirectory = Path.Combine(dataDirectory, "no-plugins"),
        CommandLineLogging = true,
        TimeProvider = clock,
    });

    /// <summary>
    /// A bare minimal API with Test.Delta's handler, answering the same JSON, and, for the ledger figures, a POST of an entry that
    /// reads the JSON body and answers it back with 201 (no auth, no database: what any endpoint taking that body costs).
    /// </summary>
    public static WebApplication Bare()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(Loopback);
        // As ErpCrmWebHost does with CommandLineLogging.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/api/test/delta", () => TypedResults.Ok(new { feature = "Test.Delta" }));
        app.MapPost(BareEntryRoute, (JsonNode? body) => TypedResults.Created("/" + BareEntryRoute + "/1", body));
        return app;
    }
}
