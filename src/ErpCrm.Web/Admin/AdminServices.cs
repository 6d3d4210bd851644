using ErpCrm.Admin;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Security;
using ErpCrm.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace ErpCrm.Web.Admin;

/// <summary>Registers the admin shell: Razor Pages with the host's conventions, and the kernel's menu items and dashboard widgets.</summary>
internal static class AdminServices
{
    /// <summary>Pages under this folder need <c>AccessAdmin</c> and sit in the admin layout.</summary>
    public const string AdminFolder = "/Admin";

    public static IServiceCollection AddErpCrmAdmin(this IServiceCollection services, ModuleCatalog catalog)
    {
        var mvc = services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder(AdminFolder, KernelPermissions.AccessAdmin.PolicyName);
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/Logout");
            options.Conventions.AllowAnonymousToPage("/Setup");
            options.Conventions.Add(new DefaultTenantOnlyConvention(AdminFolder + "/Tenants"));
            options.Conventions.Add(new ModulePageConvention(catalog));
            // The item editor creates too: /admin/content/{type}/create is the editor without an id.
            options.Conventions.AddPageRoute(AdminFolder + "/Content/Edit", "admin/content/{type}/create");
        }).AddMvcOptions(options =>
        {
            // Pages check their fields themselves and say what is wrong in words of their own.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            options.ModelMetadataDetailsProviders.Add(new EmptyTextStaysEmpty());
            options.Filters.Add<UnitOfWorkPageFilter>();
            options.Filters.Add<InvalidFormFilter>();
        });

        // Modules' Razor Class Libraries and plugins bring pages of their own.
        mvc.ConfigureApplicationPartManager(parts =>
        {
            foreach (var assembly in catalog.Modules.Select(m => m.Assembly).OfType<System.Reflection.Assembly>().Distinct())
            {
                if (parts.ApplicationParts.OfType<AssemblyPart>().All(p => p.Assembly != assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            }
        });

        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, AccessDeniedPage>();
        services.AddScoped<AdminSession>();
        services.AddScoped<Recipes.TenantRecipes>();
        services.AddScoped<AdminMenuBuilder>();
        services.AddScoped<ContentTypes.ContentDefinitionChoices>();
        services.AddScoped<IAdminMenu, KernelAdminMenu>();
        services.AddSingleton<Content.ContentItemsAdminMenu>();
        services.AddSingleton<IAdminMenu>(sp => sp.GetRequiredService<Content.ContentItemsAdminMenu>());
        services.AddSingleton<IAdminMenuItemFilter>(sp => sp.GetRequiredService<Content.ContentItemsAdminMenu>());
        services.AddScoped<Content.ContentPickerOptions>();
        services.AddScoped<ErpCrm.Content.IContentFieldsForm, Content.ContentFieldsFormService>();
        services.AddKernelFieldEditors();
        services.AddScoped<IDashboardWidget, UsersWidget>();
        services.AddScoped<IDashboardWidget, FeaturesWidget>();
        services.AddScoped<IDashboardWidget, SignInsWidget>();
        services.AddScoped<IDashboardWidget, FeatureCategoriesWidget>();
        services.AddScoped<IDashboardWidget, ContentActivityWidget>();
        return services;
    }
}
