namespace ErpCrm.Http;

/// <summary>
/// How a service's message about a field reads on a form: services key their errors by the field's path (<c>ContactPart.Email</c>,
/// <c>lines[2].debit</c>) and some messages start with that name, as API clients read it ("debit is an amount…"); a form names
/// the field by the label shown on the page instead ("Debit of line 3 is an amount…"). The API keeps answering paths.
/// </summary>
public static class FormMessages
{
    /// <summary>
    /// <paramref name="message"/> about the field <paramref name="key"/> with the field named by <paramref name="label"/>: the path
    /// replaced where the message holds it, or its last name where the message starts with it. With <paramref name="named"/>, a
    /// message that names no field is prefixed "Label: " (a summary away from the field); without, it is left as is (next to the field).
    /// </summary>
    public static string Labelled(string key, string message, string? label, bool named = false)
    {
        if (string.IsNullOrWhiteSpace(label) || key.Length == 0 || Names(message, label))
        {
            return message;
        }
        if ((key.Contains('.') || key.Contains('[')) && message.Contains(key, StringComparison.Ordinal))
        {
            return message.Replace(key, label, StringComparison.Ordinal);
        }
        var leaf = LeafOf(key);
        if (leaf.Length > 0 && message.StartsWith(leaf, StringComparison.Ordinal) && message.Length > leaf.Length && message[leaf.Length] is ' ' or ':' or ',')
        {
            return label + message[leaf.Length..];
        }
        return named ? $"{label}: {message}" : message;
    }

    /// <summary>
    /// Whether the message already starts by naming the field: with its label, or with most of its words ("Expected revenue has 3
    /// decimals" for the label "Expected revenue amount").
    /// </summary>
    private static bool Names(string message, string label)
    {
        if (message.StartsWith(label, StringComparison.Ordinal))
        {
            return true;
        }
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var said = message.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var common = words.Zip(said).TakeWhile(p => string.Equals(p.First, p.Second, StringComparison.Ordinal)).Count();
        return common > 0 && common * 2 >= words.Length;
    }

    /// <summary>The last name of a path: <c>debit</c> of <c>lines[2].debit</c>, <c>Email</c> of <c>ContactPart.Email</c>.</summary>
    private static string LeafOf(string key)
    {
        var at = key.LastIndexOfAny(['.', ']']);
        return at < 0 ? key : key[(at + 1)..];
    }
}
