using ErpCrm.Admin;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tests.Modules.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Tests.Modules;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<NoteService>();
        services.AddDomainEvent<NoteAdded>("Test.NoteAdded", "A test note was added.");
        services.AddFeatureEventHandler<AlphaFeatureEvents>();
        services.AddOutboxConsumer<AlphaNoteConsumer>();
        services.AddPermissions<Permissions>();
        services.AddRecipeStep<TestNotesStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/test");
        api.MapGet("/alpha", () => TypedResults.Ok(new { feature = "Test.Alpha" })).AllowAnonymous();
        api.MapGet("/notes", async (NoteService notes, CancellationToken ct) => TypedResults.Ok(await notes.ListAsync(ct)))
            .RequirePermission(Permissions.ManageTestNotes);
        api.MapPost("/notes", async Task<Results<Created, ValidationProblem>> (
            NoteRequest request, NoteService notes, CancellationToken ct) => string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 200
                ? ErpCrm.Http.ApiResults.Invalid(new Dictionary<string, string> { ["text"] = "text is required, at most 200 characters." })
                : TypedResults.Created($"/api/test/notes/{await notes.AddAsync(request.Text, ct)}"))
            .RequirePermission(Permissions.ManageTestNotes);
        api.MapGet("/note-log", async (NoteService notes, CancellationToken ct) => TypedResults.Ok(await notes.LogAsync(ct)))
            .RequirePermission(Permissions.ManageTestNotes);
        api.MapGet("/feature-events", async (IUnitOfWork uow, CancellationToken ct) =>
            TypedResults.Ok(await uow.QueryAsync<string>("SELECT feature_id || ':' || event FROM test_feature_events ORDER BY id", null, ct)))
            .RequirePermission(Permissions.ManageTestNotes);
        // Who the kernel says acts, as a module's service reads it.
        api.MapGet("/actor", async (ICurrentActor actor, CancellationToken ct) => TypedResults.Ok(new
        {
            kind = actor.Actor.Kind.ToString(), userId = actor.Actor.UserId, userName = actor.Actor.UserName, contactId = actor.Actor.ContactId,
            roles = await actor.RolesAsync(ct),
        })).RequireAnySignedInUser();
    }

    public sealed record NoteRequest(string Text);
}

[Feature("Test.Beta")]
public sealed class BetaStartup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services) =>
        services.AddDomainEventHandler<NoteAdded, BetaNoteHandler>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/test/beta", () => TypedResults.Ok(new { feature = "Test.Beta" })).AllowAnonymous();
}

[Feature("Test.Delta")]
public sealed class DeltaStartup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddAdminMenu<DeltaAdminMenu>();
        services.AddDashboardWidget<DeltaWidget>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/test/delta", () => TypedResults.Ok(new { feature = "Test.Delta" })).AllowAnonymous();
}

[Feature("Test.Content")]
public sealed class ContentStartup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<ErpCrm.Content.IContentHandler, LoggingContentHandler>();
        services.AddSingleton<ErpCrm.Content.ContentPartIndex, PriorityPartIndex>();
        services.AddSingleton<ErpCrm.Content.IContentFieldType, RatingFieldType>();
        services.AddSingleton<ErpCrm.Content.IContentFieldEditor, RatingFieldEditor>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/test/content-events/{id}", async (string id, IUnitOfWork uow, CancellationToken ct) =>
            TypedResults.Ok(await uow.QueryAsync<string>("SELECT event FROM test_content_events WHERE content_item_id = @id ORDER BY id", new { id }, ct)))
            .RequirePermission(Permissions.ManageTestNotes);
        endpoints.MapGet("/api/test/priority-index/{id}", async (string id, IUnitOfWork uow, CancellationToken ct) =>
            TypedResults.Ok(await uow.QueryAsync<PriorityRow>(
                "SELECT priority AS Priority, latest AS Latest, published AS Published FROM test_priority_index WHERE content_item_id = @id ORDER BY priority", new { id }, ct)))
            .RequirePermission(Permissions.ManageTestNotes);
    }

    public sealed record PriorityRow
    {
        public string? Priority { get; init; }
        public bool Latest { get; init; }
        public bool Published { get; init; }
    }
}

[Feature("Test.Bridge")]
public sealed class BridgeStartup : StartupBase
{
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/test/bridge", () => TypedResults.Ok(new { feature = "Test.Bridge" })).AllowAnonymous();
}

/// <summary>Applies only where Delta is on as well as Alpha.</summary>
[RequireFeatures("Test.Delta")]
public sealed class AlphaWithDeltaStartup : StartupBase
{
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/test/alpha-with-delta", () => TypedResults.Ok(new { feature = "Test.Alpha+Test.Delta" })).AllowAnonymous();
}

[Feature("Test.LedgerEvents")]
public sealed class LedgerEventsStartup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddDomainEventHandler<ErpCrm.Ledger.Models.EntryPosted, LedgerEventLog>();
        services.AddDomainEventHandler<ErpCrm.Ledger.Models.EntryReversed, LedgerEventLog>();
        services.AddScoped<NoteWithEntry>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/test/ledger-events", async (IUnitOfWork uow, CancellationToken ct) =>
            TypedResults.Ok(await uow.QueryAsync<string>("SELECT event || ' ' || detail FROM test_ledger_events ORDER BY id", null, ct)))
            .RequirePermission(Permissions.ManageTestNotes);
        // A note and a cash sale of the given amount in one unit of work: both commit, or neither.
        endpoints.MapPost("/api/test/note-with-sale", async (string text, long cents, NoteWithEntry work, CancellationToken ct) =>
            ErpCrm.Http.ApiResults.Answer(await work.AddAsync(text, new ErpCrm.Ledger.Models.EntryDraft("SAL", new DateOnly(2026, 1, 15), text,
                [new("1000", cents, 0), new("4000", 0, 100)]), ct), entry => TypedResults.Ok(new { entry.Number })))
            .RequirePermission(Permissions.ManageTestNotes);
    }
}
