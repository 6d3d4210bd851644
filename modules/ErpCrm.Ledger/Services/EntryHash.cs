using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The hash that chains a journal's posted entries: SHA-256 over the entry's content and the previous entry's hash, each value
/// written with its length so no two different entries read the same. Changing any posted value (or removing an entry) breaks
/// every hash after it, which <see cref="LedgerVerifier"/> reports.
/// </summary>
public static class EntryHash
{
    public static string Compute(string journal, string fiscalYear, string number, DateOnly date, DateOnly? dueDate, string? reference,
        bool isClosing, long? reversalOf, IEnumerable<LedgerLine> lines, string? previousHash)
    {
        var text = new StringBuilder(256);
        // Lengths and the counts below are never negative, so StringBuilder writes them digit for digit whatever the culture,
        // as the invariant culture's text would (no string per number: every posting hashes every entry).
        void Add(string? value)
        {
            if (value is null)
            {
                text.Append("-:;");
                return;
            }
            text.Append(value.Length).Append(':').Append(value).Append(';');
        }
        void AddCount(long value)
        {
            if (value < 0)
            {
                Add(value.ToString(CultureInfo.InvariantCulture));
                return;
            }
            var digits = 1;
            for (var rest = value; rest >= 10; rest /= 10)
            {
                digits++;
            }
            text.Append(digits).Append(':').Append(value).Append(';');
        }
        Add(journal);
        Add(fiscalYear);
        Add(number);
        Add(LedgerDates.Text(date));
        Add(LedgerDates.TextOrNull(dueDate));
        Add(reference);
        Add(isClosing ? "1" : "0");
        Add(reversalOf?.ToString(CultureInfo.InvariantCulture));
        foreach (var line in lines.OrderBy(l => l.LineNo))
        {
            AddCount(line.LineNo);
            Add(line.Account);
            AddCount(line.Debit);
            AddCount(line.Credit);
            Add(line.Currency);
            Add(line.AmountCurrency?.ToString(CultureInfo.InvariantCulture));
            Add(line.ContactId);
            Add(line.Description);
        }
        Add(previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
