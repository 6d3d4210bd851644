using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Csv;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Writes the companies and people that match a list filter as CSV, ordered by name, with a header row: the standard
/// columns, then every other field of the two types as <c>Part.Field</c>. Importing the file into a company without
/// contacts reproduces them under the same ids (see <see cref="ContactCsvImporter"/>). Items of other types that carry a
/// ContactPart are left out, as the import would refuse them.
/// </summary>
public sealed class ContactCsvExporter(ContactService contacts, IContentDefinitionService definitions)
{
    private const int PageSize = 100;

    /// <summary>The file's bytes, written by the kernel's <see cref="CsvWriter"/>: UTF-8 with a byte order mark, cells that would start a formula neutralised.</summary>
    public async Task<byte[]> ExportAsync(ContactListRequest filter, CancellationToken cancellationToken)
    {
        var columns = (await ContactCsvSchema.LoadAsync(definitions, cancellationToken)).ExportColumns();
        using var stream = new MemoryStream();
        await using (var writer = new StreamWriter(stream, CsvWriter.Encoding))
        {
            CsvWriter.Write(writer, [columns.Select(c => c.Header).ToList()]);
            for (var page = 1; ; page++)
            {
                var (items, total) = await contacts.ListAsync(filter with { Page = page, PageSize = PageSize }, cancellationToken);
                CsvWriter.Write(writer, items.Where(i => ContactService.ContactTypes.Contains(i.Item.ContentType)).Select(i => Cells(i.Item, columns)));
                if ((long)page * PageSize >= total)
                {
                    break;
                }
            }
        }
        return stream.ToArray();
    }

    /// <summary>A file name that says what and when: contacts-2026-11-26.csv.</summary>
    public static string FileName(DateTimeOffset now) => $"contacts-{now:yyyy-MM-dd}.csv";

    private static IReadOnlyList<string> Cells(ContentItem item, IReadOnlyList<ContactCsvColumn> columns) => columns.Select(column => column.Kind switch
    {
        ContactColumnKind.Id => item.ContentItemId,
        ContactColumnKind.Type => item.ContentType,
        ContactColumnKind.Name => item.Part(ContactCsvSchema.TitlePart)?["Title"]?.ToString() ?? item.DisplayText ?? "",
        ContactColumnKind.Company => column.For(item.ContentType) is { } f
            ? Models.PersonIndex.CompanyId(item.Part(f.Part)) ?? ""
            : "",
        _ => column.For(item.ContentType) is { } field ? ContactCsvValues.Cell(item.Part(field.Part)?[field.Field.Name] as JsonObject, field.Field) : "",
    }).ToList();
}
