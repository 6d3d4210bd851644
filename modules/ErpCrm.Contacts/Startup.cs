using ErpCrm.Admin;
using ErpCrm.Content;
using ErpCrm.Contacts.Endpoints;
using ErpCrm.Contacts.Models;
using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Contacts;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IFeatureEventHandler, ContactTypesFeatureHandler>();
        services.AddSingleton<ContentPartIndex, ContactIndex>();
        services.AddSingleton<ContentPartIndex, PersonIndex>();
        services.AddScoped<IContactMergeHandler, PersonCompanyMergeHandler>();
        services.AddScoped<IContentReferenceProvider, MergedContactReferences>();
        services.AddScoped<ContactIndexQueries>();
        services.AddScoped<ContactService>();
        services.AddScoped<IContactDirectory, ContactDirectory>();
        services.AddScoped<IContentHandler, ContactPartHandler>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<ContactPanels>();
        services.AddScoped<IContactPanel, CompanyPeoplePanel>();
        services.AddScoped<IContactPanel, PersonCompanyPanel>();
        services.AddScoped<IContactPanel, ColleaguesPanel>();
        services.AddScoped<ContactCsvImporter>();
        services.AddScoped<ContactCsvExporter>();
        services.AddSingleton<ContactImportJobs>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapContactsApi();
        endpoints.MapContactsCsvApi();
    }
}
