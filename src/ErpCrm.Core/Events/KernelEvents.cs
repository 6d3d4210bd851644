using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Events;

/// <summary>The kernel's own domain events (content definitions and items, features), declared and raised for every tenant.</summary>
internal static class KernelEvents
{
    public static IServiceCollection AddKernelEvents(this IServiceCollection services)
    {
        services.AddDomainEvent<ContentDefinitionChanged>("Content.ContentDefinitionChanged",
            "Content types were created, changed or deleted, or a part they attach changed.");
        services.AddDomainEvent<ContentItemCreated>("Content.ContentItemCreated", "A content item was created.");
        services.AddDomainEvent<ContentItemUpdated>("Content.ContentItemUpdated", "A change to a content item was saved.");
        services.AddDomainEvent<ContentItemPublished>("Content.ContentItemPublished", "A version of a content item was published.");
        services.AddDomainEvent<ContentItemRemoved>("Content.ContentItemRemoved", "A content item was removed.");
        services.AddDomainEvent<FeatureEnabled>("Features.FeatureEnabled", "A feature was enabled.");
        services.AddDomainEvent<FeatureDisabled>("Features.FeatureDisabled", "A feature was disabled.");
        services.AddScoped<IContentHandler, ContentItemEventRaiser>();
        services.AddScoped<IFeatureEventHandler, FeatureEventRaiser>();
        return services;
    }
}

/// <summary>Raises the content item events from the content lifecycle, so that code that does not know a type can follow its items.</summary>
internal sealed class ContentItemEventRaiser(IUnitOfWork unitOfWork) : IContentHandler
{
    public Task CreatedAsync(ContentContext context) => RaiseAsync(new ContentItemCreated(), context);

    public Task UpdatedAsync(ContentContext context) => RaiseAsync(new ContentItemUpdated(), context);

    public Task PublishedAsync(ContentContext context) => RaiseAsync(new ContentItemPublished(), context);

    public Task RemovedAsync(ContentContext context) => RaiseAsync(new ContentItemRemoved(), context);

    private Task RaiseAsync<TEvent>(TEvent empty, ContentContext context) where TEvent : ContentItemEvent
    {
        var item = context.Item;
        return unitOfWork.PublishAsync(empty with
        {
            ContentItemId = item.ContentItemId,
            ContentItemVersionId = item.ContentItemVersionId,
            ContentType = item.ContentType,
            DisplayText = item.DisplayText,
            Published = item.Published,
            Owner = item.Owner,
            Author = item.Author,
        }, context.CancellationToken);
    }
}

/// <summary>Raises the feature events.</summary>
internal sealed class FeatureEventRaiser(IUnitOfWork unitOfWork) : IFeatureEventHandler
{
    public Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) =>
        unitOfWork.PublishAsync(new FeatureEnabled(feature.Id), cancellationToken);

    public Task DisabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) =>
        unitOfWork.PublishAsync(new FeatureDisabled(feature.Id), cancellationToken);
}
