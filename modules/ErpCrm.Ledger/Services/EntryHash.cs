using System.Buffers;
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
        // The text is built in a buffer of chars and hashed from a buffer of its UTF-8 bytes, both pooled: every posting hashes every
        // entry, and a string per value (and per text) cost more than the hash. The text is the same as ever, so stored chains verify.
        var ordered = InLineOrder(lines);
        var text = new HashText(stackalloc char[512]);
        try
        {
            text.Add(journal);
            text.Add(fiscalYear);
            text.Add(number);
            text.AddDate(date);
            if (dueDate is { } due)
            {
                text.AddDate(due);
            }
            else
            {
                text.Add(null);
            }
            text.Add(reference);
            text.Add(isClosing ? "1" : "0");
            text.AddNumberOrNull(reversalOf);
            foreach (var line in ordered)
            {
                text.AddCount(line.LineNo);
                text.Add(line.Account);
                text.AddCount(line.Debit);
                text.AddCount(line.Credit);
                text.Add(line.Currency);
                text.AddNumberOrNull(line.AmountCurrency);
                text.Add(line.ContactId);
                text.Add(line.Description);
            }
            text.Add(previousHash);
            return text.Hash();
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>The lines by line number: as given when they already are (as a posting builds them), else sorted.</summary>
    private static IReadOnlyList<LedgerLine> InLineOrder(IEnumerable<LedgerLine> lines)
    {
        var list = lines as IReadOnlyList<LedgerLine> ?? lines.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].LineNo < list[i - 1].LineNo)
            {
                return list.OrderBy(l => l.LineNo).ToList();
            }
        }
        return list;
    }

    /// <summary>
    /// The hashed text: each value as its length in chars, a colon, the value and a semicolon (null as <c>-:;</c>); a number as the
    /// value of its invariant text. Lengths and counts are never negative, so they are written digit for digit whatever the culture.
    /// </summary>
    private ref struct HashText(Span<char> initial)
    {
        private Span<char> _chars = initial;
        private char[]? _rented;
        private int _length;

        public void Add(string? value)
        {
            if (value is null)
            {
                Append("-:;");
                return;
            }
            AppendNumber(value.Length);
            Append(':');
            Append(value);
            Append(';');
        }

        public void AddCount(long value)
        {
            if (value < 0)
            {
                AddNumberOrNull(value);
                return;
            }
            AppendNumber(Digits(value));
            Append(':');
            AppendNumber(value);
            Append(';');
        }

        /// <summary>A number as its invariant text (a minus sign counts in the length), or null.</summary>
        public void AddNumberOrNull(long? value)
        {
            if (value is not { } number)
            {
                Add(null);
                return;
            }
            AppendNumber(Digits(Math.Abs(number)) + (number < 0 ? 1 : 0));
            Append(':');
            AppendNumber(number);
            Append(';');
        }

        public void AddDate(DateOnly date)
        {
            // yyyy-MM-dd, as LedgerDates.Text writes it (the custom format's parser costs more than the hash).
            Append("10:");
            Ensure(10);
            LedgerDates.Write(date, _chars.Slice(_length, 10));
            _length += 10;
            Append(';');
        }

        public readonly string Hash()
        {
            var chars = _chars[.._length];
            var size = Encoding.UTF8.GetMaxByteCount(chars.Length);
            var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
            var bytes = rented ?? stackalloc byte[1024];
            try
            {
                var count = Encoding.UTF8.GetBytes(chars, bytes);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(bytes[..count], hash);
                return Convert.ToHexStringLower(hash);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
                _rented = null;
            }
        }

        private static int Digits(long value)
        {
            var digits = 1;
            for (var rest = value; rest >= 10; rest /= 10)
            {
                digits++;
            }
            return digits;
        }

        private void AppendNumber(long value)
        {
            Ensure(20);
            value.TryFormat(_chars[_length..], out var written, default, CultureInfo.InvariantCulture);
            _length += written;
        }

        private void Append(char value)
        {
            Ensure(1);
            _chars[_length++] = value;
        }

        private void Append(string value)
        {
            Ensure(value.Length);
            value.CopyTo(_chars[_length..]);
            _length += value.Length;
        }

        private void Ensure(int more)
        {
            if (_length + more <= _chars.Length)
            {
                return;
            }
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + more));
            _chars[.._length].CopyTo(larger);
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
            }
            _chars = _rented = larger;
        }
    }
}
