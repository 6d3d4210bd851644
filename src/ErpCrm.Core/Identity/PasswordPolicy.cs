namespace ErpCrm.Core.Identity;

/// <summary>What a password must be. Checked wherever one is set, so the command line and the web agree.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;

    /// <summary>Null when the password is acceptable, else what is wrong with it.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }
        if (password.Length < MinimumLength)
        {
            return $"The password must be at least {MinimumLength} characters long.";
        }
        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            return "The password must contain at least one letter and one digit.";
        }
        return null;
    }
}
