namespace ErpCrm.Ledger.Services;

/// <summary>A line as matching sees it: debit or credit, its date and what is still open of it (in minor units).</summary>
public sealed record MatchCandidate(long LineId, DateOnly Date, bool IsDebit, long Open);

/// <summary>A debit line settled by a credit line for <paramref name="Amount"/>, on the later of their dates.</summary>
public sealed record PlannedMatch(long DebitLineId, long CreditLineId, long Amount, DateOnly Date);

/// <summary>
/// How a set of open lines is matched, oldest first on each side: the oldest open debit takes the oldest open credit until one of
/// them is settled, then the next. What is left open after it is on one side only — the side with more. <see cref="MatchingService"/>
/// writes this plan; the matching page previews it, so what the page says stays open is what the books will say.
/// </summary>
public static class MatchingPlan
{
    public static (IReadOnlyList<PlannedMatch> Matches, IReadOnlyDictionary<long, long> Open) Plan(IEnumerable<MatchCandidate> lines)
    {
        var all = lines.ToList();
        var open = all.ToDictionary(l => l.LineId, l => l.Open);
        var debits = Oldest(all.Where(l => l.IsDebit && l.Open > 0));
        var credits = Oldest(all.Where(l => !l.IsDebit && l.Open > 0));
        var made = new List<PlannedMatch>();
        for (int d = 0, c = 0; d < debits.Count && c < credits.Count;)
        {
            var (debit, credit) = (debits[d], credits[c]);
            var amount = Math.Min(open[debit.LineId], open[credit.LineId]);
            made.Add(new PlannedMatch(debit.LineId, credit.LineId, amount, debit.Date >= credit.Date ? debit.Date : credit.Date));
            open[debit.LineId] -= amount;
            open[credit.LineId] -= amount;
            if (open[debit.LineId] == 0)
            {
                d++;
            }
            if (open[credit.LineId] == 0)
            {
                c++;
            }
        }
        return (made, open);
    }

    private static List<MatchCandidate> Oldest(IEnumerable<MatchCandidate> lines) => lines.OrderBy(l => l.Date).ThenBy(l => l.LineId).ToList();
}
