using System.Text;
using ErpCrm.Csv;

namespace ErpCrm.Core.Tests;

/// <summary>The kernel's RFC 4180 reader and writer, which every module's import and export use.</summary>
public sealed class CsvTests
{
    private static readonly CsvLimits Roomy = new(MaxBytes: 1024 * 1024, MaxRecords: 100, MaxFieldLength: 1000, MaxColumns: 20);

    private static CsvTable Read(string text, CsvLimits? limits = null)
    {
        var (table, error) = CsvReader.Read(Encoding.UTF8.GetBytes(text), limits ?? Roomy);
        Assert.True(table is not null, error?.Message);
        return table;
    }

    private static CsvError Refused(string text, CsvLimits? limits = null) => Refused(Encoding.UTF8.GetBytes(text), limits);

    private static CsvError Refused(byte[] bytes, CsvLimits? limits = null)
    {
        var (table, error) = CsvReader.Read(bytes, limits ?? Roomy);
        Assert.Null(table);
        return error!;
    }

    [Fact]
    public void Quoted_fields_hold_separators_doubled_quotes_and_line_breaks()
    {
        var table = Read("Name,Notes\r\n\"Acme, Inc.\",\"He said \"\"hi\"\"\r\nthen left\"\r\nBolts,\"\"\r\n");

        Assert.Equal(["Name", "Notes"], table.Header);
        Assert.Equal(["Acme, Inc.", "He said \"hi\"\r\nthen left"], table.Records[0].Fields);
        Assert.Equal(["Bolts", ""], table.Records[1].Fields);
    }

    [Fact]
    public void Rows_are_numbered_as_a_spreadsheet_shows_them_whatever_line_breaks_a_field_holds()
    {
        var table = Read("Name,Notes\n\"A\",\"one\ntwo\nthree\"\nB,x\n");

        Assert.Equal([2, 3], table.Records.Select(r => r.Row));
    }

    [Fact]
    public void The_separator_is_a_semicolon_when_the_header_line_has_more_of_them_outside_quotes()
    {
        Assert.Equal(';', Read("\"Name, full\";Email;Phone\nAcme;a@x;1,5\n").Separator);
        Assert.Equal(["Acme", "a@x", "1,5"], Read("\"Name, full\";Email;Phone\nAcme;a@x;1,5\n").Records[0].Fields);
        Assert.Equal(',', Read("Name,Email\n\"a;b;c\",x\n").Separator);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_crlf_lf_cr_and_blank_lines_are_all_understood()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes("Name\r\nA\n\nB\rC\r\n\r\n")).ToArray();

        var (table, _) = CsvReader.Read(bytes, Roomy);

