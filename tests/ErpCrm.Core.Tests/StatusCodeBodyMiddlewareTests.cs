using ErpCrm.Core.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Tests;

/// <summary>The conditions under which ASP.NET Core's UseStatusCodePages gives an answer its body, kept by the host's own middleware.</summary>
public sealed class StatusCodeBodyMiddlewareTests
{
    [Fact]
    public async Task An_error_status_without_a_body_gets_the_handlers_body()
    {
        Assert.Equal("body for 404", await RunAsync(c => c.Response.StatusCode = 404));
        Assert.Equal("body for 599", await RunAsync(c => c.Response.StatusCode = 599));
    }

    [Fact]
    public async Task A_success_an_answer_with_a_body_and_an_answer_that_turned_it_off_are_left_alone()
    {
        Assert.Equal("", await RunAsync(c => c.Response.StatusCode = 200));
        Assert.Equal("", await RunAsync(c => c.Response.StatusCode = 600));
        Assert.Equal("", await RunAsync(c => { c.Response.StatusCode = 404; c.Response.ContentType = "text/plain"; }));
        Assert.Equal("", await RunAsync(c => { c.Response.StatusCode = 404; c.Response.ContentLength = 0; }));
        Assert.Equal("", await RunAsync(c => { c.Response.StatusCode = 404; c.Features.Get<IStatusCodePagesFeature>()!.Enabled = false; }));
    }

    [Fact]
    public async Task An_endpoint_that_skips_status_code_pages_is_left_alone_whether_known_before_or_after()
    {
        var skipping = new Endpoint(null, new EndpointMetadataCollection(new SkipsStatusCodePages()), "skips");

        Assert.Equal("", await RunAsync(c => c.Response.StatusCode = 404, before: skipping));
        Assert.Equal("", await RunAsync(c => { c.SetEndpoint(skipping); c.Response.StatusCode = 404; }));
    }

    [Fact]
    public async Task An_answer_that_completes_later_is_judged_when_it_has()
    {
        Assert.Equal("body for 401", await RunAsync(async c => { await Task.Yield(); c.Response.StatusCode = 401; }));
    }

    private static Task<string> RunAsync(Action<HttpContext> answer, Endpoint? before = null) =>
        RunAsync(c => { answer(c); return Task.CompletedTask; }, before);

    private static async Task<string> RunAsync(Func<HttpContext, Task> answer, Endpoint? before = null)
    {
        var options = new StatusCodePagesOptions
        {
            HandleAsync = c => c.HttpContext.Response.WriteAsync($"body for {c.HttpContext.Response.StatusCode}"),
        };
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        if (before is not null)
        {
            context.SetEndpoint(before);
        }
        await new StatusCodeBodyMiddleware(c => answer(c), Options.Create(options)).InvokeAsync(context);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    private sealed class SkipsStatusCodePages : ISkipStatusCodePagesMetadata;
}
