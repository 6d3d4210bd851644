using ErpCrm.Contacts.Services;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>What the import pages show of a tried or finished import, and what its confirm form carries.</summary>
/// <param name="Csv">The file as read (its first rows are previewed).</param>
/// <param name="File">The file in base64, for the hidden field.</param>
public sealed record ContactImportView(ContactCsvFile Csv, ContactImportReport Report, string File, string FileName, string Duplicates, string Invalid)
{
    /// <summary>How many rows the preview shows.</summary>
    public const int PreviewRows = 10;

    /// <summary>The rows the preview shows, in file order, each with its cells.</summary>
    public IEnumerable<(ContactImportRow Row, IReadOnlyList<string> Cells)> Preview =>
        Report.Rows.Take(PreviewRows).Select((row, i) => (row, Csv.Table.Records[i].Fields));

    /// <summary>The invalid rows the preview does not show.</summary>
    public IEnumerable<ContactImportRow> InvalidBeyondPreview => Report.Rows.Skip(PreviewRows).Where(r => r.Outcome == ContactImportRow.Invalid);

    /// <summary>The bytes of a base64 hidden field, or null when it is not one.</summary>
    public static byte[]? Decode(string base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>The Bootstrap badge of an outcome.</summary>
    public static string Badge(string outcome) => outcome switch
    {
        ContactImportRow.Created => "text-bg-success",
        ContactImportRow.Updated => "text-bg-primary",
        ContactImportRow.Invalid => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    /// <summary>What an outcome reads as on a dry run ("would be created") or after the import.</summary>
    public string Says(string outcome) => Report.DryRun || !Report.Stored
        ? outcome switch
        {
            ContactImportRow.Created => "to create",
            ContactImportRow.Updated => "to update",
            ContactImportRow.Skipped => "to skip",
            _ => "invalid",
        }
        : outcome;
}
