using ErpCrm.Contacts.Endpoints;
using ErpCrm.Contacts.Models;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Contacts;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddPermissions<Permissions>();
        services.AddAdminMenu<AdminMenu>();
        services.AddFeatureEventHandler<ContactTypesFeatureHandler>();
        services.AddContentPartIndex<ContactIndex>();
        services.AddContentPartIndex<PersonIndex>();
        services.AddContentHandler<ContactPartHandler>();
        services.AddContentReferenceProvider<MergedContactReferences>();
        services.AddContactMergeHandler<PersonCompanyMergeHandler>();
        services.AddContactPanel<CompanyPeoplePanel>();
        services.AddContactPanel<PersonCompanyPanel>();
        services.AddContactPanel<ColleaguesPanel>();

        services.AddScoped<ContactIndexQueries>();
        services.AddScoped<ContactRules>();
        services.AddScoped<ContactService>();
        services.AddScoped<ContactLookup>();
        services.AddScoped<IContactDirectory, ContactDirectory>();
        services.AddScoped<IContentItemEditor, ContactItemEditor>();
        services.AddScoped<ContactPanels>();
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
