using ErpCrm.Content;

namespace ErpCrm.Core.Content.Parts;

/// <summary>
/// <c>CommonPart</c>: in Orchard Core, the editor of an item's owner and dates. Those live in the item's metadata here,
/// so the part holds nothing to check; it is known so that types attaching it are not treated as having an unknown part.
/// </summary>
internal sealed class CommonPartType : IContentPartType
{
    public string Name => "CommonPart";

    public string DisplayName => "Common";

    public ValueTask ValidateAsync(ContentPartContext context) => ValueTask.CompletedTask;
}
