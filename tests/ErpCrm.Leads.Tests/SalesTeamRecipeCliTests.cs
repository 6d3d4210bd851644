using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ErpCrm.Web.Hosting;
using ErpCrm.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Leads.Tests;

/// <summary>The sales-team recipe sets up a working sales company from the command line.</summary>
public sealed class SalesTeamRecipeCliTests : IDisposable
{
    private readonly CliSession _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task After_setup_from_the_command_line_captures_land_in_the_first_stage_scored_and_handed_to_salespeople_in_turn()
    {
        await _cli.SucceedAsync("setup", "--recipe", "sales-team", "--admin-password", TestHost.AdminPassword);
        var adminToken = (await _cli.SucceedAsync("tokens", "create", "--user", "admin")).StdoutLines.Single();
        var app = ErpCrmWebHost.Build(new HostSettings
        {
            DataDirectory = _cli.DataDirectory,
            Urls = "http://127.0.0.1:0",
            PluginsDirectory = Path.Combine(_cli.DataDirectory, "no-plugins"),
            CommandLineLogging = true,
            RunBackgroundWork = false,
        }, []);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
            using var admin = new HttpClient { BaseAddress = address };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            var ann = (await admin.CreateUserAsync("ann", "Salesperson")).GetProperty("id").GetRawText().Trim('"');
            var ben = (await admin.CreateUserAsync("ben", "Salesperson")).GetProperty("id").GetRawText().Trim('"');
            using var visitor = new HttpClient { BaseAddress = address };

            var leads = new List<JsonNode>();
            foreach (var (name, email, phone) in new[] { ("Ada", "ada@engines.example", "+1 555 0101"), ("Bob", "bob@bolts.example", "+1 555 0102"), ("Cy", "cy@cogs.example", "+1 555 0103") })
            {
                await visitor.CaptureAcceptedAsync(new { name, email, phone, company = name + " Ltd" });
                leads.Add((await admin.GetLeadAsync(await admin.LeadIdOfAsync(email))).Lead);
            }
            await visitor.CaptureAcceptedAsync(new { name = "Nancy", email = "nancy@northwind.example", message = "More chai, please" });
            var nancy = (await admin.GetLeadAsync(await admin.LeadIdOfAsync("nancy@northwind.example"))).Lead;

            Assert.All(leads, l => Assert.Equal("New", l.Text("Stage")));
            Assert.All(leads, l => Assert.Equal(30, l.Field("Score", "Value")!.GetValue<int>())); // a company (20) and a phone (10)
            Assert.Equal([ann, ben, ann], leads.Select(l => l.FirstId("Owner", "UserIds")));
            Assert.Equal("salesteamsampleperson000001", nancy.FirstId("Contact"));

            // Ann's own token: the Salesperson role works her leads.
            var annToken = (await _cli.SucceedAsync("tokens", "create", "--user", "ann")).StdoutLines.Single();
            using var annClient = new HttpClient { BaseAddress = address };
            annClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", annToken);
            Assert.Equal(2, (await annClient.ListLeadsAsync($"owner={ann}"))["total"]!.GetValue<long>());
            await (await annClient.PostJsonAsync($"api/leads/{leads[0].Id()}/stage", new { stage = "Demo" })).ReadJsonAsync(HttpStatusCode.OK);
            var converted = await (await annClient.PostAsync($"api/leads/{leads[0].Id()}/convert", null)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.NotNull(converted.GetProperty("companyId").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await annClient.PutAsJsonAsync("api/leads/assignment-rules", new { rules = Array.Empty<object>() })).StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
