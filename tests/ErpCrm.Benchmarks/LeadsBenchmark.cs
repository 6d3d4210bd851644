using System.Diagnostics;
using System.Text.Json;
using Dapper;
using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Content;
using ErpCrm.Core.Data;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Leads.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks;

/// <summary>
/// What capturing a lead costs, on SQLite and, when a server is given, on PostgreSQL, each on a tenant set up with the
/// sales-team recipe (its stages, four scoring rules, round robin among three salespeople): every capture goes through
/// <see cref="LeadCaptureService.CaptureAsync"/> in a unit of work of its own, as a request has — validation, duplicate
/// detection against open leads and contacts, a Lead item stored through the content service (handlers, scoring, the round-robin
/// turn, the lead index and history) and the commit. One capture in ten repeats the email of an earlier one, and lands in that
/// lead's messages. Beside it, hand-written SQL on the same database does the least a capture must: in one transaction per lead,
/// look for an open lead with the email or phone, then insert one row (or append to the one found).
/// </summary>
internal static class LeadsBenchmark
{
    private const string RawTable = "bench_raw_leads";
    private static readonly string[] Salespeople = ["ann", "ben", "cat"];

    public static async Task RunAsync(BenchmarkOptions options, string dataDirectory, ResultTable table, CancellationToken cancellationToken)
    {
        Console.WriteLine($"== Lead capture ({options.LeadCaptures:N0} captures per engine, one unit of work each, one in ten a duplicate" +
            $"{(options.Quick ? $"; quick mode, the full run captures {BenchmarkOptions.Full.LeadCaptures:N0}" : "")})");
        await using var app = await RunningApp.StartAsync(BenchmarkApps.ErpCrm(dataDirectory), cancellationToken);
        var tenants = new TenantOperations(app.Services);
        await BenchmarkEngines.RunOnEachAsync(options, "Leads", engine => RunOnAsync(engine, options, tenants, table, cancellationToken), cancellationToken);
    }

    /// <summary>The i-th capture: every tenth repeats the email of the capture five before it.</summary>
    private static LeadCaptureRequest Request(int i) => new(
        $"Visitor {i}",
        i % 10 == 9 ? $"visitor{i - 5}@example.com" : $"visitor{i}@example.com",
        i % 3 == 0 ? $"+1 555 {i:D7}" : null,
        i % 2 == 0 ? $"Company {i}" : null,
        i % 5 == 0 ? "Referral" : null,
        "Please call me back about your offer.");

    private static async Task RunOnAsync(BenchmarkEngine engine, BenchmarkOptions options, TenantOperations tenants, ResultTable table, CancellationToken cancellationToken)
    {
        await tenants.RegisterAsync(engine.Tenant, cancellationToken, engine.Postgres);
        await tenants.SetUpAsync(engine.Tenant, cancellationToken, engine.Postgres, recipe: "sales-team");
        await tenants.InTenantAsync(engine.Tenant, async services =>
        {
            foreach (var name in Salespeople)
            {
                await services.GetRequiredService<UserStore>().CreateAsync(name, name + "@example.com", "Correct-horse-1", ["Salesperson"], cancellationToken);
            }
            return true;
        }, cancellationToken);
        var database = await tenants.DatabaseOfAsync(engine.Tenant, cancellationToken);
        Console.WriteLine($"-- {engine.Name}: tenant '{engine.Tenant}' set up with the sales-team recipe and {Salespeople.Length} salespeople.");
        var count = options.LeadCaptures;

        var rawRate = count / (await RawCapturesAsync(database, count, cancellationToken)).TotalSeconds;
        Console.WriteLine($"   Raw SQL: {count:N0} captures (a duplicate lookup and an insert or append, a transaction each): {rawRate:N0}/s.");

        var duplicates = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var scope = await tenants.ScopeAsync(engine.Tenant, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<LeadCaptureService>().CaptureAsync(Request(i), cancellationToken);
            if (result.Status != ResultStatus.Done)
            {
                throw new InvalidOperationException($"Capture {i} failed ({result.Status}): {result.Detail}");
            }
            duplicates += result.Value!.Created ? 0 : 1;
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
            if (!options.Quick && count >= 4 && (i + 1) % (count / 4) == 0 && i + 1 < count)
            {
                Console.WriteLine($"     {i + 1:N0} captured, {(i + 1) / watch.Elapsed.TotalSeconds:N0}/s so far.");
            }
        }
        var rate = count / watch.Elapsed.TotalSeconds;
        var owners = await OwnersAsync(database, cancellationToken);
        Console.WriteLine($"   LeadCaptureService.CaptureAsync + commit: {count:N0} in {watch.Elapsed.TotalSeconds:0.0} s: {rate:N0}/s; ErpCrm/raw {rate / rawRate:0.00}. " +
            $"{count - duplicates:N0} leads stored, {duplicates:N0} captures added to an open lead; leads per salesperson: {string.Join(", ", owners)}.");
        table.Add($"Capture leads (scored, assigned, duplicates detected), {engine.Name} ({count:N0})", $"{rate:N0}/s", $"{rawRate:N0}/s raw SQL", $"{rate / rawRate:0.00}");

        var statements = await tenants.InTenantAsync(engine.Tenant, services => StatementCounter.RecordAsync(services.GetRequiredService<IUnitOfWork>(), async () =>
        {
            await services.GetRequiredService<LeadCaptureService>().CaptureAsync(Request(count + 1), cancellationToken);
            await services.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
        }, cancellationToken), cancellationToken);
        Console.WriteLine($"   One new lead's capture and commit send {statements.Count} statements: " +
            string.Join(", ", statements.GroupBy(StatementCounter.Kind).Select(g => $"{g.Count()} {g.Key}")) + ".");
    }

    private static async Task<IReadOnlyList<long>> OwnersAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM lead_index WHERE latest = @yes GROUP BY owner_id ORDER BY owner_id", new { yes = true }, cancellationToken: cancellationToken))).ToList();
    }

    private static async Task<TimeSpan> RawCapturesAsync(DatabaseTarget database, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            CREATE TABLE {RawTable} (id VARCHAR(64) PRIMARY KEY, email_key VARCHAR(256), phone_key VARCHAR(256), status VARCHAR(16) NOT NULL,
                owner_id VARCHAR(64), score BIGINT, document TEXT NOT NULL);
            CREATE INDEX ix_{RawTable}_email ON {RawTable} (email_key);
            CREATE INDEX ix_{RawTable}_phone ON {RawTable} (phone_key);
            """, cancellationToken: cancellationToken));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var request = Request(i);
            var email = request.Email!.ToLowerInvariant();
            var phone = request.Phone is null ? null : new string(request.Phone.Where(char.IsAsciiDigit).ToArray());
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var existing = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                $"SELECT id FROM {RawTable} WHERE (email_key = @email OR phone_key = @phone) AND status = 'open' LIMIT 1", new { email, phone }, transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(existing is null
                ? $"INSERT INTO {RawTable} (id, email_key, phone_key, status, owner_id, score, document) VALUES (@id, @email, @phone, 'open', @owner, @score, @document)"
                : $"UPDATE {RawTable} SET document = document || @document WHERE id = @existing",
                new { id = Guid.NewGuid().ToString("N"), email, phone, owner = Salespeople[i % Salespeople.Length], score = i % 50, document = JsonSerializer.Serialize(request), existing },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        return watch.Elapsed;
    }
}
