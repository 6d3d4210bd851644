using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core;
using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Setup;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Web.Endpoints;
using ErpCrm.Security;

namespace ErpCrm.Web.Cli;

/// <summary>The command-line verbs other than <c>serve</c>. Each runs in one tenant scope, one unit of work.</summary>
internal sealed class CliCommands(IServiceProvider services, TextWriter stdout)
{
    private static readonly Dictionary<string, string> OptionOfField = new()
    {
        ["tenant"] = "--tenant", ["name"] = "--name", ["siteName"] = "--site-name", ["adminUserName"] = "--admin-user",
        ["adminEmail"] = "--admin-email", ["adminPassword"] = "--admin-password", ["database"] = "--database",
        ["connectionString"] = "--connection-string", ["recipe"] = "--recipe", ["prefix"] = "--prefix", ["host"] = "--host",
    };

    public async Task<int> SetupAsync(ParsedCommand command, CancellationToken cancellationToken)
    {
        if (command.Option("--recipe") is null)
        {
            throw new CliException("setup needs --recipe FILE|NAME (e.g. --recipe blank).");
        }
        var provider = ErpCrmCli.ParseDatabase(command.Option("--database"));
        var password = command.Option("--admin-password");
        var generated = password is null;
        password ??= GeneratePassword();
        var request = new SetupRequest(
            command.Option("--tenant") ?? TenantInfo.DefaultName,
            command.Option("--site-name"),
            command.Option("--admin-user") ?? "admin",
            command.Option("--admin-email") ?? "admin@example.com",
            password,
            provider,
            command.Option("--connection-string"),
            command.Option("--recipe"));
        var progress = new SynchronousProgress<string>(line => stdout.WriteLine(line));
        var result = await services.GetRequiredService<TenantSetupService>().SetupAsync(request, progress, cancellationToken);
        if (!result.Succeeded)
        {
            throw new CliException(Describe(result.Errors));
        }
        if (generated)
        {
            await stdout.WriteLineAsync($"Administrator '{request.AdminUserName}' has the generated password: {password}");
        }
        return 0;
    }

