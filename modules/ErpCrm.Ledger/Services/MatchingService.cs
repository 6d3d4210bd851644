using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Security;

namespace ErpCrm.Ledger.Services;

/// <summary>A match: part or all of a debit line settled by a credit line.</summary>
public sealed record LineMatch(long Id, long DebitLineId, long CreditLineId, long Amount, DateOnly Date);

/// <summary>What a matching did, and what is still open on each line given.</summary>
public sealed record MatchResult(IReadOnlyList<LineMatch> Matches, IReadOnlyList<(long LineId, long Residual)> Open);

/// <summary>
/// Partner matching: invoice lines against payment lines on one receivable or payable account and one contact, oldest first, fully
/// or partly, so that what is still open is known (aged reports read it). Posted lines never change: matches are rows of their own,
/// and a line is never matched beyond its amount (rows are locked while matching).
/// </summary>
public sealed class MatchingService(IUnitOfWork unitOfWork, AccountService accounts, TimeProvider clock, ICurrentActor actor)
{
    public const int MaxLines = 200;

    public async Task<Result<MatchResult>> MatchAsync(IReadOnlyList<long> lineIds, CancellationToken cancellationToken)
    {
        var ids = lineIds.Distinct().ToList();
        if (ids.Count is < 2 or > MaxLines)
        {
            return Result.Invalid("lineIds", $"lineIds lists from 2 to {MaxLines} lines: at least one debit and one credit.");
        }
        await unitOfWork.BeginWriteAsync(cancellationToken);
        var parameters = new Dictionary<string, object?>();
        var names = new List<string>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            names.Add($"@l{i}");
            parameters[$"l{i}"] = ids[i];
        }
        var inList = string.Join(", ", names);
        var lines = (await unitOfWork.QueryAsync<LineRow>($"""
            SELECT l.id AS Id, l.account_code AS Account, l.contact_id AS ContactId, l.debit AS Debit, l.credit AS Credit, l.date AS Date, l.posted AS Posted
            FROM ledger_lines l WHERE l.id IN ({inList}) {unitOfWork.Dialect.ForUpdate}
            """, parameters, cancellationToken)).ToDictionary(l => l.Id);
        var missing = ids.Where(id => !lines.ContainsKey(id) || lines[id].Posted == 0).ToList();
        if (missing.Count > 0)
        {
            return Result.Invalid("lineIds", $"Not posted lines: {string.Join(", ", missing)}. Only posted lines are matched.");
        }
        var first = lines[ids[0]];
        if (lines.Values.Any(l => l.Account != first.Account) || lines.Values.Any(l => l.ContactId != first.ContactId))
        {
            return Result.Invalid("lineIds", "Matched lines share one account and one contact.");
        }
        if (await accounts.FindAsync(first.Account, cancellationToken) is not { } account || !AccountSubtypes.IsPartnerAccount(account.Subtype))
        {
            return Result.Invalid("lineIds", $"Account {first.Account} is not a receivable or payable account: its lines are not matched.");
        }
        var matched = (await unitOfWork.QueryAsync<(long LineId, long Amount)>($"""
            SELECT debit_line_id, CAST(SUM(amount) AS BIGINT) FROM ledger_matches WHERE debit_line_id IN ({inList}) GROUP BY debit_line_id
            UNION ALL
            SELECT credit_line_id, CAST(SUM(amount) AS BIGINT) FROM ledger_matches WHERE credit_line_id IN ({inList}) GROUP BY credit_line_id
            """, parameters, cancellationToken)).GroupBy(m => m.LineId).ToDictionary(g => g.Key, g => g.Sum(m => m.Amount));
        long Residual(LineRow line) => line.Debit + line.Credit - matched.GetValueOrDefault(line.Id);
        var debits = lines.Values.Where(l => l.Debit > 0 && Residual(l) > 0).OrderBy(l => l.Date, StringComparer.Ordinal).ThenBy(l => l.Id).ToList();
        var credits = lines.Values.Where(l => l.Credit > 0 && Residual(l) > 0).OrderBy(l => l.Date, StringComparer.Ordinal).ThenBy(l => l.Id).ToList();
        if (debits.Count == 0 || credits.Count == 0)
        {
            return Result.Conflict("Nothing to match: the lines need an open debit and an open credit.", "lineIds");
        }
        var open = lines.Values.ToDictionary(l => l.Id, Residual);
        var made = new List<LineMatch>();
        var now = clock.GetUtcNow().UtcDateTime.ToString("O");
        for (int d = 0, c = 0; d < debits.Count && c < credits.Count;)
        {
            var debit = debits[d];
            var credit = credits[c];
            var amount = Math.Min(open[debit.Id], open[credit.Id]);
            var date = string.CompareOrdinal(debit.Date, credit.Date) >= 0 ? debit.Date : credit.Date;
            var id = await unitOfWork.ExecuteScalarAsync<long>("""
                INSERT INTO ledger_matches (debit_line_id, credit_line_id, amount, date, created_utc, created_by)
                VALUES (@Debit, @Credit, @Amount, @Date, @Now, @User) RETURNING id
                """, new { Debit = debit.Id, Credit = credit.Id, Amount = amount, Date = date, Now = now, User = actor.Actor.UserKey }, cancellationToken);
            made.Add(new LineMatch(id, debit.Id, credit.Id, amount, LedgerDates.Parse(date)));
            open[debit.Id] -= amount;
            open[credit.Id] -= amount;
            if (open[debit.Id] == 0)
            {
                d++;
            }
            if (open[credit.Id] == 0)
            {
                c++;
            }
        }
        return Result.Done(new MatchResult(made, ids.Select(id => (id, open[id])).ToList()));
    }

    /// <summary>Removes every match of a line (a payment put against the wrong invoice); the lines themselves never change.</summary>
    public async Task<int> UnmatchAsync(long lineId, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync("DELETE FROM ledger_matches WHERE debit_line_id = @Id OR credit_line_id = @Id", new { Id = lineId }, cancellationToken);

    private sealed class LineRow
    {
        public long Id { get; init; }
        public string Account { get; init; } = "";
        public string? ContactId { get; init; }
        public long Debit { get; init; }
        public long Credit { get; init; }
        public string Date { get; init; } = "";
        public int Posted { get; init; }
    }
}
