using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;

namespace ErpCrm.Core.Content.Parts;

/// <summary>Reading a part's properties; errors are keyed by the part's path + "." + the property and name the property.</summary>
internal static class PartValues
{
    /// <summary>A text property: null when missing or null; false (and "{property} must be text.") when it holds something else.</summary>
    public static bool TryGetText(ContentPartContext context, string property, out string? text)
    {
        text = null;
        var node = context.Value[property];
        if (JsonScalars.IsNull(node))
        {
            return true;
        }
        if (JsonScalars.TryGetString(node, out var value))
        {
            text = value;
            return true;
        }
        context.AddError($"{property} must be text.", property);
        return false;
    }
}
