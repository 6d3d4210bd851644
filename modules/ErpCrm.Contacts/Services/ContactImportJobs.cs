using ErpCrm.Background;
using ErpCrm.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Contacts.Services;

/// <summary>What a background import (or dry run) works on: the uploaded file, kept so that a dry run's preview can be confirmed without uploading it again.</summary>
public sealed record ContactImportJob(string FileName, byte[] File, ContactImportOptions Options, int Total);

/// <summary>
/// Runs large imports off the request (through <see cref="ITenantBackgroundWork"/>, so as the user who started them), so
/// that the page can show a progress bar (rows done of <see cref="ContactImportJob.Total"/>) and a closed browser does not
/// stop an import halfway. The runs are the host's <see cref="IBackgroundRuns"/>, of kind <see cref="RunKind"/>.
/// </summary>
public sealed class ContactImportJobs(IBackgroundRuns runs)
{
    /// <summary>The kind of the background runs of contact imports.</summary>
    public const string RunKind = "contact-import";

    public BackgroundRun<ContactImportJob, int, ContactImportReport> Start(ITenantBackgroundWork background, string tenant, ContactImportJob job) =>
        runs.Start<ContactImportJob, int, ContactImportReport>(RunKind, tenant, job, rowsDone => background.Start(async (services, ct) =>
        {
            var importer = services.GetRequiredService<ContactCsvImporter>();
            var read = await importer.ReadAsync(job.File, ct);
            if (read.File is null)
            {
                throw new InvalidOperationException(string.Join(" ", read.Errors.Values));
            }
            return await importer.ImportAsync(read.File, job.Options, rowsDone, ct);
        }));

    /// <summary>The import with this id, if it belongs to <paramref name="tenant"/>.</summary>
    public BackgroundRun<ContactImportJob, int, ContactImportReport>? Find(Guid id, string tenant) =>
        runs.Find<ContactImportJob, int, ContactImportReport>(RunKind, id, tenant);
}
