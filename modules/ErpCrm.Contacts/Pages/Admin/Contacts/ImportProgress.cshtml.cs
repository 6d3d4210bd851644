using ErpCrm.Background;
using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// An import (or its dry run) running in the background: rows done of total while it runs (htmx refreshes the status every
/// second; without JavaScript the page refreshes itself), then the preview to confirm or the outcome.
/// </summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(nameof(Permissions.ManageContacts))]
public sealed class ImportProgressModel(ContactImportJobs jobs, ContactCsvImporter importer, ITenantContext tenant) : PageModel
{
    [BindProperty(Name = "job", SupportsGet = true)]
    public Guid JobId { get; set; }

    public BackgroundRun<ContactImportJob, int, ContactImportReport> Job { get; private set; } = null!;

    /// <summary>The preview or outcome, once the job has ended.</summary>
    public ContactImportView? Result { get; private set; }

    /// <summary>Why the job stopped, when it failed (nothing is stored then).</summary>
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (jobs.Find(JobId, tenant.Name) is not { } job)
        {
            return NotFound();
        }
        Job = job;
        // A job that ends within a moment shows its outcome at once rather than one refresh later.
        await Task.WhenAny(job.Completion, Task.Delay(TimeSpan.FromMilliseconds(200), ct));
        if (job.Completion.IsCompletedSuccessfully && (await importer.ReadAsync(job.Subject.File, ct)).File is { } file)
        {
            var (fileName, bytes, options, _) = job.Subject;
            Result = new ContactImportView(file, await job.Completion, Convert.ToBase64String(bytes), fileName,
                options.Duplicates.ToString().ToLowerInvariant(), options.SkipInvalid ? "skip" : "stop");
        }
        else if (job.Completion.IsCompleted)
        {
            Failure = job.Completion.Exception?.GetBaseException().Message ?? "The import was stopped.";
        }
        return Request.Headers["HX-Request"] == "true" ? Partial("_ImportProgress", this) : Page();
    }
}
