using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Contacts.Models;
using ErpCrm.Csv;
using ErpCrm.Data;
using ErpCrm.Http;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Imports contacts from CSV, as users of Odoo's and ERPNext's importers expect. Invariants:
/// - the header is checked before any row: an unknown or ambiguous column refuses the whole file, naming it;
/// - every row goes through the kernel's content service (definitions, required fields, lengths, email and phone formats,
///   handlers and permissions), inside the caller's unit of work; a dry run, and a real import with an invalid row (unless
///   invalid rows are to be skipped), roll that unit of work back, so nothing at all is stored;
/// - a row with an Id updates that contact (an empty cell clears its field); an Id the tenant does not have creates the
///   contact under that id, so an export re-imports elsewhere as the same contacts;
/// - a row without an Id whose email, phone or tax id an existing contact or an earlier row has is a duplicate: skipped
///   (naming the existing contact), merged into it (its non-empty cells win) or created anyway, as the caller chooses; any other
///   row that would make a duplicate (an update, or a merge that takes a third contact's key) is invalid with the message of
///   <see cref="ContactRules"/>, unless the policy is to create duplicates;
/// - companies are imported before people, so a person may name a company (by id or exact name) anywhere in the file.
/// </summary>
public sealed class ContactCsvImporter(ContactService contacts, ContactRules rules, ContactIndexQueries index, IContentDefinitionService definitions, IUnitOfWork unitOfWork)
{
    /// <summary>The limits of one file: 5 MB, 10,000 rows, 10,000 characters a field, 100 columns.</summary>
    public static readonly CsvLimits Limits = new(MaxBytes: 5 * 1024 * 1024, MaxRecords: 10_000, MaxFieldLength: 10_000, MaxColumns: 100);

    /// <summary>An upload's bytes, or null when it is larger than <see cref="Limits"/> allow (read no further than that).</summary>
    public static Task<byte[]?> ReadUploadAsync(Stream upload, CancellationToken cancellationToken) =>
        LimitedBodies.ReadAtMostAsync(upload, Limits.MaxBytes, cancellationToken);

    /// <summary>What an upload over the size limit is told.</summary>
    public static string TooLargeMessage => $"The file is larger than {Limits.MaxBytes / 1024 / 1024} MB; split it into smaller files.";

