using System.Globalization;
using System.Text;
using ErpCrm.Http;

namespace ErpCrm.Contacts.Services;

/// <summary>How large a CSV file may be. Each limit is checked before any row is used, and named when exceeded.</summary>
/// <param name="MaxBytes">The file's size in bytes.</param>
/// <param name="MaxRecords">Records after the header.</param>
/// <param name="MaxFieldLength">Characters in one field.</param>
/// <param name="MaxColumns">Fields in one record.</param>
public sealed record CsvLimits(int MaxBytes, int MaxRecords, int MaxFieldLength, int MaxColumns);

/// <summary>A CSV file read: the separator found on its header line, the header, and the records after it.</summary>
public sealed record CsvTable(char Separator, IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records);

/// <summary>A record after the header. <paramref name="Row"/> is its row as a spreadsheet shows it: the header is row 1.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>Why a file cannot be read at all.</summary>
public enum CsvErrorKind
{
    /// <summary>Over a size limit (bytes or records): HTTP 413.</summary>
    TooLarge,
    /// <summary>No header, or no record after it.</summary>
    Empty,
    /// <summary>Not UTF-8, or not well-formed CSV (a quote left open, text after a closing quote, a field too long or holding a control character).</summary>
    Malformed,
}

/// <summary>Why a file cannot be read, in words for the person who made it.</summary>
public sealed record CsvError(CsvErrorKind Kind, string Message);

