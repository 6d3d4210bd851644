using System.Buffers;

namespace ErpCrm.Csv;

/// <summary>
/// Keeps spreadsheet formulas out of the files ErpCrm writes (CSV or formula injection): a cell that starts with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets, so text
/// that anyone could have typed — a lead's name from the public capture form, a journal entry's reference — would run as one
/// on the desk of whoever opens the export. OWASP's rule applies: such a cell is written with a single quote in front
/// (<see cref="Escape"/>), which spreadsheets read as "this is text". A plain number (<c>-1150.00</c>, <c>+3</c>) is not a
/// formula and is written as it is, so that amounts stay numbers.
/// <para>
/// The escape is undone on reading (<see cref="Restore"/>), and it is unambiguous: the writer also escapes text that starts
/// with a quote followed by what it escapes (a formula start, or another quote), so every text reads back exactly as it was
/// written — <c>=HYPERLINK(…)</c>, <c>-Foo</c>, <c>'=x</c> and <c>'hello</c> alike. <see cref="CsvWriter"/> and
/// <see cref="CsvReader"/> apply both; a module never calls them itself.
/// </para>
/// </summary>
public static class CsvFormulas
{
    /// <summary>The character put in front of a cell that would start a formula.</summary>
    public const char Escape = '\'';

    /// <summary>What a spreadsheet reads as the start of a formula when it comes first in a cell (OWASP's list).</summary>
    public const string FormulaStarts = "=+-@\t\r";

    private static readonly SearchValues<char> Starts = SearchValues.Create(FormulaStarts);

    /// <summary>Whether a spreadsheet would read the text as a formula: it starts with one of <see cref="FormulaStarts"/> and is not a plain number.</summary>
    public static bool StartsAsFormula(ReadOnlySpan<char> text) => text.Length > 0 && Starts.Contains(text[0]) && !IsPlainNumber(text);

    /// <summary>The text as a cell to write: with <see cref="Escape"/> in front when it would start a formula or could be mistaken for an escaped cell.</summary>
    public static string Neutralise(string text) => StartsAsFormula(text) || IsEscaped(text) ? Escape + text : text;

    /// <summary>A cell as read, with the escape <see cref="Neutralise"/> added taken off again; any other cell as it is.</summary>
    public static string Restore(string cell) => IsEscaped(cell) ? cell[1..] : cell;

    /// <summary>
    /// A quote followed by what the writer escapes. Only such cells are restored; <see cref="Neutralise"/> escapes them too, so a
    /// text that already looks escaped gets a second quote and reads back with its own.
    /// </summary>
    private static bool IsEscaped(ReadOnlySpan<char> cell) => cell.Length > 1 && cell[0] == Escape && (cell[1] == Escape || StartsAsFormula(cell[1..]));

    /// <summary>An optional sign, digits, and optionally a decimal point or comma with digits: what spreadsheets read as a number, never as a formula.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        var at = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var integer = Digits(text, ref at);
        if (integer == 0)
        {
            return false;
        }
        if (at < text.Length && text[at] is '.' or ',')
        {
            at++;
            if (Digits(text, ref at) == 0)
            {
                return false;
            }
        }
        return at == text.Length;
    }

    private static int Digits(ReadOnlySpan<char> text, ref int at)
    {
        var start = at;
        while (at < text.Length && char.IsAsciiDigit(text[at]))
        {
            at++;
        }
        return at - start;
    }
}
