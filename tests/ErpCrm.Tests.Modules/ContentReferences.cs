using ErpCrm.Content;
using ErpCrm.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Tests.Modules;

/// <summary>Test.References: a third-party module whose records refer to content items, declared through the kernel's seam.</summary>
[Feature("Test.References")]
public sealed class ReferencesStartup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services) =>
        services.AddContentReferenceProvider<PinnedItemReferences>();
}

/// <summary>Refers to every item whose name starts with "Pinned" (as if its books held one record of it); to no other.</summary>
public sealed class PinnedItemReferences : IContentReferenceProvider
{
    public const string Prefix = "Pinned";

    public Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContentReference>>(item.DisplayText?.StartsWith(Prefix, StringComparison.Ordinal) == true
            ? [ContentReference.Of(1, "pinned test record", "pinned test records")!]
            : []);
}
