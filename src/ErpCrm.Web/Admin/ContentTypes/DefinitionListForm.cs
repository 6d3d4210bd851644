using ErpCrm.Content;
using ErpCrm.Core.Content;

namespace ErpCrm.Web.Admin.ContentTypes;

/// <summary>The fields of a part as the type and part editors list them (the part is null while a type has no fields).</summary>
public sealed record FieldList(ContentPartDefinition? Part, string PartName);

/// <summary>
/// The lists of the type and part editors (a type's parts, a part's fields) as their forms post them: the rows' order
/// (<c>parts</c>, <c>fields</c>: the names in the order shown, which the page's script changes without a round trip) and at
/// most one button pressed (<c>move</c> = <c>"field:up:Name"</c>, <c>remove</c> = <c>"field:Name"</c>; <c>part:</c> for parts).
/// Without JavaScript each up/down/remove button saves the form with its one change.
/// </summary>
public static class DefinitionListForm
{
    public const string PartKind = "part";
    public const string FieldKind = "field";

    /// <summary>The value of the button that moves a row: <c>"field:up:Name"</c>.</summary>
    public static string MoveValue(string kind, string direction, string name) => $"{kind}:{direction}:{name}";

    /// <summary>The value of the button that removes a row: <c>"field:Name"</c>.</summary>
    public static string RemoveValue(string kind, string name) => $"{kind}:{name}";

    public static ContentTypeDefinition ApplyToParts(ContentTypeDefinition type, IReadOnlyList<string> order, string move, string remove)
    {
        type = ContentDefinitionEditing.OrderParts(type, order);
        if (Moved(PartKind, move) is { } moved)
        {
            type = ContentDefinitionEditing.MovePart(type, moved.Name, moved.By);
        }
        return Removed(PartKind, remove) is { } name ? ContentDefinitionEditing.Detach(type, name) : type;
    }

    public static ContentPartDefinition ApplyToFields(ContentPartDefinition part, IReadOnlyList<string> order, string move, string remove)
    {
        part = ContentDefinitionEditing.OrderFields(part, order);
        if (Moved(FieldKind, move) is { } moved)
        {
            part = ContentDefinitionEditing.MoveField(part, moved.Name, moved.By);
        }
        return Removed(FieldKind, remove) is { } name ? ContentDefinitionEditing.RemoveField(part, name) : part;
    }

    private static (string Name, int By)? Moved(string kind, string move) => move.Split(':', 3) switch
    {
        [var k, "up", var name] when k == kind => (name, -1),
        [var k, "down", var name] when k == kind => (name, 1),
        _ => null,
    };

    private static string? Removed(string kind, string remove) => remove.Split(':', 2) is [var k, var name] && k == kind ? name : null;
}
