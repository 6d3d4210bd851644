using System.Globalization;

namespace ErpCrm.Text;

/// <summary>
/// The one check for control characters in what people type: C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F). They are
/// invisible, rewrite terminals and log lines (an ESC sequence), break CSV files and e-mail headers, and make two names look
/// the same. Names refuse them all; text that legitimately spans lines (a description, a hint) allows line breaks and tabs.
/// Every service that stores a name calls this, so the API, admin pages, recipes and imports refuse the same.
/// </summary>
public static class ControlCharacters
{
    /// <summary>Where the first control character of <paramref name="text"/> is, or -1; with <paramref name="allowLineBreaks"/>, CR, LF and tab do not count.</summary>
    public static int IndexIn(string? text, bool allowLineBreaks = false)
    {
        if (text is null)
        {
            return -1;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && !(allowLineBreaks && text[i] is '\r' or '\n' or '\t'))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The error for <paramref name="text"/> when it holds a control character, naming <paramref name="label"/>, the character
    /// and where it is (e.g. "DisplayName must not contain control characters (U+001B at position 5)."); null when it holds none.
    /// </summary>
    public static string? Error(string? text, string label, bool allowLineBreaks = false)
    {
        var at = IndexIn(text, allowLineBreaks);
        return at < 0 ? null : $"{label} {Phrase(text![at], at, allowLineBreaks)}";
    }

    /// <summary>
    /// The words that follow a field's name when <paramref name="character"/>, at <paramref name="index"/> (from 0), is a
    /// control character it may not hold — the same for a name refused by a service and for any text the host refuses at the edge.
    /// </summary>
    public static string Phrase(char character, int index, bool allowLineBreaks) =>
        $"must not contain control characters{(allowLineBreaks ? " other than line breaks and tabs" : "")} (U+{((int)character).ToString("X4", CultureInfo.InvariantCulture)} at position {index + 1}).";
}
