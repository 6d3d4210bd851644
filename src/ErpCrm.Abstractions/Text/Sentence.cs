namespace ErpCrm.Text;

/// <summary>
/// The one rule for error lines (recipe problems, the command line's errors, API problem details built from them): a line
/// ends with exactly one full stop. Messages are often built from parts that already end with one (an exception's message,
/// a service's reason, a list of errors), so the rule is applied where a line is made, not left to each message.
/// </summary>
public static class Sentence
{
    /// <summary>
    /// <paramref name="text"/> ending with exactly one full stop: trailing white space and full stops removed, then one added.
    /// Text ending with another closing mark (<c>?</c>, <c>!</c>, or an ellipsis <c>…</c>) keeps it and gets none; empty text stays empty.
    /// </summary>
    public static string End(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.Length == 0)
        {
            return trimmed;
        }
        var bare = trimmed.TrimEnd('.');
        if (bare.Length == 0)
        {
            return ".";
        }
        return bare[^1] is '?' or '!' or '…' ? bare : bare + ".";
    }
}
