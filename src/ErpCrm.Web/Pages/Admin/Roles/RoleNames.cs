namespace ErpCrm.Web.Pages.Admin.Roles;

/// <summary>What a role's name and description may be.</summary>
internal static class RoleNames
{
    public const int MaxLength = 100;

    public static string? Check(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxLength || !name.Trim().All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.')
            ? $"A role name has 1 to {MaxLength} letters, digits, spaces, '-', '_' or '.'."
            : null;

    public static string? CheckDescription(string? description) =>
        description is { Length: > 400 } ? "A description has at most 400 characters." : null;
}
