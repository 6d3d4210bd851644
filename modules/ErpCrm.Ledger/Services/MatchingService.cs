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

    /// <summary>Matches the lines oldest first (<see cref="MatchingPlan"/>).</summary>
    public Task<Result<MatchResult>> MatchAsync(IReadOnlyList<long> lineIds, CancellationToken cancellationToken) =>
        MatchAsync(lineIds, null, cancellationToken);

    /// <summary>
    /// Matches the lines oldest first (<see cref="MatchingPlan"/>). <paramref name="expectedOpen"/>, when given, is what the caller showed
    /// open of each line: if any of them differs now — someone matched or unmatched it meanwhile — nothing is matched and the answer is a
    /// conflict, so that a user never confirms a match other than the one previewed. Read with the lines locked, so two users matching the
    /// same line are served one after the other and the second sees the first's match.
    /// </summary>
    public async Task<Result<MatchResult>> MatchAsync(IReadOnlyList<long> lineIds, IReadOnlyDictionary<long, long>? expectedOpen,
        CancellationToken cancellationToken)
    {
        var ids = lineIds.Distinct().ToList();
        if (ids.Count is < 2 or > MaxLines)
        {
            return Result.Invalid("lineIds", $"lineIds lists from 2 to {MaxLines} lines: at least one debit and one credit.");
        }
        await unitOfWork.BeginWriteAsync(cancellationToken);
        var (inList, parameters) = InList(ids);
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
        var candidates = lines.Values.Select(l => new MatchCandidate(l.Id, LedgerDates.Parse(l.Date), l.Debit > 0, l.Debit + l.Credit - matched.GetValueOrDefault(l.Id))).ToList();
        if (expectedOpen is not null && candidates.Any(l => expectedOpen.TryGetValue(l.LineId, out var seen) && seen != l.Open))
        {
            return Result.Conflict("Someone matched or unmatched some of these lines meanwhile, so what is open has changed: check the open items and choose again.", "lineIds");
        }
        if (!candidates.Any(l => l.IsDebit && l.Open > 0) || !candidates.Any(l => !l.IsDebit && l.Open > 0))
        {
            return Result.Conflict("Nothing to match: the lines need an open debit and an open credit.", "lineIds");
        }
        var (plan, open) = MatchingPlan.Plan(candidates);
        var made = new List<LineMatch>();
        var now = clock.GetUtcNow().UtcDateTime.ToString("O");
        foreach (var match in plan)
        {
            var id = await unitOfWork.ExecuteScalarAsync<long>("""
                INSERT INTO ledger_matches (debit_line_id, credit_line_id, amount, date, created_utc, created_by)
                VALUES (@Debit, @Credit, @Amount, @Date, @Now, @User) RETURNING id
                """, new { Debit = match.DebitLineId, Credit = match.CreditLineId, match.Amount, Date = LedgerDates.Text(match.Date), Now = now, User = actor.Actor.UserKey }, cancellationToken);
            made.Add(new LineMatch(id, match.DebitLineId, match.CreditLineId, match.Amount, match.Date));
        }
        return Result.Done(new MatchResult(made, ids.Select(id => (id, open[id])).ToList()));
    }

    /// <summary>Removes every match of a line (a payment put against the wrong invoice); the lines themselves never change.</summary>
    public async Task<int> UnmatchAsync(long lineId, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync("DELETE FROM ledger_matches WHERE debit_line_id = @Id OR credit_line_id = @Id", new { Id = lineId }, cancellationToken);

    /// <summary>Removes every match of the lines given — a whole reconciled group (<see cref="MatchingQueries.GroupsAsync"/>) at once; 0 when none had any.</summary>
    public async Task<int> UnmatchAsync(IReadOnlyList<long> lineIds, CancellationToken cancellationToken)
    {
        var ids = lineIds.Distinct().Take(MaxLines).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }
        var (inList, parameters) = InList(ids);
        return await unitOfWork.ExecuteAsync($"DELETE FROM ledger_matches WHERE debit_line_id IN ({inList}) OR credit_line_id IN ({inList})", parameters, cancellationToken);
    }

    private static (string InList, Dictionary<string, object?> Parameters) InList(IReadOnlyList<long> ids)
    {
        var parameters = new Dictionary<string, object?>();
        for (var i = 0; i < ids.Count; i++)
        {
            parameters[$"l{i}"] = ids[i];
        }
        return (string.Join(", ", parameters.Keys.Select(k => "@" + k)), parameters);
    }

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