        Assert.Equal("Name", table!.Header[0]);
        Assert.Equal(["A", "B", "C"], table.Records.Select(r => r.Fields[0]));
    }

    [Theory]
    [InlineData("Name\n\"Acme\n", "Line 2, column 1: a quoted field is never closed")]
    [InlineData("Name,Email\nA,\"x\"y\n", "Line 2, column 2: text after a closing quote")]
    [InlineData("Name\nAc\"me\n", "Line 2, column 1: a quote inside a field")]
    public void Malformed_csv_is_refused_naming_the_line_and_column(string text, string reason)
    {
        var error = Refused(text);

        Assert.Equal(CsvErrorKind.Malformed, error.Kind);
        Assert.StartsWith(reason, error.Message);
    }

    [Theory]
    [InlineData("Name,Notes\nAcme,\"say \0 hi\"\n", "Line 2, column 2 must not contain control characters other than line breaks and tabs (U+0000 at position 5)")]
    [InlineData("Name,Notes\nAc\u001bme,fine\n", "Line 2, column 1 must not contain control characters other than line breaks and tabs (U+001B at position 3)")]
    public void A_field_holding_a_control_character_is_refused_naming_the_line_and_column(string text, string reason)
    {
        var error = Refused(text);

        Assert.Equal(CsvErrorKind.Malformed, error.Kind);
        Assert.StartsWith(reason, error.Message);
    }

    [Fact]
    public void Tabs_and_line_breaks_inside_a_field_are_text()
    {
        Assert.Equal("a\tb\r\nc", Read("Name,Notes\nAcme,\"a\tb\r\nc\"\n").Records[0].Fields[1]);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused()
    {
        var error = Refused([.. Encoding.UTF8.GetBytes("Name\nCaf"), 0xE9, (byte)'\n']);

        Assert.Equal(CsvErrorKind.Malformed, error.Kind);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void An_empty_file_and_a_header_without_rows_are_refused_as_empty()
    {
        Assert.Equal(CsvErrorKind.Empty, Refused("").Kind);
        Assert.Equal(CsvErrorKind.Empty, Refused("\r\n\r\n").Kind);
        Assert.Equal(CsvErrorKind.Empty, Refused("Name,Email\r\n").Kind);
    }

    [Fact]
    public void Each_limit_is_enforced_and_named()
    {
        var small = new CsvLimits(MaxBytes: 64, MaxRecords: 2, MaxFieldLength: 5, MaxColumns: 3);

        var bytes = Refused(new string('x', 65), small);
        var records = Refused("N\na\nb\nc\n", small);
        var field = Refused("N\nabcdef\n", small);
        var columns = Refused("a,b,c,d\n1,2,3,4\n", small);

        Assert.Equal((CsvErrorKind.TooLarge, CsvErrorKind.TooLarge), (bytes.Kind, records.Kind));
        Assert.Contains("more than 2 rows", records.Message);
        Assert.Equal(CsvErrorKind.Malformed, field.Kind);
        Assert.Contains("at most 5 are allowed", field.Message);
        Assert.Contains("more than 3 columns", columns.Message);
        Assert.NotNull(Read("N\nabcde\nfghij\n", small));
    }

    [Fact]
    public void Written_records_read_back_unchanged_and_only_fields_that_need_it_are_quoted()
    {
        IReadOnlyList<string>[] records =
        [
            ["Name", "Notes", "Phone"],
            ["Acme, Inc.", "Line 1\r\nLine 2", "+1 555"],
            ["Say \"hi\"", " padded ", ""],
            ["Plain", "semi;colon", "x"],
        ];
        var writer = new StringWriter();

        CsvWriter.Write(writer, records);

        Assert.StartsWith("Name,Notes,Phone\r\n\"Acme, Inc.\",\"Line 1\r\nLine 2\",'+1 555\r\n\"Say \"\"hi\"\"\",\" padded \",\r\n", writer.ToString());
        var table = Read(writer.ToString());
        Assert.Equal(records.Skip(1).Select(r => string.Join("|", r)), table.Records.Select(r => string.Join("|", r.Fields)));
    }

    private static string Written(string value)
    {
        var writer = new StringWriter();
        CsvWriter.Write(writer, [["Cell"], [value]]);
        return writer.ToString()["Cell\r\n".Length..^2];
    }

    private static string RoundTrip(string value) => Read(string.Join("", Written("Cell"), "\r\n", Written(value), "\r\n")).Records[0].Fields[0];

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1 555 0100", "'+1 555 0100")]
    [InlineData("-Foo", "'-Foo")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_written_with_a_quote_in_front(string value, string written)
    {
        Assert.Equal(written, Written(value));
    }

    [Theory]
    [InlineData("-1150.00")]
    [InlineData("+3")]
    [InlineData("-0,5")]
    [InlineData("42")]
    [InlineData("Acme")]
    [InlineData("'hello")]
    public void Plain_numbers_and_text_are_written_as_they_are_so_amounts_stay_numbers(string value)
    {
        Assert.Equal(value.Contains(',') ? $"\"{value}\"" : value, Written(value));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("-Foo")]
    [InlineData("-1150.00")]
    [InlineData("'=1+1")]
    [InlineData("''=1+1")]
    [InlineData("'hello")]
    [InlineData("'-5")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("\t")]
    [InlineData("-")]
    public void Every_text_reads_back_exactly_as_it_was_written(string value)
    {
        Assert.Equal(value, RoundTrip(value));
    }

    [Fact]
    public void No_text_of_quotes_formula_starts_digits_and_letters_is_written_as_a_formula_or_read_back_otherwise()
    {
        const string alphabet = "'=-+@\t1.a";
        var texts = new List<string> { "" };
        for (var length = 1; length <= 4; length++)
        {
            texts.AddRange(texts.Where(t => t.Length == length - 1).SelectMany(t => alphabet.Select(c => t + c)).ToList());
        }

        foreach (var text in texts.Skip(1)) // an empty record is a blank line, which the reader skips
        {
            var cell = CsvWriter.Field(text).Trim('"');
            Assert.False(CsvFormulas.StartsAsFormula(cell), $"'{text}' is written as '{cell}'");
            Assert.Equal(text, RoundTrip(text));
        }
    }

    [Fact]
    public void A_quote_in_front_of_a_formula_in_a_file_from_elsewhere_reads_as_the_text_a_spreadsheet_shows()
    {
        var table = Read("Name,Phone\n'=1+1,'+44 20 7946 0000\n'hello,''quoted\n");

        Assert.Equal(["=1+1", "+44 20 7946 0000"], table.Records[0].Fields);
        Assert.Equal(["'hello", "'quoted"], table.Records[1].Fields);
    }
}
