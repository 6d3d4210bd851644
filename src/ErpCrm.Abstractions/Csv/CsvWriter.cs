using System.Text;

namespace ErpCrm.Csv;

/// <summary>
/// The one CSV writer of ErpCrm (RFC 4180): every module's export goes through it, so every file is safe to open in a
/// spreadsheet. Fields are separated by ',' (or the separator given), records end with CRLF, and a field is quoted when it
/// holds the separator, a quote (doubled), a line break, or spaces at its ends. Every cell is first neutralised
/// (<see cref="CsvFormulas"/>): text that a spreadsheet would run as a formula gets a single quote in front, and
/// <see cref="CsvReader"/> takes it off again. Files are UTF-8 with a byte order mark (<see cref="Encoding"/>), so that
/// spreadsheets read accents right.
/// </summary>
public static class CsvWriter
{
    /// <summary>The encoding of CSV files: UTF-8 with a byte order mark.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The MIME type of the files, for an HTTP answer.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>A whole file: the records (the header first) in <see cref="Encoding"/>, byte order mark included.</summary>
    public static byte[] ToBytes(IEnumerable<IReadOnlyList<string>> records, char separator = ',')
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, Encoding))
        {
            Write(writer, records, separator);
        }
        return stream.ToArray();
    }

    /// <summary>Writes records (the header first) as CSV text with CRLF line ends; a writer made with <see cref="Encoding"/> adds the byte order mark.</summary>
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

    /// <summary>One field as written: neutralised (<see cref="CsvFormulas.Neutralise"/>), then quoted when it holds the separator, a quote, a line break, or spaces at its ends.</summary>
    public static string Field(string value, char separator = ',')
    {
        value = CsvFormulas.Neutralise(value);
        var quote = value.Length > 0 && (value.AsSpan().IndexOfAny(separator, '"', '\r') >= 0 || value.Contains('\n')
                                         || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]));
        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