/// <summary>
/// RFC 4180 CSV, written here because the format is small and its edges are ours to choose: fields in double quotes may
/// hold the separator, quotes (doubled) and line breaks; records end with CRLF or LF (or a lone CR); a UTF-8 byte order
/// mark is skipped. The separator is ',' or ';', whichever the header line holds more of outside quotes (';' is what
/// spreadsheets in many European locales write). Blank lines are skipped. Writing uses ',', CRLF and a byte order mark,
/// so that spreadsheets open the file as UTF-8.
/// </summary>
public static class Csv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a whole file; either the table or the reason it cannot be read.</summary>
    public static (CsvTable? Table, CsvError? Error) Read(ReadOnlySpan<byte> bytes, CsvLimits limits)
    {
        if (bytes.Length > limits.MaxBytes)
        {
            return (null, new(CsvErrorKind.TooLarge, $"The file is {Megabytes(bytes.Length)}; at most {Megabytes(limits.MaxBytes)} are allowed."));
        }
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, new(CsvErrorKind.Malformed, "The file is not UTF-8 text; save it as 'CSV UTF-8'."));
        }
        return Read(text, limits);
    }

    /// <summary>Reads decoded text (see <see cref="Read(ReadOnlySpan{byte}, CsvLimits)"/>).</summary>
    public static (CsvTable? Table, CsvError? Error) Read(string text, CsvLimits limits)
    {
        var separator = SeparatorOf(text);
        var parser = new Parser(text, separator, limits);
        var header = parser.Next(out var error);
        if (error is not null)
        {
            return (null, error);
        }
        if (header is null)
        {
            return (null, new(CsvErrorKind.Empty, "The file is empty: it needs a header row naming the columns, then one row per contact."));
        }
        var records = new List<CsvRecord>();
        while (parser.Next(out error) is { } fields)
        {
            if (records.Count == limits.MaxRecords)
            {
                return (null, new(CsvErrorKind.TooLarge, string.Create(CultureInfo.InvariantCulture, $"The file has more than {limits.MaxRecords:N0} rows; split it into files of at most {limits.MaxRecords:N0} rows.")));
            }
            records.Add(new CsvRecord(records.Count + 2, fields));
        }
        if (error is not null)
        {
            return (null, error);
        }
        return records.Count == 0
            ? (null, new(CsvErrorKind.Empty, "The file has a header but no rows."))
            : (new CsvTable(separator, header, records), null);
    }

    /// <summary>Writes records (the header first) as CSV text with CRLF line ends; the caller adds the byte order mark.</summary>
    public static void Write(TextWriter writer, IEnumerable<IReadOnlyList<string>> records, char separator = ',')
    {
        foreach (var record in records)
        {
            for (var i = 0; i < record.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(separator);
                }
                writer.Write(Field(record[i], separator));
            }
            writer.Write("\r\n");
        }
    }

    /// <summary>One field as written: quoted when it holds the separator, a quote, a line break, or spaces at its ends.</summary>
    public static string Field(string value, char separator = ',')
    {
        var quote = value.Length > 0 && (value.AsSpan().IndexOfAny(separator, '"', '\r') >= 0 || value.Contains('\n')
                                         || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]));
        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>',' unless the header line (up to its first line break outside quotes) holds more ';' than ','.</summary>
    private static char SeparatorOf(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static string Megabytes(int bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.##} MB");

    /// <summary>Reads one record at a time; <see cref="Next"/> answers null at the end (or on an error, which it sets).</summary>
    private sealed class Parser(string text, char separator, CsvLimits limits)
    {
        private int _at;
        private int _line = 1;
        private readonly StringBuilder _field = new();

        public List<string>? Next(out CsvError? error)
        {
            error = null;
            while (_at < text.Length)
            {
                var startLine = _line;
                var fields = new List<string>();
                var blank = true;
                while (true)
                {
                    if (ReadField(startLine, fields.Count + 1, out var wasQuoted) is { } problem)
                    {
                        error = problem;
                        return null;
                    }
                    blank &= !wasQuoted && _field.Length == 0;
                    fields.Add(_field.ToString());
                    if (fields.Count > limits.MaxColumns)
                    {
                        error = new(CsvErrorKind.Malformed, $"Line {startLine} has more than {limits.MaxColumns} columns.");
                        return null;
                    }
                    if (_at < text.Length && text[_at] == separator)
                    {
                        _at++;
                        blank = false;
                        continue;
                    }
                    EndOfLine();
                    break;
                }
                if (!blank)
                {
                    return fields;
                }
            }
            return null;
        }

        /// <summary>Reads a field into <see cref="_field"/>, stopping before the separator or line break that ends it.</summary>
        private CsvError? ReadField(int record, int column, out bool quoted)
        {
            _field.Clear();
            quoted = _at < text.Length && text[_at] == '"';
            if (!quoted)
            {
                while (_at < text.Length && text[_at] != separator && text[_at] is not ('\r' or '\n'))
                {
                    if (text[_at] == '"')
                    {
                        return new(CsvErrorKind.Malformed, $"Line {_line}, column {column}: a quote inside a field that does not start with one; put the whole field in quotes and double the quotes inside it.");
                    }
                    _field.Append(text[_at++]);
                }
                return Finished(record, column);
            }
            var opened = _line;
            _at++;
            while (true)
            {
                if (_at >= text.Length)
                {
                    return new(CsvErrorKind.Malformed, $"Line {opened}, column {column}: a quoted field is never closed.");
                }
                var c = text[_at++];
                if (c == '"')
                {
                    if (_at < text.Length && text[_at] == '"')
                    {
                        _field.Append('"');
                        _at++;
                        continue;
                    }
                    if (_at < text.Length && text[_at] != separator && text[_at] is not ('\r' or '\n'))
                    {
                        return new(CsvErrorKind.Malformed, $"Line {_line}, column {column}: text after a closing quote; double a quote inside a quoted field.");
                    }
                    return Finished(record, column);
                }
                if (c == '\n' || (c == '\r' && (_at >= text.Length || text[_at] != '\n')))
                {
                    _line++;
                }
                _field.Append(c);
            }
        }

        /// <summary>What is wrong with the field just read, if anything: too long, or text that <see cref="TextRules"/> refuses (a control character).</summary>
        private CsvError? Finished(int record, int column) =>
            TooLong(record, column) ?? (TextRules.Problem(_field.ToString()) is { } problem ? new(CsvErrorKind.Malformed, $"Line {record}, column {column} {problem}") : null);

        private CsvError? TooLong(int record, int column) => _field.Length > limits.MaxFieldLength
            ? new(CsvErrorKind.Malformed, string.Create(CultureInfo.InvariantCulture, $"Line {record}, column {column} is {_field.Length:N0} characters long; at most {limits.MaxFieldLength:N0} are allowed."))
            : null;

        private void EndOfLine()
        {
            if (_at < text.Length && text[_at] == '\r')
            {
                _at++;
            }
            if (_at < text.Length && text[_at] == '\n')
            {
                _at++;
            }
            _line++;
        }
    }
}
