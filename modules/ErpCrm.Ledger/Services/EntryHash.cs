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
        void Add(string? value) => text.Append(value?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(value).Append(';');
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
            Add(line.LineNo.ToString(CultureInfo.InvariantCulture));
            Add(line.Account);
            Add(line.Debit.ToString(CultureInfo.InvariantCulture));
            Add(line.Credit.ToString(CultureInfo.InvariantCulture));
            Add(line.Currency);
            Add(line.AmountCurrency?.ToString(CultureInfo.InvariantCulture));
            Add(line.ContactId);
            Add(line.Description);
        }
        Add(previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
