using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;
using ErpCrm.Core.Content.Parts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ErpCrm.Core.Content;

/// <summary>The field and part types the kernel provides.</summary>
public static class ContentTypeRegistrations
{
    /// <summary>
    /// Registers every kernel field type as <see cref="IContentFieldType"/> and part type as <see cref="IContentPartType"/>.
    /// All are stateless singletons (the shared <see cref="ContentHtmlSanitizer"/> is configured once and only read after).
    /// Calling it twice registers nothing twice.
    /// </summary>
    public static IServiceCollection AddKernelContentTypes(this IServiceCollection services)
    {
        services.TryAddSingleton<ContentHtmlSanitizer>();
        services.TryAddEnumerable([
            ServiceDescriptor.Singleton<IContentFieldType, TextFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, HtmlFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, MarkdownFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, NumericFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, MoneyFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, BooleanFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, DateFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, DateTimeFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, EnumerationFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, ContentPickerFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, UserPickerFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, LinkFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, EmailFieldType>(),
            ServiceDescriptor.Singleton<IContentFieldType, PhoneFieldType>(),
            ServiceDescriptor.Singleton<IContentPartType, TitlePartType>(),
            ServiceDescriptor.Singleton<IContentPartType, HtmlBodyPartType>(),
            ServiceDescriptor.Singleton<IContentPartType, MarkdownBodyPartType>(),
            ServiceDescriptor.Singleton<IContentPartType, CommonPartType>(),
            ServiceDescriptor.Singleton<IContentPartType, AliasPartType>(),
            ServiceDescriptor.Singleton<IContentPartType, AutoroutePartType>(),
        ]);
        return services;
    }
}
