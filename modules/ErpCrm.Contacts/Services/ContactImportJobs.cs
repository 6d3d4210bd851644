using System.Collections.Concurrent;
using ErpCrm.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Contacts.Services;

/// <summary>An import (or a dry run) running in the background for the import page: rows done of total, then the report.</summary>
public sealed class ContactImportJob
{
    private volatile int _done;

    internal ContactImportJob(string tenant, string fileName, byte[] file, ContactImportOptions options, int total)
    {
        Tenant = tenant;
        FileName = fileName;
        File = file;
        Options = options;
        Total = total;
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The tenant it runs on: only that tenant's pages find it.</summary>
    public string Tenant { get; }

    public string FileName { get; }

    /// <summary>The uploaded file, kept so that a dry run's preview can be confirmed without uploading it again.</summary>
    public byte[] File { get; }

    public ContactImportOptions Options { get; }

    public int Total { get; }

    public int Done => _done;

    public Task<ContactImportReport> Completion { get; internal set; } = null!;

    internal void Report(int done) => _done = done;
}

/// <summary>
/// Runs large imports off the request (through <see cref="ITenantBackgroundWork"/>, so as the user who started them), so
/// that the page can show a progress bar and a closed browser does not stop an import halfway. The jobs live in this
/// process; finished ones are forgotten after an hour.
/// </summary>
public sealed class ContactImportJobs
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, (ContactImportJob Job, DateTimeOffset Started)> _jobs = new();

    public ContactImportJob Start(ITenantBackgroundWork background, string tenant, string fileName, byte[] file, ContactImportOptions options, int total)
    {
        foreach (var (id, entry) in _jobs)
        {
            if (DateTimeOffset.UtcNow - entry.Started > KeepFinished && entry.Job.Completion.IsCompleted)
            {
                _jobs.TryRemove(id, out _);
            }
        }
        var job = new ContactImportJob(tenant, fileName, file, options, total);
        job.Completion = background.Start(async (services, ct) =>
        {
            var importer = services.GetRequiredService<ContactCsvImporter>();
            var read = await importer.ReadAsync(file, ct);
            if (read.File is null)
            {
                throw new InvalidOperationException(string.Join(" ", read.Errors.Values));
            }
            return await importer.ImportAsync(read.File, options, new RowsDone(job), ct);
        });
        _jobs[job.Id] = (job, DateTimeOffset.UtcNow);
        return job;
    }

    /// <summary>The job with this id, if it belongs to <paramref name="tenant"/>.</summary>
    public ContactImportJob? Find(Guid id, string tenant) =>
        _jobs.TryGetValue(id, out var entry) && string.Equals(entry.Job.Tenant, tenant, StringComparison.Ordinal) ? entry.Job : null;

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to a context the background has not).</summary>
    private sealed class RowsDone(ContactImportJob job) : IProgress<int>
    {
        public void Report(int value) => job.Report(value);
    }
}
