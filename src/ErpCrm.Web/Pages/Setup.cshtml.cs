using ErpCrm.Background;
using ErpCrm.Core;
using ErpCrm.Core.Hosting;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Setup;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Http;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ErpCrm.Web.Pages;

/// <summary>
/// The setup page of the Default tenant before it is set up: site name, administrator, database and recipe. It runs the
/// same <see cref="TenantSetupService"/> as the <c>setup</c> verb and shows its progress: a setup that takes longer than
/// a moment continues in the background while the page refreshes itself with the steps done so far. Works without JavaScript; errors
/// stand next to their fields and what was typed is kept (but the password).
/// </summary>
public sealed class SetupModel(RecipeLocator recipes, TenantSetupService setup, IBackgroundRuns runs, IOptions<ErpCrmOptions> options) : AdminPageModel
{
    /// <summary>The kind of the background runs of setups (the host's, before any tenant is set up: no tenant).</summary>
    private const string RunKind = "setup";

    [BindProperty(Name = "siteName")] public string SiteName { get; set; } = "";
    [BindProperty(Name = "adminUserName")] public string AdminUserName { get; set; } = "admin";
    [BindProperty(Name = "adminEmail")] public string AdminEmail { get; set; } = "";
    [BindProperty(Name = "database")] public string Database { get; set; } = "sqlite";
    [BindProperty(Name = "connectionString")] public string ConnectionString { get; set; } = "";
    [BindProperty(Name = "recipe")] public string Recipe { get; set; } = "";

    public IReadOnlyList<Recipe> Recipes => recipes.List().Where(r => r.IsSetupRecipe).ToList();

    /// <summary>The steps setup reported, in order.</summary>
    public List<string> Progress { get; } = [];

    public bool Done { get; private set; }

    /// <summary>Set while a setup runs in the background: the page refreshes itself until it ends.</summary>
    public Guid? Running { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "run")] Guid? runId)
    {
        if (runId is { } id && runs.Find<string, IReadOnlyList<string>, SetupResult>(RunKind, id, tenant: null) is { } run)
        {
            return await ShowAsync(run, waitFor: TimeSpan.Zero);
        }
        if (!IsPending)
        {
            return NotFound();
        }
        Recipe = Recipes.Select(r => r.Name).FirstOrDefault(n => n == "blank") ?? Recipes.FirstOrDefault()?.Name ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "adminPassword")] string? password, [FromForm(Name = "adminPasswordConfirm")] string? confirm, CancellationToken ct)
    {
        if (!IsPending)
        {
            return NotFound();
        }
        ModelState.Clear(); // binding problems of plain text fields are not errors; setup checks every field itself
        DatabaseProvider? provider = Database switch
        {
            "postgres" => DatabaseProvider.Postgres,
            "sqlite" or "" => DatabaseProvider.Sqlite,
            _ => null,
        };
        if (provider is null)
        {
            ModelState.AddModelError("database", "Choose SQLite or PostgreSQL.");
        }
        if (password != confirm)
        {
            ModelState.AddModelError("adminPasswordConfirm", "The two passwords differ.");
        }
        if (string.IsNullOrWhiteSpace(SiteName))
        {
            // The command line names the company after the tenant when it is not given; a person setting up on this page names it.
            ModelState.AddModelError("siteName", "Enter the company name.");
        }
        var request = new SetupRequest(TenantInfo.DefaultName, SiteName, AdminUserName, AdminEmail, password, provider ?? DatabaseProvider.Sqlite,
            provider == DatabaseProvider.Postgres ? ConnectionString : null, Recipe);
        if (!ModelState.IsValid)
        {
            // Every problem at once: setup's own checks too, for the fields the page's checks left alone.
            foreach (var (field, message) in await setup.ValidateAsync(request))
            {
                if (!ModelState.ContainsKey(field) && (provider is not null || field != "connectionString"))
                {
                    ModelState.AddModelError(field, message);
                }
            }
        }
        if (ModelState.IsValid)
        {
            // The page shows every line reported so far: the run's progress is the list of them.
            var run = runs.Start<string, IReadOnlyList<string>, SetupResult>(RunKind, null, AdminUserName, progress =>
            {
                IReadOnlyList<string> lines = [];
                return setup.SetupAsync(request, new SynchronousProgress<string>(line => progress.Report(lines = [.. lines, line])), CancellationToken.None);
            }, e => new SetupResult(new Dictionary<string, string> { ["tenant"] = ErpCrm.Text.Sentence.End($"Setup failed: {e.GetBaseException().Message}") }));
            return await ShowAsync(run, options.Value.SetupAnswerWithin);
        }
        return Invalid();
    }

    /// <summary>Shows a setup's outcome if it ends within <paramref name="waitFor"/>, else its progress so far.</summary>
    private async Task<IActionResult> ShowAsync(BackgroundRun<string, IReadOnlyList<string>, SetupResult> run, TimeSpan waitFor)
    {
        if (waitFor > TimeSpan.Zero)
        {
            await Task.WhenAny(run.Completion, Task.Delay(waitFor));
        }
        Progress.AddRange(run.Current ?? []);
        AdminUserName = run.Subject;
        if (!run.Completion.IsCompleted)
        {
            if (HttpMethods.IsPost(Request.Method))
            {
                return Redirect(Url.Content("~/setup") + "?run=" + run.Id); // a refresh must not post the form again
            }
            Running = run.Id;
            return Page();
        }
        var result = await run.Completion;
        if (result.Succeeded)
        {
            Done = true;
            return Page();
        }
        ModelState.AddErrors(result.Errors);
        return Invalid();
    }

    private bool IsPending => HttpContext.Items[TenantResolutionMiddleware.SetupPendingKey] is TenantInfo;
}
