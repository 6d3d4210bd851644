using ErpCrm.Admin;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Leads.Endpoints;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Recipes;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Recipes;
using ErpCrm.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Leads;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IFeatureEventHandler, LeadTypesFeatureHandler>();
        services.AddSingleton<ContentPartIndex, LeadIndex>();
        services.AddScoped<IContentHandler, LeadContentHandler>();
        services.AddScoped<LeadIndexQueries>();
        services.AddScoped<PipelineStageService>();
        services.AddScoped<LeadRuleService>();
        services.AddScoped<LeadService>();
        services.AddScoped<LeadBoardService>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<LeadCaptureService>();
        services.AddScoped<LeadConversionService>();
        services.AddScoped<LeadHistory>();
        services.AddScoped<LeadMessages>();
        services.AddScoped<IDomainEventHandler<LeadCreated>>(sp => sp.GetRequiredService<LeadHistory>());
        services.AddScoped<IDomainEventHandler<LeadStageChanged>>(sp => sp.GetRequiredService<LeadHistory>());
        services.AddScoped<IDomainEventHandler<LeadConverted>>(sp => sp.GetRequiredService<LeadHistory>());
        services.AddScoped<IDomainEventHandler<LeadLost>>(sp => sp.GetRequiredService<LeadHistory>());
        services.AddScoped<IRecipeStep, PipelineStagesStep>();
        services.AddScoped<IRecipeStep, LeadScoringRulesStep>();
        services.AddScoped<IRecipeStep, LeadAssignmentRulesStep>();
        services.AddScoped<IRecipeExportSource, PipelineStagesExportSource>();
        services.AddScoped<IRecipeExportSource, LeadScoringRulesExportSource>();
        services.AddScoped<IRecipeExportSource, LeadAssignmentRulesExportSource>();
        services.AddOptions<LeadCaptureOptions>().BindConfiguration(LeadCaptureOptions.Section);
        services.AddSingleton<LeadCaptureRateLimiter>();
        services.AddScoped<LeadActivityService>();
        services.AddScoped<LeadReportService>();
        services.AddScoped<IDashboardWidget, PipelineWidget>();
        services.AddScoped<IContactPanel, LeadsContactPanel>();
        services.AddScoped<IContentReferenceProvider, LeadContactReferences>();
        services.AddHttpContextAccessor();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLeadsApi();
        endpoints.MapLeadActivitiesApi();
    }
}
