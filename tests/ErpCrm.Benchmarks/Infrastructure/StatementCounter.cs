using System.Diagnostics;
using ErpCrm.Data;
using Microsoft.Data.Sqlite;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// The SQL statements a piece of work sends to the database, as the engine's driver sees them, without a hook in ErpCrm:
/// on SQLite the engine's own trace callback on the unit of work's connection (every statement stepped, BEGIN and COMMIT
/// included); on PostgreSQL the activities Npgsql starts for each command it sends under this work (its transaction's BEGIN
/// travels with the first command and its COMMIT is not a command, so neither appears).
/// Not seen on either: what opening the unit of work's connection runs (on SQLite two PRAGMAs, before the work starts).
/// </summary>
internal static class StatementCounter
{
    public static async Task<IReadOnlyList<string>> RecordAsync(IUnitOfWork unitOfWork, Func<Task> work, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        if (await unitOfWork.GetConnectionAsync(cancellationToken) is SqliteConnection sqlite)
        {
            SQLitePCL.raw.sqlite3_trace(sqlite.Handle, (SQLitePCL.strdelegate_trace)((_, sql) => statements.Add(sql)), null);
            try
            {
                await work();
            }
            finally
            {
                // The connection goes back to the pool: it must not keep reporting to this list.
                SQLitePCL.raw.sqlite3_trace(sqlite.Handle, (SQLitePCL.strdelegate_trace?)null, null);
            }
            return statements;
        }

        using var marker = new Activity("ErpCrm.Benchmarks.StatementCount").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other work of the host (the outbox worker) runs at the same time: only this work's commands count.
                if (Within(activity, marker) && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql)
                {
                    lock (statements)
                    {
                        statements.Add(sql);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await work();
        lock (statements)
        {
            return [.. statements];
        }
    }

    private static bool Within(Activity activity, Activity marker)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == marker)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsTransactionControl(string sql) =>
        sql.TrimStart().StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase) || sql.TrimStart().StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase);

    /// <summary>"12 (+ BEGIN, COMMIT)": the statements of the work, and the transaction control the engine saw.</summary>
    public static string Count(IReadOnlyList<string> statements)
    {
        var control = statements.Where(IsTransactionControl).Select(s => s.Trim().Split(' ')[0].TrimEnd(';').ToUpperInvariant()).ToList();
        return $"{statements.Count - control.Count}{(control.Count > 0 ? $" (+ {string.Join(", ", control)})" : "")}";
    }

    /// <summary>"12 statements (+ BEGIN, COMMIT): 3 SELECT erp_content_items, ...", grouped by kind in order of first appearance.</summary>
    public static string Describe(IReadOnlyList<string> statements) =>
        $"{Count(statements)} statements: " + string.Join(", ", statements.Where(s => !IsTransactionControl(s))
            .GroupBy(Kind).Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>What a statement is, in a few words: its verb and its table ("INSERT erp_content_items").</summary>
    public static string Kind(string sql)
    {
        var words = sql.Split((char[])[' ', '\n', '\r', '\t', '(', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "(empty)";
        }
        var verb = words[0].ToUpperInvariant();
        var table = verb switch
        {
            "INSERT" => After(words, "INTO"),
            "UPDATE" => words.ElementAtOrDefault(1),
            "DELETE" or "SELECT" => After(words, "FROM"),
            _ => null,
        };
        return table is null ? string.Join(' ', words.Take(2)).TrimEnd(';') : $"{verb} {table}";
    }

    // The first table named after the keyword: "FROM (SELECT … FROM lead_index" names lead_index.
    private static string? After(string[] words, string keyword)
    {
        for (var at = 0; at + 1 < words.Length; at++)
        {
            if (words[at].Equals(keyword, StringComparison.OrdinalIgnoreCase) && !words[at + 1].Equals("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                return words[at + 1];
            }
        }
        return null;
    }
}
