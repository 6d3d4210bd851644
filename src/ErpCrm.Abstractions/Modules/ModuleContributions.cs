using ErpCrm.Admin;
using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Recipes;
using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ErpCrm.Modules;

/// <summary>
/// One line per thing a module contributes to the kernel's extension points, so that a <see cref="StartupBase.ConfigureServices"/>
/// reads as the list of what its feature adds. Each registers with the lifetime the kernel expects; like every service of a
/// startup, each contribution is used only for tenants where the startup's feature is on.
/// </summary>
public static class ModuleContributions
{
    /// <summary>Declares the feature's permissions (an <see cref="IPermissionProvider"/>).</summary>
    public static IServiceCollection AddPermissions<TProvider>(this IServiceCollection services) where TProvider : class, IPermissionProvider =>
        services.AddSingleton<IPermissionProvider, TProvider>();

    /// <summary>Adds items to the admin menu.</summary>
    public static IServiceCollection AddAdminMenu<TMenu>(this IServiceCollection services) where TMenu : class, IAdminMenu =>
        services.AddSingleton<IAdminMenu, TMenu>();

    /// <summary>Adds a widget to the admin dashboard.</summary>
    public static IServiceCollection AddDashboardWidget<TWidget>(this IServiceCollection services) where TWidget : class, IDashboardWidget =>
        services.AddScoped<IDashboardWidget, TWidget>();

    /// <summary>Runs when features are enabled or disabled (e.g. to create the feature's content types).</summary>
    public static IServiceCollection AddFeatureEventHandler<THandler>(this IServiceCollection services) where THandler : class, IFeatureEventHandler =>
        services.AddScoped<IFeatureEventHandler, THandler>();

    /// <summary>Reads a recipe step (see <see cref="IRecipeStep"/>).</summary>
    public static IServiceCollection AddRecipeStep<TStep>(this IServiceCollection services) where TStep : class, IRecipeStep =>
        services.AddScoped<IRecipeStep, TStep>();

    /// <summary>Offers module data to the tenant's export, as recipe steps (see <see cref="IRecipeExportSource"/>).</summary>
    public static IServiceCollection AddRecipeExportSource<TSource>(this IServiceCollection services) where TSource : class, IRecipeExportSource =>
        services.AddScoped<IRecipeExportSource, TSource>();

    /// <summary>Takes part in content items' lifecycle (see <see cref="IContentHandler"/>).</summary>
    public static IServiceCollection AddContentHandler<THandler>(this IServiceCollection services) where THandler : class, IContentHandler =>
        services.AddScoped<IContentHandler, THandler>();

    /// <summary>Keeps an index table of a content part (see <see cref="ContentPartIndex"/>).</summary>
    public static IServiceCollection AddContentPartIndex<TIndex>(this IServiceCollection services) where TIndex : ContentPartIndex =>
        services.AddSingleton<ContentPartIndex, TIndex>();

    /// <summary>Declares the content items the module's own records refer to (see <see cref="IContentReferenceProvider"/>).</summary>
    public static IServiceCollection AddContentReferenceProvider<TProvider>(this IServiceCollection services) where TProvider : class, IContentReferenceProvider =>
        services.AddScoped<IContentReferenceProvider, TProvider>();

    /// <summary>Does after-commit work for an outbox topic (see <see cref="IOutboxConsumer"/>).</summary>
    public static IServiceCollection AddOutboxConsumer<TConsumer>(this IServiceCollection services) where TConsumer : class, IOutboxConsumer =>
        services.AddScoped<IOutboxConsumer, TConsumer>();

    /// <summary>
    /// Declares that the feature raises <typeparamref name="TEvent"/> under the stable <paramref name="name"/>
    /// (<c>Module.EventName</c>), so that observers see it by that name and the catalog lists it with its
    /// <paramref name="description"/> and payload schema.
    /// </summary>
    public static IServiceCollection AddDomainEvent<TEvent>(this IServiceCollection services, string name, string description) where TEvent : IDomainEvent =>
        services.AddSingleton<DomainEventDeclaration>(new DomainEventDeclaration<TEvent>(name, description));

    /// <summary>
    /// Handles <typeparamref name="TEvent"/> inside the raising transaction (see <see cref="IDomainEventHandler{TEvent}"/>).
    /// One scoped <typeparamref name="THandler"/> serves every event it is registered for, and is the one the module resolves.
    /// </summary>
    public static IServiceCollection AddDomainEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent where THandler : class, IDomainEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        return services.AddScoped<IDomainEventHandler<TEvent>>(sp => sp.GetRequiredService<THandler>());
    }

    /// <summary>Sees every declared domain event inside the raising transaction (see <see cref="IDomainEventObserver"/>).</summary>
    public static IServiceCollection AddDomainEventObserver<TObserver>(this IServiceCollection services) where TObserver : class, IDomainEventObserver =>
        services.AddScoped<IDomainEventObserver, TObserver>();

    /// <summary>Sees every declared domain event after its commit, through the outbox (see <see cref="ICommittedEventObserver"/>).</summary>
    public static IServiceCollection AddCommittedEventObserver<TObserver>(this IServiceCollection services) where TObserver : class, ICommittedEventObserver =>
        services.AddScoped<ICommittedEventObserver, TObserver>();
}
