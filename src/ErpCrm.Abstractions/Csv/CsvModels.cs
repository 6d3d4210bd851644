namespace ErpCrm.Csv;

/// <summary>How large a CSV file may be. Each limit is checked before any row is used, and named when exceeded.</summary>
/// <param name="MaxBytes">The file's size in bytes.</param>
/// <param name="MaxRecords">Records after the header.</param>
/// <param name="MaxFieldLength">Characters in one field.</param>
/// <param name="MaxColumns">Fields in one record.</param>
public sealed record CsvLimits(int MaxBytes, int MaxRecords, int MaxFieldLength, int MaxColumns);

/// <summary>A CSV file read: the separator found on its header line, the header, and the records after it.</summary>
/// <param name="Separator">',' or ';'.</param>
/// <param name="Header">The header's fields, as the file names its columns.</param>
/// <param name="Records">The records after the header, in file order.</param>
public sealed record CsvTable(char Separator, IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records);

/// <summary>A record after the header. <paramref name="Row"/> is its row as a spreadsheet shows it: the header is row 1.</summary>
/// <param name="Row">The record's row number (a field with line breaks still counts as one row).</param>
/// <param name="Fields">Its fields, with the writer's formula escape undone (<see cref="CsvFormulas.Restore"/>).</param>
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
/// <param name="Kind">What went wrong (an API answers 413 for <see cref="CsvErrorKind.TooLarge"/>, 400 otherwise).</param>
/// <param name="Message">What to fix, naming the line and column where there is one.</param>
public sealed record CsvError(CsvErrorKind Kind, string Message);
