using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;

namespace ErpCrm.Core.Content.Parts;

/// <summary>
/// <c>AutoroutePart</c>: <c>{"Path": "blog/first-post", "SetHomepage": false}</c>. Path is optional; when set it is stored
/// as Orchard Core stores it, relative, with no '/' at either end (given ones are dropped), and may not hold spaces,
/// "..", "//", or any of <c>:?#[]@!$&amp;'()*+,;=&lt;&gt;\|%"</c>; at most 1024 characters. SetHomepage is a boolean
/// ("true"/"false" text accepted). Uniqueness of paths is the router's to check, not this part's.
/// </summary>
internal sealed class AutoroutePartType : IContentPartType
{
    public const int MaxPathLength = 1024;

    private const string Forbidden = ":?#[]@!$&'()*+,;=<>\\|%\"";

    public string Name => "AutoroutePart";

    public string DisplayName => "Autoroute";

    public ValueTask ValidateAsync(ContentPartContext context)
    {
        var setHomepage = context.Value["SetHomepage"];
        if (JsonScalars.TryGetBoolean(setHomepage, out var flag))
        {
            context.Value["SetHomepage"] = flag;
        }
        else if (!JsonScalars.IsNull(setHomepage))
        {
            context.AddError("SetHomepage must be true or false.", "SetHomepage");
        }
        if (!PartValues.TryGetText(context, "Path", out var path) || path is null)
        {
            return ValueTask.CompletedTask;
        }
        var trimmed = path.Trim();
        var relative = trimmed.Trim('/');
        if (trimmed.Length > 0 && relative.Length == 0)
        {
            context.AddError("Path cannot be the site's root; set SetHomepage to make the item the home page.", "Path");
            return ValueTask.CompletedTask;
        }
        context.Value["Path"] = relative;
        if (relative.Length > MaxPathLength)
        {
            context.AddError($"Path is {relative.Length} characters long; at most {MaxPathLength} are allowed.", "Path");
        }
        else if (relative.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || Forbidden.Contains(c)))
        {
            context.AddError($"Path may not hold spaces or any of {Forbidden}.", "Path");
        }
        else if (relative.Contains("//") || relative.Contains(".."))
        {
            context.AddError("Path may not hold '//' or '..'.", "Path");
        }
        return ValueTask.CompletedTask;
    }
}
