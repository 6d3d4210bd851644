using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// Imports contacts from a CSV file in two steps, as Odoo's importer does: the upload is tried (a dry run: nothing is
/// stored) and previewed — the first rows with their problems and duplicates, and totals for the whole file — then
/// confirmed. The file travels in the confirm form as a hidden field, so it is uploaded once. Files of more than
/// <see cref="InlineRows"/> rows are tried and imported in the background, with a progress page.
/// </summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(nameof(Permissions.ManageContacts))]
[RequestFormLimits(ValueLengthLimit = HiddenFileLimit)]
public sealed class ImportModel(ContactCsvImporter importer, ContactImportJobs jobs, ITenantBackgroundWork background, ITenantContext tenant) : PageModel
{
    /// <summary>Files with more rows are tried and imported in the background.</summary>
    public const int InlineRows = 200;

    /// <summary>The hidden field holds the file in base64: a third larger than the file.</summary>
    private const int HiddenFileLimit = 8 * 1024 * 1024;

    /// <summary>The uploaded file in base64, between preview and import.</summary>
    [BindProperty(Name = "file")]
    public string FileData { get; set; } = "";

    [BindProperty(Name = "fileName")]
    public string FileName { get; set; } = "";

    [BindProperty(Name = "duplicates")]
    public string Duplicates { get; set; } = "skip";

    [BindProperty(Name = "invalid")]
    public string Invalid { get; set; } = "stop";

    /// <summary>The tried or finished import, to show.</summary>
    public ContactImportView? Result { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Tries the uploaded file and shows the preview.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("upload", "Choose a CSV file with a header row and one row per contact.");
            return Refused();
        }
        byte[]? bytes;
        await using (var stream = upload.OpenReadStream())
        {
            bytes = await ContactCsvImporter.ReadUploadAsync(stream, ct);
        }
        if (bytes is null)
        {
            ModelState.AddModelError("upload", ContactCsvImporter.TooLargeMessage);
            return Refused();
        }
        FileName = Path.GetFileName(upload.FileName);
        return await RunAsync(bytes, dryRun: true, ct);
    }

    /// <summary>Tries the file again with other choices (no upload).</summary>
    public Task<IActionResult> OnPostCheckAsync(CancellationToken ct) => FromHiddenFieldAsync(dryRun: true, ct);

    /// <summary>Imports the previewed file.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => FromHiddenFieldAsync(dryRun: false, ct);

    private async Task<IActionResult> FromHiddenFieldAsync(bool dryRun, CancellationToken ct)
    {
        if (ContactImportView.Decode(FileData) is not { } bytes)
        {
            ModelState.AddModelError("upload", "The file was lost on the way; upload it again.");
            return Refused();
        }
        return await RunAsync(bytes, dryRun, ct);
    }

    private async Task<IActionResult> RunAsync(byte[] bytes, bool dryRun, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var options = ContactImportOptions.Parse(dryRun ? "true" : "false", Duplicates, Invalid, errors);
        var read = await importer.ReadAsync(bytes, ct);
        foreach (var (key, message) in errors.Concat(read.Errors))
        {
            ModelState.AddModelError(key is "duplicates" or "invalid" ? key : "upload", key is "file" or "duplicates" or "invalid" ? message : $"{key}: {message}");
        }
        if (read.File is null || errors.Count > 0)
        {
            return Refused();
        }
        FileData = Convert.ToBase64String(bytes);
        if (read.File.Table.Records.Count > InlineRows)
        {
            var job = jobs.Start(background, tenant.Name, new ContactImportJob(FileName, bytes, options, read.File.Table.Records.Count));
            return LocalRedirect(Url.Content("~" + ContactAdminUrls.ImportProgress(job.Id)));
        }
        var report = await importer.ImportAsync(read.File, options, null, ct);
        Result = new ContactImportView(read.File, report, FileData, FileName, Duplicates, Invalid);
        // A refused import answers 400 (its unit of work is rolled back already); a preview with invalid rows is a success.
        return report.Stored || report.DryRun ? Page() : Refused();
    }

    private PageResult Refused() => new() { StatusCode = StatusCodes.Status400BadRequest };
}
