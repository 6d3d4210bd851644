using System.Security.Cryptography;

namespace ErpCrm.Core.Content.Items;

/// <summary>Content item and version ids: 26 random characters of lower-case base 32, like Orchard Core's.</summary>
public static class ContentIds
{
    public const int MaxLength = 64;

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[26];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[26];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }
        return new string(chars);
    }

    /// <summary>Whether an id given by a caller (an import) may be stored: 1 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Why an id given as <paramref name="name"/> may not be stored, or null (also for none given: one is generated).</summary>
    public static string? Error(string id, string name) =>
        id.Length == 0 || IsValid(id) ? null : $"{name} must be 1 to {MaxLength} letters, digits, '-' or '_'.";
}
