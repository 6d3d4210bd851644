using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using ErpCrm.Data;
using ErpCrm.Testing;
using Xunit.Abstractions;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Bad input is a 4xx, never a 500: every operation of the OpenAPI document, with every feature on and as the administrator (so that
/// authorization hides no handler), gets the classes of bad input in <see cref="BadInputs"/> in each of its route and query parameters,
/// headers and body fields, and no answer may be a server error, nor may the host log one. A failure names the operation and the input.
/// </summary>
public abstract class BadInputFuzzHttpTests(DatabaseProvider provider, ITestOutputHelper output) : SetUpHostTests(provider, ownHost: true)
{
    /// <summary>Requests in flight at once; each operation's requests go one after the other.</summary>
    private const int Parallelism = 4;

    [Fact]
    public async Task No_operation_of_the_API_answers_bad_input_with_a_server_error()
    {
        await Host.EnableEveryFeatureAsync(Admin);
        var operations = await OpenApiOperations.ReadAsync(Admin);
        // The document lists every module's operations, the public ones and those that read their body themselves.
        Assert.Superset(new HashSet<string> { "POST /api/leads/capture", "POST /api/recipes/run", "POST /api/contacts/import", "GET /api/ledger/verify",
            "POST /api/ledger/entries", "PUT /api/ledger/entries/{id}", "POST /api/ledger/fiscal-years", "GET /api/ledger/reports/balance-sheet" },
            operations.Select(o => o.Key).ToHashSet());
        var seeds = await FuzzSamples.SeedAsync(Admin);
        var unsampled = operations.Where(o => o.TakesBody && !FuzzSamples.ByOperation.ContainsKey(o.Key)).ToList();
        Assert.True(unsampled.Count == 0, "Operations that take a body need a representative one in FuzzSamples: " + string.Join(", ", unsampled));
        var log = ServerErrorLog.AttachTo(Host);

        var failures = new ConcurrentQueue<string>();
        var count = 0;
        var clock = Stopwatch.StartNew();
        // One lane per area, its requests one after the other in the document's order, so that the same requests meet the same state
        // on every run and lanes never race each other for the same records; deleting comes after everything else, so that the records
        // the other operations name are there while they are tried.
        foreach (var deleting in new[] { false, true })
        {
            var lanes = operations
                .Where(o => (o.Method == "DELETE") == deleting)
                .SelectMany(o => BadInputs.For(o, FuzzSamples.ByOperation.GetValueOrDefault(o.Key), seeds))
                .GroupBy(r => Lane(r.Operation));
            await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (lane, ct) =>
            {
                foreach (var request in lane)
                {
                    Interlocked.Increment(ref count);
                    if (await SendAsync(request, ct) is { } failure)
                    {
                        failures.Enqueue(failure);
                    }
                }
            });
        }

        output.WriteLine($"{count} requests to {operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s.");
        var problems = failures.Concat(log.Errors.Select(e => "logged: " + e)).ToList();
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }
        Assert.True(problems.Count == 0, $"{problems.Count} server errors:\n" + string.Join("\n", problems.Take(200)));
    }

    /// <summary>The area an operation writes in: content definitions, contacts and their items, leads, the ledger, identity (recipes write roles).</summary>
    private static string Lane(string operation) => operation.Split(' ')[1].Split('/')[2] switch
    {
        "content-types" or "content-parts" or "content-definitions" => "definitions",
        "content" or "contacts" => "contacts",
        "users" or "roles" or "me" or "permissions" or "audit" or "features" or "recipes" => "identity",
        var area => area,
    };

    /// <summary>Sends the request; a description of the failure when the answer is a server error or there is none.</summary>
    private async Task<string?> SendAsync(FuzzRequest request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
        }
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var response = await Admin.SendAsync(message, ct);
            if ((int)response.StatusCode < 500)
            {
                return null;
            }
            var text = await response.Content.ReadAsStringAsync(ct);
            return $"{request}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}";
        }
        catch (HttpRequestException e)
        {
            return $"{request}: no answer ({e.Message})";
        }
    }
}

public sealed class SqliteBadInputFuzzHttpTests(ITestOutputHelper output) : BadInputFuzzHttpTests(DatabaseProvider.Sqlite, output);

public sealed class PostgresBadInputFuzzHttpTests(ITestOutputHelper output) : BadInputFuzzHttpTests(DatabaseProvider.Postgres, output);
