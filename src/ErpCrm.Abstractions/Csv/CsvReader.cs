using System.Globalization;
using System.Text;
using ErpCrm.Http;

namespace ErpCrm.Csv;

/// <summary>
/// The one CSV reader of ErpCrm (RFC 4180), written here because the format is small and its edges are ours to choose:
/// fields in double quotes may hold the separator, quotes (doubled) and line breaks; records end with CRLF or LF (or a lone
/// CR); a UTF-8 byte order mark is skipped. The separator is ',' or ';', whichever the header line holds more of outside
/// quotes (';' is what spreadsheets in many European locales write). Blank lines are skipped. Every field comes back with
/// the formula escape of <see cref="CsvWriter"/> undone (<see cref="CsvFormulas.Restore"/>), so a file ErpCrm exported
/// imports as the very text it was made from. Nothing is thrown for a bad file: the answer is the table or a
/// <see cref="CsvError"/> saying what to fix.
/// </summary>
public static class CsvReader
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
            return (null, new(CsvErrorKind.Empty, "The file is empty: it needs a header row naming the columns, then one row per record."));
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
                    fields.Add(CsvFormulas.Restore(_field.ToString()));
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
