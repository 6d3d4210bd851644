using System.Net;
using System.Net.Http.Json;

namespace ErpCrm.Testing;

/// <summary>The test modules' API (Test.Alpha's notes and logs) as a client calls it.</summary>
public static class TestModulesClient
{
    /// <summary>The note text that makes Alpha's note service throw after raising its events.</summary>
    public const string FailingNote = "fail-after-events";

    /// <summary>Where Beta's in-transaction handler of NoteAdded logs.</summary>
    public const string BetaEventSource = "beta-event";

    /// <summary>Where Alpha's outbox consumer logs, after commit.</summary>
    public const string OutboxSource = "outbox";

    public static Task<HttpResponseMessage> PostNoteAsync(this HttpClient client, string text) =>
        client.PostAsJsonAsync("api/test/notes", new { text });

    public static Task<IReadOnlyList<string>> GetNotesAsync(this HttpClient client) => GetListAsync(client, "api/test/notes");

    /// <summary>The sources of the note log rows, oldest first.</summary>
    public static Task<IReadOnlyList<string>> GetNoteLogAsync(this HttpClient client) => GetListAsync(client, "api/test/note-log");

    /// <summary>"feature:event" for every feature event Alpha heard, oldest first.</summary>
    public static Task<IReadOnlyList<string>> GetFeatureEventsAsync(this HttpClient client) => GetListAsync(client, "api/test/feature-events");

    /// <summary>"posted NUMBER TOTAL" and "reversed NUMBER by NUMBER" for every ledger event Test.LedgerEvents heard, oldest first.</summary>
    public static Task<IReadOnlyList<string>> GetLedgerEventsAsync(this HttpClient client) => GetListAsync(client, "api/test/ledger-events");

    public static async Task<int> CountLogRowsAsync(this HttpClient client, string source) =>
        (await client.GetNoteLogAsync()).Count(s => s == source);

    private static async Task<IReadOnlyList<string>> GetListAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<string>>())!;
    }
}
