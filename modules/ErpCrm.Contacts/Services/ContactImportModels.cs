using ErpCrm.Csv;

namespace ErpCrm.Contacts.Services;

/// <summary>What a row that duplicates an existing contact (or an earlier row) does.</summary>
public enum DuplicateMode
{
    /// <summary>Nothing: the row is skipped, naming the contact it duplicates.</summary>
    Skip,
    /// <summary>The existing contact takes the row's non-empty cells.</summary>
    Update,
    /// <summary>A new contact is created all the same.</summary>
    Create,
}

/// <summary>How to import.</summary>
/// <param name="DryRun">Try every row and report, storing nothing (Odoo's "Test").</param>
/// <param name="Duplicates">What duplicates do.</param>
/// <param name="SkipInvalid">Import the valid rows even when some are invalid; by default one invalid row stores nothing.</param>
public sealed record ContactImportOptions(bool DryRun, DuplicateMode Duplicates, bool SkipInvalid)
{
    /// <summary>Reads the options from their query or form values; errors are keyed by the parameter's name.</summary>
    public static ContactImportOptions Parse(string? dryRun, string? duplicates, string? invalid, IDictionary<string, string> errors)
    {
        var dry = (dryRun ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "false" => false,
            "true" => true,
            _ => Error(errors, nameof(dryRun), "dryRun is true or false.", false),
        };
        var mode = (duplicates ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "skip" => DuplicateMode.Skip,
            "update" => DuplicateMode.Update,
            "create" => DuplicateMode.Create,
            _ => Error(errors, nameof(duplicates), "duplicates is skip, update or create.", DuplicateMode.Skip),
        };
        var skipInvalid = (invalid ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "stop" => false,
            "skip" => true,
            _ => Error(errors, nameof(invalid), "invalid is stop (one invalid row stores nothing) or skip (import the valid rows).", false),
        };
        return new ContactImportOptions(dry, mode, skipInvalid);
    }

    private static T Error<T>(IDictionary<string, string> errors, string name, string message, T fallback)
    {
        errors[name] = message;
        return fallback;
    }
}

/// <summary>A file read for import: its table and the column each header names.</summary>
public sealed record ContactCsvFile(CsvTable Table, IReadOnlyList<ContactCsvColumn> Columns);

/// <summary>A file read, or why it cannot be imported at all (errors keyed by the column they name, or "file").</summary>
public sealed record ContactCsvRead(ContactCsvFile? File, CsvErrorKind? ErrorKind, IReadOnlyDictionary<string, string> Errors);

/// <summary>What became of one row.</summary>
/// <param name="Row">The row as a spreadsheet numbers it (the header is row 1).</param>
/// <param name="Outcome">created, updated, skipped or invalid.</param>
/// <param name="Id">The contact created or updated (none for a contact that a dry run would create).</param>
/// <param name="DuplicateOf">The existing contact the row duplicates.</param>
/// <param name="DuplicateOfRow">The earlier row of the file the row duplicates.</param>
/// <param name="Errors">Why the row is invalid, by column.</param>
public sealed record ContactImportRow(int Row, string Outcome, string? Id, string? DuplicateOf, int? DuplicateOfRow, IReadOnlyDictionary<string, string> Errors)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Skipped = "skipped";
    public const string Invalid = "invalid";
}

/// <summary>The outcome of an import: whether anything was stored, the totals, and every row in file order.</summary>
public sealed record ContactImportReport(bool Stored, bool DryRun, int Created, int Updated, int Skipped, int Invalid, IReadOnlyList<ContactImportRow> Rows);
