using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The hash chaining posted entries is stored: its text must stay exactly what it was, or every stored chain stops verifying. The
/// expected hashes here are computed from the documented text (each value as its length in chars, a colon, the value and a semicolon;
/// null as <c>-:;</c>; lines by number), written out plainly.
/// </summary>
public sealed class EntryHashTests
{
    public static TheoryData<string?, long?, string?, string?> Cases => new()
    {
        { null, null, null, null },
        { "Invoice 42 – café ☕", 17, "EUR", "Übertrag 😀 " + new string('x', 700) },
        { "R", -3, null, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_hash_is_sha256_of_the_documented_text(string? reference, long? reversalOf, string? currency, string? description)
    {
        var previous = Convert.ToHexStringLower(SHA256.HashData("before"u8));
        LedgerLine[] lines =
        [
            new(0, 2, "4000", 0, 1_234_567, currency, currency is null ? null : -1_000_000, null, description),
            new(0, 1, "1100", 1_234_567, 0, currency, currency is null ? null : 1_000_000, "contact-7", null),
        ];
        var (date, due) = (new DateOnly(2026, 3, 9), (DateOnly?)new DateOnly(2026, 4, 8));

        foreach (var (dueDate, isClosing, previousHash) in new[] { (due, false, previous), ((DateOnly?)null, true, (string?)null) })
        {
            var expected = Documented("SAL", "2026", "SAL/2026/0042", date, dueDate, reference, isClosing, reversalOf, lines, previousHash);

            Assert.Equal(expected, EntryHash.Compute("SAL", "2026", "SAL/2026/0042", date, dueDate, reference, isClosing, reversalOf, lines, previousHash));
            Assert.Equal(expected, EntryHash.Compute("SAL", "2026", "SAL/2026/0042", date, dueDate, reference, isClosing, reversalOf, Enumerable.Reverse(lines), previousHash));
        }
    }

    private static string Documented(string journal, string year, string number, DateOnly date, DateOnly? due, string? reference, bool isClosing,
        long? reversalOf, IEnumerable<LedgerLine> lines, string? previous)
    {
        var text = new StringBuilder();
        void Add(string? value) => text.Append(value is null ? "-:;" : $"{value.Length}:{value};");
        void Number(long? value) => Add(value?.ToString(CultureInfo.InvariantCulture));
        Add(journal);
        Add(year);
        Add(number);
        Add(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(reference);
        Add(isClosing ? "1" : "0");
        Number(reversalOf);
        foreach (var line in lines.OrderBy(l => l.LineNo))
        {
            Number(line.LineNo);
            Add(line.Account);
            Number(line.Debit);
            Number(line.Credit);
            Add(line.Currency);
            Number(line.AmountCurrency);
            Add(line.ContactId);
            Add(line.Description);
        }
        Add(previous);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
