using ErpCrm.Contacts.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Modules;

/// <summary>
/// What a feature that depends on <c>ErpCrm.Contacts</c> adds to it, one line each in its startup (beside the kernel's
/// <see cref="ModuleContributions"/>).
/// </summary>
public static class ContactsContributions
{
    /// <summary>Adds a panel to contact pages (see <see cref="IContactPanel"/>).</summary>
    public static IServiceCollection AddContactPanel<TPanel>(this IServiceCollection services) where TPanel : class, IContactPanel =>
        services.AddScoped<IContactPanel, TPanel>();

    /// <summary>Moves the module's own records when two contacts are merged (see <see cref="IContactMergeHandler"/>).</summary>
    public static IServiceCollection AddContactMergeHandler<THandler>(this IServiceCollection services) where THandler : class, IContactMergeHandler =>
        services.AddScoped<IContactMergeHandler, THandler>();
}
