namespace ErpCrm.Http;

/// <summary>
/// The one rule for the text a request brings, applied where the host reads it (JSON bodies, forms, query strings and route values) so that
/// no module sees anything else: text is well-formed UTF-16 without control characters other than tab, line feed and carriage return.
/// A lone surrogate (half of a pair: <c>"\ud800"</c> in JSON) is not a character, cannot be written back as JSON or UTF-8 and is refused by
/// PostgreSQL; NUL is refused by PostgreSQL in text and silently kept by SQLite; the other control characters belong in no field of a
/// business record. A module that reads text from elsewhere (a file's cells, a script's result) checks it with <see cref="Problem"/>.
/// Names are stricter (no line breaks or tabs either): the services that store them check <see cref="Text.ControlCharacters"/>,
/// which words every refusal the same way.
/// </summary>
public static class TextRules
{
    /// <summary>What is wrong with bytes that should be UTF-8 text and are not.</summary>
    public const string NotUtf8 = "is not valid UTF-8 text.";

    /// <summary>What is wrong with the text (a phrase to follow the field's name), or null when it may be kept.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains a lone UTF-16 surrogate (\\u{(int)c:x4}), which is not a character: a surrogate is written only as half of a pair.";
            }
            else if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return ErpCrm.Text.ControlCharacters.Phrase(c, i, allowLineBreaks: true);
            }
        }
        return null;
    }
}