    /// <summary>Reads a file and its header; errors are keyed by the column they name, or "file".</summary>
    public async Task<ContactCsvRead> ReadAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var (table, error) = CsvReader.Read(bytes.Span, Limits);
        if (table is null)
        {
            return new ContactCsvRead(null, error!.Kind, new Dictionary<string, string> { ["file"] = error.Message });
        }
        var schema = await ContactCsvSchema.LoadAsync(definitions, cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<ContactCsvColumn>();
        foreach (var header in table.Header)
        {
            var name = header.Trim();
            if (name.Length == 0)
            {
                errors.TryAdd("file", $"Column {columns.Count + 1} of the header has no name.");
            }
            else if (columns.Any(c => string.Equals(c.Header, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.TryAdd(name, $"The column '{name}' is in the header twice.");
            }
            else if (schema.Resolve(name, out var problem) is { } column)
            {
                columns.Add(column);
                continue;
            }
            else
            {
                errors.TryAdd(name, problem!);
            }
            columns.Add(new ContactCsvColumn(name, ContactColumnKind.Field, []));
        }
        return errors.Count > 0
            ? new ContactCsvRead(null, CsvErrorKind.Malformed, errors)
            : new ContactCsvRead(new ContactCsvFile(table, columns), null, errors);
    }

    /// <summary>Imports (or, on a dry run, tries) every row; reports each row's outcome. <paramref name="progress"/> hears rows done.</summary>
    public async Task<ContactImportReport> ImportAsync(ContactCsvFile file, ContactImportOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var run = new Run(file, options);
        var typeColumn = file.Columns.Select((c, i) => c.Kind == ContactColumnKind.Type ? i : -1).Max();
        // Companies first (a stable sort), so that people can point at companies further down the file.
        var order = file.Table.Records.Select((record, i) => (record, i))
            .OrderBy(r => typeColumn >= 0 && r.record.Fields.Count > typeColumn
                          && string.Equals(r.record.Fields[typeColumn].Trim(), ContactService.Company, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ToList();
        var rows = new ContactImportRow[file.Table.Records.Count];
        var done = 0;
        foreach (var (record, i) in order)
        {
            rows[i] = await ImportRowAsync(run, record, cancellationToken);
            progress?.Report(++done);
        }
        var invalid = rows.Count(r => r.Outcome == ContactImportRow.Invalid);
        var stored = !options.DryRun && (invalid == 0 || options.SkipInvalid);
        if (!stored)
        {
            await unitOfWork.RollbackAsync(cancellationToken);
        }
        if (!stored || options.DryRun)
        {
            // Ids of contacts created by this run name nothing once it is rolled back: rows point at rows instead.
            rows = rows.Select(r => r with
            {
                Id = r.Outcome == ContactImportRow.Created ? null : r.Id,
                DuplicateOf = r.DuplicateOfRow is null ? r.DuplicateOf : null,
            }).ToArray();
        }
        return new ContactImportReport(stored, options.DryRun,
            rows.Count(r => r.Outcome == ContactImportRow.Created), rows.Count(r => r.Outcome == ContactImportRow.Updated),
            rows.Count(r => r.Outcome == ContactImportRow.Skipped), invalid, rows);
    }

    private async Task<ContactImportRow> ImportRowAsync(Run run, CsvRecord record, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var columns = run.File.Columns;
        if (record.Fields.Skip(columns.Count).Any(f => f.Trim().Length > 0))
        {
            errors["file"] = $"The row has {record.Fields.Count} cells; the header has {columns.Count} columns.";
            return Invalid(record, errors);
        }
        var cells = columns.Select((c, i) => (Column: c, Cell: i < record.Fields.Count ? record.Fields[i] : "")).ToList();
        string Cell(ContactColumnKind kind) => cells.FirstOrDefault(c => c.Column.Kind == kind).Cell?.Trim() ?? "";
        string Header(ContactColumnKind kind) => columns.FirstOrDefault(c => c.Kind == kind)?.Header ?? kind.ToString();

        var id = Cell(ContactColumnKind.Id);
        StoredContentItem? existing = null;
        if (id.Length > 0)
        {
            var found = await contacts.GetAsync(id, cancellationToken);
            existing = found.Value;
            if (found.Status == ResultStatus.Forbidden)
            {
                errors[Header(ContactColumnKind.Id)] = found.Detail;
            }
        }
        var typeCell = Cell(ContactColumnKind.Type);
        var type = typeCell.Length == 0 ? existing?.Item.ContentType
            : ContactService.ContactTypes.FirstOrDefault(t => string.Equals(t, typeCell, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            errors[Header(ContactColumnKind.Type)] = typeCell.Length == 0
                ? "A new contact needs a Type: Company or Person."
                : $"Type is Company or Person, not '{typeCell}'.";
        }
        else if (existing is not null && existing.Item.ContentType != type)
        {
            errors[Header(ContactColumnKind.Type)] = $"The contact '{id}' is a {existing.Item.ContentType}; its type cannot change.";
        }
        var companyId = type is null ? null : await CompanyAsync(run, type, Cell(ContactColumnKind.Company), Header(ContactColumnKind.Company), errors, cancellationToken);
        if (errors.Count > 0 || type is null)
        {
            return Invalid(record, errors);
        }

        var item = existing?.Item.Clone() ?? New(id, type);
        Apply(item, cells, onlyNonEmpty: false, companyId, errors);
        if (errors.Count > 0)
        {
            return Invalid(record, errors);
        }
        ContactImportRow row;
        if (existing is not null)
        {
            row = Unchanged(existing.Item, item)
                ? Outcome(run, record, ContactImportRow.Skipped, id, null)
                : Answer(run, record, type, await contacts.UpdateAsync(id, item, existing.Revision, cancellationToken,
                    allowDuplicate: run.Options.Duplicates == DuplicateMode.Create), ContactImportRow.Updated, null);
        }
        else
        {
            var found = await rules.DuplicateOfAsync(item, null, cancellationToken);
            var duplicate = found?.Duplicate;
            // Checked just now (or allowed by the policy): the service does not look again.
            row = duplicate is null || run.Options.Duplicates == DuplicateMode.Create
                ? Answer(run, record, type, await contacts.CreateAsync(item, allowDuplicate: true, cancellationToken), ContactImportRow.Created, duplicate)
                : run.Options.Duplicates == DuplicateMode.Skip
                    ? Outcome(run, record, ContactImportRow.Skipped, duplicate.ContentItemId, duplicate)
                    : await MergeIntoAsync(run, record, type, cells, companyId, found!, cancellationToken);
        }
        if (type == ContactService.Company && row.Outcome != ContactImportRow.Invalid && (row.Id ?? row.DuplicateOf) is { } companyOfRow)
        {
            foreach (var key in new[] { Cell(ContactColumnKind.Name), id }.Where(k => k.Length > 0))
            {
                run.Companies.TryAdd(key, companyOfRow);
            }
        }
        return row;
    }

    /// <summary>A new contact with its contact part (and a person's part) even when the file has none of their columns: the
    /// contact index maps items by their ContactPart, so an item without one would be stored but never listed.</summary>
    private static ContentItem New(string id, string type)
    {
        var item = new ContentItem { ContentItemId = id, ContentType = type };
        item.GetOrCreatePart(ContactKeys.PartName);
        if (type == ContactService.Person)
        {
            item.GetOrCreatePart(PersonIndex.Part);
        }
        return item;
    }

    /// <summary>Updates the contact a row duplicates with the row's non-empty cells.</summary>
    private async Task<ContactImportRow> MergeIntoAsync(Run run, CsvRecord record, string type, List<(ContactCsvColumn Column, string Cell)> cells,
        string? companyId, ContactDuplicateError found, CancellationToken cancellationToken)
    {
        var duplicate = found.Duplicate;
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var target = await contacts.GetAsync(duplicate.ContentItemId, cancellationToken);
        if (target.Value is null || target.Value.Item.ContentType != type)
        {
            errors[ColumnOf(run.File, type, found.Path)] = target.Value is null
                ? target.Detail
                : $"{found.Message} A {type} row cannot update a {duplicate.ContentType}.";
            return Invalid(record, errors, duplicate.ContentItemId, run.RowOf(duplicate.ContentItemId));
        }
        var merged = target.Value.Item.Clone();
        Apply(merged, cells, onlyNonEmpty: true, companyId, errors);
        return errors.Count > 0
            ? Invalid(record, errors, duplicate.ContentItemId, run.RowOf(duplicate.ContentItemId))
            : Unchanged(target.Value.Item, merged)
            ? Outcome(run, record, ContactImportRow.Skipped, duplicate.ContentItemId, duplicate)
            : Answer(run, record, type, await contacts.UpdateAsync(duplicate.ContentItemId, merged, target.Value.Revision, cancellationToken), ContactImportRow.Updated, duplicate);
    }

    /// <summary>Whether a row leaves a contact as it is: then nothing is written (no new version, no trail entry) and the row is skipped.</summary>
    private static bool Unchanged(ContentItem before, ContentItem after) =>
        before.DisplayText == after.DisplayText && JsonNode.DeepEquals(before.Parts, after.Parts);

    /// <summary>A person's company from its cell: a company of this file (by name or Id), an existing company's id, or exact name.</summary>
    private async Task<string?> CompanyAsync(Run run, string type, string cell, string header, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (cell.Length == 0)
        {
            return null;
        }
        if (type != ContactService.Person)
        {
            errors[header] = $"Only a person works for a company; leave {header} empty for a {type}.";
            return null;
        }
        if (run.Companies.TryGetValue(cell, out var inFile))
        {
            return inFile;
        }
        if (await index.ContentTypeOfAsync(cell, cancellationToken) == ContactService.Company)
        {
            return cell;
        }
        var named = await index.CompaniesNamedAsync(cell, cancellationToken);
        if (named.Count == 1)
        {
            return named[0];
        }
        errors[header] = named.Count == 0
            ? $"There is no company '{cell}' (by id or exact name), neither in this company's contacts nor in the file."
            : $"Several companies are named '{cell}'; write the company's id instead.";
        return null;
    }

    /// <summary>Puts a row's cells into an item; with <paramref name="onlyNonEmpty"/> empty cells keep the item's values.</summary>
    private static void Apply(ContentItem item, List<(ContactCsvColumn Column, string Cell)> cells, bool onlyNonEmpty, string? companyId, Dictionary<string, string> errors)
    {
        foreach (var (column, cell) in cells)
        {
            var empty = cell.Trim().Length == 0;
            if (column.Kind is ContactColumnKind.Id or ContactColumnKind.Type || (empty && onlyNonEmpty))
            {
                continue;
            }
            if (column.Kind == ContactColumnKind.Name)
            {
                item.GetOrCreatePart(ContactCsvSchema.TitlePart)["Title"] = cell.Trim();
                item.DisplayText = cell.Trim();
                continue;
            }
            if (column.For(item.ContentType) is not { } field)
            {
                if (!empty)
                {
                    errors[column.Header] = $"A {item.ContentType} has no field {column.Header}; leave it empty.";
                }
                continue;
            }
            string? problem = null;
            var value = column.Kind == ContactColumnKind.Company
                ? new JsonObject { ["ContentItemIds"] = companyId is null ? new JsonArray() : new JsonArray(companyId) }
                : ContactCsvValues.Value(cell, field.Field, out problem);
            if (value is null)
            {
                errors[column.Header] = problem!;
                continue;
            }
            item.GetOrCreatePart(field.Part)[field.Field.Name] = value;
        }
        if (!onlyNonEmpty && string.IsNullOrWhiteSpace(item.Part(ContactCsvSchema.TitlePart)?["Title"]?.ToString()))
        {
            errors[cells.FirstOrDefault(c => c.Column.Kind == ContactColumnKind.Name).Column?.Header ?? "Name"] = ContactRules.NameRequired(item.ContentType);
        }
    }

    private static ContactImportRow Answer(Run run, CsvRecord record, string type, Result<StoredContentItem> result, string outcome, ContactDuplicate? duplicate)
    {
        if (result.Value is { } stored)
        {
            if (outcome == ContactImportRow.Created)
            {
                run.CreatedBy.TryAdd(stored.Item.ContentItemId, record.Row);
            }
            return Outcome(run, record, outcome, stored.Item.ContentItemId, duplicate);
        }
        var errors = result.Errors.Count == 0
            ? new Dictionary<string, string> { [ColumnOf(run.File, type, "ContentItemId")] = result.Detail }
            : result.Errors.GroupBy(e => ColumnOf(run.File, type, e.Key), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Value)), StringComparer.OrdinalIgnoreCase);
        return Invalid(record, errors, duplicate?.ContentItemId, duplicate is null ? null : run.RowOf(duplicate.ContentItemId));
    }

    /// <summary>The column of the file that an error of the kernel (keyed by JSON path) is about, else the path itself.</summary>
    private static string ColumnOf(ContactCsvFile file, string type, string path)
    {
        ContactCsvColumn? Of(ContactColumnKind kind) => file.Columns.FirstOrDefault(c => c.Kind == kind);
        if (path.StartsWith(ContactCsvSchema.TitlePart, StringComparison.Ordinal))
        {
            return Of(ContactColumnKind.Name)?.Header ?? "Name";
        }
        if (path is nameof(ContentItem.ContentItemId) or nameof(ContentItem.ContentItemVersionId))
        {
            return Of(ContactColumnKind.Id)?.Header ?? "Id";
        }
        if (path == nameof(ContentItem.ContentType))
        {
            return Of(ContactColumnKind.Type)?.Header ?? "Type";
        }
        return file.Columns.FirstOrDefault(c => c.For(type) is { } f && (path == f.Path || path.StartsWith(f.Path + ".", StringComparison.Ordinal)))?.Header ?? path;
    }

    private static ContactImportRow Outcome(Run run, CsvRecord record, string outcome, string id, ContactDuplicate? duplicate) =>
        new(record.Row, outcome, id, duplicate?.ContentItemId, duplicate is null ? null : run.RowOf(duplicate.ContentItemId), Empty);

    private static ContactImportRow Invalid(CsvRecord record, IReadOnlyDictionary<string, string> errors, string? duplicateOf = null, int? duplicateOfRow = null) =>
        new(record.Row, ContactImportRow.Invalid, null, duplicateOf, duplicateOfRow, errors);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>What one import run remembers between rows.</summary>
    private sealed class Run(ContactCsvFile file, ContactImportOptions options)
    {
        public ContactCsvFile File { get; } = file;

        public ContactImportOptions Options { get; } = options;

        /// <summary>Companies of this file by their name and Id cells (ignoring case), for the people that name them.</summary>
        public Dictionary<string, string> Companies { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Contacts this run created, by id: the row that created it.</summary>
        public Dictionary<string, int> CreatedBy { get; } = new(StringComparer.Ordinal);

        public int? RowOf(string id) => CreatedBy.TryGetValue(id, out var row) ? row : null;
    }
}
