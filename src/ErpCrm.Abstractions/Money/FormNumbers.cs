using System.Text;

namespace ErpCrm.Money;

/// <summary>
/// Numbers as a tenant's people type and read them in forms, in the tenant's culture (<see cref="Tenants.ITenantCulture"/>): de-DE
/// reads "1.234,56" and "1234,56" as 1234.56, en-US "1,234.56". Forms turn what was typed into the invariant text the services and
/// the API read (<see cref="ToInvariant"/>) and show stored numbers back in the culture (<see cref="Show"/>); the API itself stays
/// invariant. Thousands separators must group by three, so that "1.5" in de-DE is refused rather than read as 15.
/// </summary>
public sealed class FormNumbers
{
    /// <summary>
    /// The cultures a tenant may choose with their separators, written here because the host runs without culture data (invariant
    /// globalization); the first is the default.
    /// </summary>
    private static readonly (string Name, string DisplayName, char Decimal, char Group)[] Known =
    [
        ("en-US", "English (United States)", '.', ','), ("en-GB", "English (United Kingdom)", '.', ','), ("de-DE", "German (Germany)", ',', '.'),
        ("de-CH", "German (Switzerland)", '.', '\''), ("fr-FR", "French (France)", ',', ' '), ("es-ES", "Spanish (Spain)", ',', '.'),
        ("it-IT", "Italian (Italy)", ',', '.'), ("nl-NL", "Dutch (Netherlands)", ',', '.'), ("pt-BR", "Portuguese (Brazil)", ',', '.'),
    ];

    /// <summary>The names of the cultures a tenant may choose; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Cultures = [.. Known.Select(k => k.Name)];

    /// <summary>The default: en-US, '.' before decimals and ',' between thousands.</summary>
    public static readonly FormNumbers Default = new(Cultures[0]);

    private readonly char _decimal;
    private readonly char _group;

    /// <summary>The numbers of <paramref name="culture"/> (a name of <see cref="Cultures"/>); any other name is the default's.</summary>
    public FormNumbers(string? culture)
    {
        var known = Known.FirstOrDefault(k => string.Equals(k.Name, culture?.Trim(), StringComparison.OrdinalIgnoreCase));
        (Culture, DisplayName, _decimal, _group) = known.Name is null ? Known[0] : known;
    }

    /// <summary>The culture's name, e.g. de-DE.</summary>
    public string Culture { get; }

    /// <summary>The culture's name in English, e.g. German (Germany).</summary>
    public string DisplayName { get; }

    /// <summary>The character before decimals.</summary>
    public char DecimalSeparator => _decimal;

    /// <summary>The character between thousands (a plain space for fr-FR, which also reads a no-break space).</summary>
    public char GroupSeparator => _group;

    /// <summary>An amount as this culture writes it, for hints and errors: <c>1.234,56</c>.</summary>
    public string Example => Show("1234.56", groupThousands: true);

    /// <summary>The error of a field whose text is not a number in this culture: "Amount: enter a number like 1.234,56."</summary>
    public string NotANumber(string label) => $"{label}: enter a number like {Example}.";

    /// <summary>
    /// What was typed as the invariant text services read ("1234.56"), or null when it is not a number in this culture. Empty text stays
    /// empty. Accepts an optional sign, thousands grouped by three with the culture's separator, and the culture's decimal separator.
    /// </summary>
    public string? ToInvariant(string? text)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0)
        {
            return "";
        }
        var sign = typed[0] is '-' or '+' ? typed[..1] : "";
        var body = typed[sign.Length..];
        if (_group == ' ')
        {
            body = body.Replace('\u00A0', ' ').Replace('\u202F', ' ');
        }
        var at = body.IndexOf(_decimal);
        var whole = at < 0 ? body : body[..at];
        var fraction = at < 0 ? "" : body[(at + 1)..];
        if ((at >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))) || !Whole(whole, out var digits) || (digits.Length == 0 && at < 0))
        {
            return null;
        }
        return (sign == "-" ? "-" : "") + (digits.Length == 0 ? "0" : digits) + (fraction.Length > 0 ? "." + fraction : "");
    }

    /// <summary>
    /// An invariant number ("1234.5", as stored) as this culture shows it in an input ("1.234,5"); text that is not one is shown as it
    /// is. The default culture groups thousands only with <paramref name="groupThousands"/> (a total), so that its inputs show amounts
    /// as they always did.
    /// </summary>
    public string Show(string? invariant, bool groupThousands = false)
    {
        var text = (invariant ?? "").Trim();
        var sign = text.StartsWith('-') ? "-" : "";
        var body = text.TrimStart('-', '+');
        var at = body.IndexOf('.');
        var whole = at < 0 ? body : body[..at];
        var fraction = at < 0 ? "" : body[(at + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (at >= 0 && fraction.Length == 0))
        {
            return invariant ?? "";
        }
        var grouped = new StringBuilder();
        for (var i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0 && (groupThousands || Culture != Cultures[0]))
            {
                grouped.Append(_group);
            }
            grouped.Append(whole[i]);
        }
        return sign + grouped + (fraction.Length > 0 ? _decimal + fraction : "");
    }

    /// <summary>The digits of a whole part: plain digits, or groups of three after a first group of one to three.</summary>
    private bool Whole(string whole, out string digits)
    {
        digits = "";
        if (whole.Length == 0)
        {
            return true;
        }
        var groups = whole.Split(_group);
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit))
            || (groups.Length > 1 && (groups[0].Length > 3 || groups.Skip(1).Any(g => g.Length != 3))))
        {
            return false;
        }
        digits = string.Concat(groups);
        return true;
    }
}
