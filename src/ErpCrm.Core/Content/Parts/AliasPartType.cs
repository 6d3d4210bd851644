using System.Text.RegularExpressions;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Parts;

/// <summary>
/// <c>AliasPart</c>: <c>{"Alias": "…"}</c>, a stable name recipes and code refer to an item by: letters, digits, '-' and
/// '_', at most 64, stored trimmed; empty means none. Uniqueness is the content store's to check, not this part's.
/// </summary>
internal sealed partial class AliasPartType : IContentPartType
{
    public const int MaxLength = 64;

    public string Name => "AliasPart";

    public string DisplayName => "Alias";

    public ValueTask ValidateAsync(ContentPartContext context)
    {
        if (!PartValues.TryGetText(context, "Alias", out var alias) || alias is null)
        {
            return ValueTask.CompletedTask;
        }
        alias = alias.Trim();
        context.Value["Alias"] = alias;
        if (alias.Length > MaxLength)
        {
            context.AddError($"Alias is {alias.Length} characters long; at most {MaxLength} are allowed.", "Alias");
        }
        else if (alias.Length > 0 && !AliasShape().IsMatch(alias))
        {
            context.AddError("Alias may hold only letters, digits, '-' and '_'.", "Alias");
        }
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasShape();
}