    public async Task<int> FeaturesListAsync(ParsedCommand command, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScopeAsync(command.Option("--tenant"), cancellationToken);
        var state = await scope.ServiceProvider.GetRequiredService<FeatureManager>().ReadAsync(cancellationToken);
        var features = scope.ServiceProvider.GetRequiredService<ModuleCatalog>().FeaturesInDependencyOrder.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        if (command.Flag("--json"))
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(features.Select(f => FeaturesApi.ToDto(f, state.Enabled.Contains(f.Id))), JsonSerializerOptions.Web));
            return 0;
        }
        var width = features.Count == 0 ? 0 : features.Max(f => f.Id.Length);
        foreach (var feature in features)
        {
            await stdout.WriteLineAsync($"{feature.Id.PadRight(width)}  {(state.Enabled.Contains(feature.Id) ? "enabled " : "disabled")}  {feature.Name}");
        }
        return 0;
    }

    public async Task<int> FeaturesChangeAsync(ParsedCommand command, bool enable, CancellationToken cancellationToken)
    {
        var ids = command.Arguments.Distinct(StringComparer.Ordinal).ToList();
        // The command line plans and writes in one go, so a conflict only means another writer came between:
        // read again and retry a few times before giving up.
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = await TenantScopeAsync(command.Option("--tenant"), cancellationToken);
            var manager = scope.ServiceProvider.GetRequiredService<FeatureManager>();
            var force = enable || command.Flag("--force");
            var result = enable
                ? await manager.EnableAsync(ids, force, null, cancellationToken)
                : await manager.DisableAsync(ids, force, null, cancellationToken);
            switch (result.Status)
            {
                case FeatureChangeStatus.Invalid:
                    throw new CliException(string.Join(" ", result.Errors));
                case FeatureChangeStatus.NeedsConfirmation:
                    throw new CliException($"disabling {string.Join(", ", ids)} would also disable {string.Join(", ", result.Plan.Additional.Select(f => f.Id))}; add --force to do so.");
                case FeatureChangeStatus.Conflict when attempt < 3:
                    continue;
                case FeatureChangeStatus.Conflict:
                    throw new CliException("the features were changed by someone else at the same time, three times over; try again.", CliException.Failure);
            }
            if (result.Plan.IsEmpty)
            {
                await stdout.WriteLineAsync($"Nothing changed: {string.Join(", ", ids)} {(ids.Count == 1 ? "is" : "are")} already {(enable ? "enabled" : "disabled")}.");
            }
            foreach (var feature in result.Plan.ToEnable)
            {
                await stdout.WriteLineAsync($"enabled   {feature.Id}{(ids.Contains(feature.Id) ? "" : feature.AutoEnable ? "  (bridge: its dependencies are on)" : "  (needed by the features enabled)")}");
            }
            foreach (var feature in result.Plan.ToDisable)
            {
                await stdout.WriteLineAsync($"disabled  {feature.Id}{(ids.Contains(feature.Id) ? "" : "  (depended on a feature disabled)")}");
            }
            return 0;
        }
    }

    public async Task<int> TenantsListAsync(CancellationToken cancellationToken)
    {
        var tenants = await services.GetRequiredService<TenantRegistry>().GetAllAsync(cancellationToken);
        var width = tenants.Max(t => t.Name.Length);
        foreach (var tenant in tenants)
        {
            var address = tenant.IsDefault ? "(default)" : tenant.RequestUrlHosts.Count > 0 ? string.Join(",", tenant.RequestUrlHosts) : "/" + tenant.RequestUrlPrefix;
            await stdout.WriteLineAsync($"{tenant.Name.PadRight(width)}  {tenant.State,-13}  {tenant.DatabaseProvider,-8}  {address}");
        }
        return 0;
    }

    public async Task<int> TenantsCreateAsync(ParsedCommand command, CancellationToken cancellationToken)
    {
        if (command.Option("--name") is null)
        {
            throw new CliException("tenants create needs --name N and --prefix P or --host H.");
        }
        if (command.Option("--prefix") is not null && command.Option("--host") is not null)
        {
            throw new CliException("give either --prefix or --host, not both.");
        }
        var hosts = command.Option("--host")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var provider = ErpCrmCli.ParseDatabase(command.Option("--database"));
        var (tenant, errors) = await services.GetRequiredService<TenantService>().CreateAsync(
            new TenantCreateRequest(command.Option("--name"), command.Option("--prefix"), hosts, provider, command.Option("--connection-string")), cancellationToken);
        if (tenant is null)
        {
            throw new CliException(Describe(errors));
        }
        await stdout.WriteLineAsync($"Created tenant '{tenant.Name}' ({tenant.DatabaseProvider}). Set it up with: setup --tenant {tenant.Name} --recipe blank");
        return 0;
    }

    public async Task<int> TokensCreateAsync(ParsedCommand command, CancellationToken cancellationToken)
    {
        var userName = command.Option("--user") ?? throw new CliException("tokens create needs --user U.");
        await using var scope = await TenantScopeAsync(command.Option("--tenant"), cancellationToken);
        var user = await scope.ServiceProvider.GetRequiredService<UserStore>().FindByNameAsync(userName, cancellationToken);
        if (user is null || !user.Enabled)
        {
            throw new CliException($"tenant '{scope.ServiceProvider.GetRequiredService<TenantAccessor>().Tenant.Name}' has no enabled user '{userName}'.");
        }
        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .IssueAsync(user.Id, command.Option("--name") ?? $"command line {services.GetRequiredService<TimeProvider>().GetUtcNow():yyyy-MM-dd HH:mm}", cancellationToken);
        if (issued.Value is null)
        {
            throw new CliException($"--name: {issued.Failure!.Detail}");
        }
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
        await stdout.WriteLineAsync(issued.Value.Token);
        return 0;
    }

    public async Task<int> RecipesListAsync()
    {
        var recipes = services.GetRequiredService<RecipeLocator>().List();
        var width = recipes.Count == 0 ? 0 : recipes.Max(r => r.Name.Length);
        foreach (var recipe in recipes)
        {
            await stdout.WriteLineAsync($"{recipe.Name.PadRight(width)}  {(recipe.IsSetupRecipe ? "setup" : "     ")}  {recipe.DisplayName}{(recipe.Description.Length > 0 ? " — " + recipe.Description : "")}");
        }
        return 0;
    }

    public async Task<int> RecipesRunAsync(ParsedCommand command, CancellationToken cancellationToken)
    {
        var (recipe, error) = services.GetRequiredService<RecipeLocator>().Resolve(command.Arguments[0]);
        if (recipe is null)
        {
            throw new CliException(error!);
        }
        TenantInfo tenant;
        IReadOnlyDictionary<string, string> parameters;
        await using (var scope = await TenantScopeAsync(command.Option("--tenant"), cancellationToken))
        {
            tenant = scope.ServiceProvider.GetRequiredService<TenantAccessor>().Tenant;
            parameters = await scope.ServiceProvider.GetRequiredService<RecipeParameters>().ForTenantAsync(cancellationToken);
        }
        var progress = new SynchronousProgress<RecipeProgress>(p => stdout.WriteLine(p.ToString()));
        var result = await services.GetRequiredService<RecipeExecutor>().RunAsync(tenant, recipe, parameters, progress, Actor.System, cancellationToken);
        if (!result.Succeeded)
        {
            throw new CliException($"recipe '{recipe.Name}' {(result.Steps.Any(s => s.Status == "done") ? "stopped" : "changed nothing")}: {RecipeErrors.Summary(result.Errors)}");
        }
        await stdout.WriteLineAsync($"Recipe '{recipe.Name}' ran: {result.Steps.Count} step(s) in {result.Steps.Sum(s => s.ElapsedMilliseconds)} ms.");
        return 0;
    }

    /// <summary>Writes the tenant's configuration as a recipe (indented JSON) to <c>--out</c> or standard output.</summary>
    public async Task<int> RecipesExportAsync(ParsedCommand command, CancellationToken cancellationToken)
    {
        var types = (command.Option("--content-types") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        JsonObject recipe;
        await using (var scope = await TenantScopeAsync(command.Option("--tenant"), cancellationToken))
        {
            var exported = await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(new RecipeExportRequest(ContentTypes: types), cancellationToken);
            recipe = exported.Value ?? throw new CliException(string.Join("; ", exported.Failure!.Errors.Select(e => $"{(e.Key == "contentTypes" ? "--content-types" : e.Key)}: {e.Value.TrimEnd('.')}")) + ".");
        }
        var json = recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (command.Option("--out") is not { } path)
        {
            await stdout.WriteLineAsync(json);
            return 0;
        }
        try
        {
            await File.WriteAllTextAsync(path, json + Environment.NewLine, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--out '{path}' cannot be written: {e.Message}");
        }
        await stdout.WriteLineAsync($"Exported tenant '{command.Option("--tenant") ?? TenantInfo.DefaultName}' to {path}.");
        return 0;
    }

    private async Task<AsyncServiceScope> TenantScopeAsync(string? name, CancellationToken cancellationToken)
    {
        name ??= TenantInfo.DefaultName;
        var registry = services.GetRequiredService<TenantRegistry>();
        var tenant = await registry.FindAsync(name, cancellationToken);
        if (tenant is null)
        {
            var known = string.Join(", ", (await registry.GetAllAsync(cancellationToken)).Select(t => t.Name));
            throw new CliException($"unknown tenant '{name}' (known: {known}).");
        }
        if (tenant.State != TenantState.Running)
        {
            throw new CliException(tenant.State == TenantState.Disabled
                ? $"tenant '{tenant.Name}' is disabled."
                : $"tenant '{tenant.Name}' is not set up yet: run 'setup --tenant {tenant.Name} --recipe blank' first.");
        }
        return await services.GetRequiredService<TenantScopeFactory>().CreateAsync(tenant, cancellationToken);
    }

    private static string Describe(IReadOnlyDictionary<string, string> errors) =>
        string.Join("; ", errors.Select(e => $"{OptionOfField.GetValueOrDefault(e.Key, e.Key)}: {e.Value.TrimEnd('.')}")) + ".";

    private static string GeneratePassword() =>
        "Erp" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=') + "7";
}
