using ErpCrm.Content;
using ErpCrm.Leads.Endpoints;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Recipes;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Leads;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddPermissions<Permissions>();
        services.AddAdminMenu<AdminMenu>();
        services.AddFeatureEventHandler<LeadTypesFeatureHandler>();
        services.AddContentPartIndex<LeadIndex>();
        services.AddContentHandler<LeadContentHandler>();
        services.AddContentReferenceProvider<LeadContactReferences>();
        services.AddContactPanel<LeadsContactPanel>();
        services.AddDashboardWidget<PipelineWidget>();
        services.AddDashboardWidget<PipelineValueWidget>();

        services.AddDomainEvent<LeadCreated>("Leads.LeadCreated", "A lead was created (by the API, a capture form, an admin page or a recipe).");
        services.AddDomainEvent<LeadStageChanged>("Leads.LeadStageChanged", "A lead moved from one pipeline stage to another.");
        services.AddDomainEvent<LeadWon>("Leads.LeadWon", "A lead reached a won stage.");
        services.AddDomainEvent<LeadLost>("Leads.LeadLost", "A lead was lost, with the reason given.");
        services.AddDomainEvent<LeadConverted>("Leads.LeadConverted", "A lead was converted to a company and/or a person.");
        services.AddDomainEventHandler<LeadCreated, LeadHistory>();
        services.AddDomainEventHandler<LeadStageChanged, LeadHistory>();
        services.AddDomainEventHandler<LeadConverted, LeadHistory>();
        services.AddDomainEventHandler<LeadLost, LeadHistory>();

        services.AddRecipeStep<PipelineStagesStep>();
        services.AddRecipeStep<LeadScoringRulesStep>();
        services.AddRecipeStep<LeadAssignmentRulesStep>();
        services.AddRecipeExportSource<PipelineStagesExportSource>();
        services.AddRecipeExportSource<LeadScoringRulesExportSource>();
        services.AddRecipeExportSource<LeadAssignmentRulesExportSource>();

        services.AddOptions<LeadCaptureOptions>().BindConfiguration(LeadCaptureOptions.Section);
        services.AddSingleton<LeadCaptureRateLimiter>();
        services.AddScoped<LeadIndexQueries>();
        services.AddScoped<PipelineStageService>();
        services.AddScoped<LeadRuleService>();
        services.AddScoped<LeadService>();
        services.AddScoped<LeadBoardService>();
        services.AddScoped<LeadCaptureService>();
        services.AddScoped<LeadConversionService>();
        services.AddScoped<LeadMessages>();
        services.AddScoped<LeadActivityService>();
        services.AddScoped<LeadReportService>();
        services.AddScoped<IContentItemEditor, LeadItemEditor>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLeadsApi();
        endpoints.MapPipelineApi();
        endpoints.MapLeadActivitiesApi();
    }
}
