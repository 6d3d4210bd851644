using ErpCrm.Contacts.Services;
using ErpCrm.Csv;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ErpCrm.Contacts.Endpoints;

/// <summary>
/// Contacts as CSV: <c>GET /api/contacts/export.csv?q=&amp;role=&amp;type=</c> downloads the contacts the list would show, and
/// <c>POST /api/contacts/import?dryRun=&amp;duplicates=skip|update|create&amp;invalid=stop|skip</c> imports a file sent as the body
/// (text/csv) or as the file of a multipart form, answering every row's outcome. An import with an invalid row stores
/// nothing (unless <c>invalid=skip</c>) and answers 422 with the same report.
/// </summary>
public static class ContactsCsvApi
{
    public static void MapContactsCsvApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/contacts").WithTags(ContactsApi.Tag);
        api.MapGet("/export.csv", ExportAsync).RequirePermission(Permissions.ViewContacts).WithName("ExportContactsCsv")
            .WithSummary("The contacts the list would show, as a CSV file")
            .WithQuery("q", "Text searched in names, emails, phones and tax ids.")
            .WithQuery("role", "Customers or suppliers only.", ApiValueType.String, false, "customer", "supplier")
            .WithQuery("type", "Companies or people only.", ApiValueType.String, false, "Company", "Person")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapPost("/import", ImportAsync).RequirePermission(Permissions.ManageContacts).WithName("ImportContactsCsv")
            .WithSummary("Imports contacts from a CSV file (the body, or a multipart form's file)")
            .WithQuery("dryRun", "true checks and reports every row and stores nothing.", ApiValueType.Boolean)
            .WithQuery("duplicates", "What a row that duplicates a contact does: skip (the default), update it or create another.", ApiValueType.String, false, "skip", "update", "create")
            .WithQuery("invalid", "stop (the default: one invalid row stores nothing, 422) or skip the invalid rows.", ApiValueType.String, false, "stop", "skip")
            .WithRequestBody(typeof(string), "text/csv", "multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        HttpContext http, ContactCsvExporter exporter, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var query = http.Request.Query;
        var (role, type) = ContactListFilter.Read(query["role"], query["type"], errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var bytes = await exporter.ExportAsync(new ContactListRequest(query["q"].ToString(), role, type, 1, 1), ct);
        return TypedResults.File(bytes, "text/csv; charset=utf-8", ContactCsvExporter.FileName(clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<ContactImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpContext http, ContactCsvImporter importer, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var query = http.Request.Query;
        var options = ContactImportOptions.Parse(query["dryRun"], query["duplicates"], query["invalid"], errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        byte[]? bytes;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            if (form.Files.FirstOrDefault() is not { } upload)
            {
                return Invalid(new Dictionary<string, string> { ["file"] = "Send the CSV file as the body (text/csv) or as the file of a multipart form." });
            }
            await using var stream = upload.OpenReadStream();
            bytes = await ContactCsvImporter.ReadUploadAsync(stream, ct);
        }
        else
        {
            bytes = await ContactCsvImporter.ReadUploadAsync(http.Request.Body, ct);
        }
        if (bytes is null)
        {
            return TooLarge(ContactCsvImporter.TooLargeMessage);
        }
        var read = await importer.ReadAsync(bytes, ct);
        if (read.File is null)
        {
            return read.ErrorKind == CsvErrorKind.TooLarge ? TooLarge(read.Errors["file"]) : Invalid(read.Errors);
        }
        var report = await importer.ImportAsync(read.File, options, null, ct);
        if (report.Stored || report.DryRun)
        {
            return TypedResults.Ok(report);
        }
        return TypedResults.Problem(title: "Invalid rows",
            detail: $"{report.Invalid} of {report.Rows.Count} rows are invalid, so nothing was imported. Fix them, or import with invalid=skip to leave them out.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["stored"] = false,
                ["dryRun"] = false,
                ["created"] = report.Created,
                ["updated"] = report.Updated,
                ["skipped"] = report.Skipped,
                ["invalid"] = report.Invalid,
                ["rows"] = report.Rows,
                ["errors"] = report.Rows.Where(r => r.Errors.Count > 0)
                    .ToDictionary(r => $"row {r.Row}", r => r.Errors.Select(e => $"{e.Key}: {e.Value}").ToArray()),
            });
    }

    private static ProblemHttpResult TooLarge(string message) =>
        TypedResults.Problem(title: "File too large", detail: message, statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [message] } });

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) => ApiResults.Invalid(errors);
}
