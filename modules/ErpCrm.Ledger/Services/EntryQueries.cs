using System.Globalization;
using System.Text;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>Reads entries: one with its lines, or a filtered page of headers (newest first).</summary>
public sealed class EntryQueries(IUnitOfWork unitOfWork)
{
    public const int MaxPageSize = 200;

    private const string HeaderColumns = """
        e.id AS Id, e.journal_code AS Journal, e.fiscal_year AS FiscalYear, e.number AS Number, e.state AS State, e.date AS Date,
        e.due_date AS DueDate, e.reference AS Reference, e.is_closing AS IsClosing, e.reversal_of AS ReversalOf,
        (SELECT r.id FROM ledger_entries r WHERE r.reversal_of = e.id) AS ReversedBy, e.version AS Version, e.total AS Total,
        e.prev_hash AS PrevHash, e.hash AS Hash, e.created_utc AS CreatedUtc, e.created_by AS CreatedBy, e.posted_utc AS PostedUtc, e.posted_by AS PostedBy
        """;

    public async Task<LedgerEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var header = await unitOfWork.QuerySingleOrDefaultAsync<HeaderRow>($"SELECT {HeaderColumns} FROM ledger_entries e WHERE e.id = @Id", new { Id = id }, cancellationToken);
        if (header is null)
        {
            return null;
        }
        var lines = await unitOfWork.QueryAsync<LineRow>("""
            SELECT id AS Id, line_no AS LineNo, account_code AS Account, debit AS Debit, credit AS Credit, currency AS Currency,
              amount_currency AS AmountCurrency, contact_id AS ContactId, description AS Description
            FROM ledger_lines WHERE entry_id = @Id ORDER BY line_no
            """, new { Id = id }, cancellationToken);
        return header.ToEntry(lines.Select(l => l.ToLine()).ToList());
    }

    /// <summary>A page of entries matching the filter, newest date first; the lines are left out (open an entry for them).</summary>
    public async Task<EntryPage> ListAsync(EntryFilter filter, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        if (filter.Journal is not null)
        {
            where.Append(" AND e.journal_code = @Journal");
        }
        if (filter.From is not null)
        {
            where.Append(" AND e.date >= @From");
        }
        if (filter.To is not null)
        {
            where.Append(" AND e.date <= @To");
        }
        if (filter.State is not null)
        {
            where.Append(" AND e.state = @State");
        }
        if (filter.Account is not null)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM ledger_lines l WHERE l.entry_id = e.id AND l.account_code = @Account)");
        }
        if (filter.Search is not null)
        {
            where.Append(" AND (LOWER(e.reference) LIKE @Search OR LOWER(e.number) LIKE @Search)");
        }
        var parameters = new
        {
            filter.Journal, From = LedgerDates.TextOrNull(filter.From), To = LedgerDates.TextOrNull(filter.To), filter.State, filter.Account,
            Search = filter.Search is null ? null : "%" + filter.Search.ToLowerInvariant().Replace("\\", "").Replace("%", "").Replace("_", "") + "%",
            Take = filter.PageSize, Skip = (filter.Page - 1) * filter.PageSize,
        };
        var total = await unitOfWork.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ledger_entries e {where}", parameters, cancellationToken);
        var rows = await unitOfWork.QueryAsync<HeaderRow>(
            $"SELECT {HeaderColumns} FROM ledger_entries e {where} ORDER BY e.date DESC, e.id DESC LIMIT @Take OFFSET @Skip", parameters, cancellationToken);
        return new EntryPage(rows.Select(r => r.ToEntry([])).ToList(), total);
    }

    private sealed class HeaderRow
    {
        public long Id { get; init; }
        public string Journal { get; init; } = "";
        public string? FiscalYear { get; init; }
        public string? Number { get; init; }
        public string State { get; init; } = "";
        public string Date { get; init; } = "";
        public string? DueDate { get; init; }
        public string? Reference { get; init; }
        public int IsClosing { get; init; }
        public long? ReversalOf { get; init; }
        public long? ReversedBy { get; init; }
        public int Version { get; init; }
        public long Total { get; init; }
        public string? PrevHash { get; init; }
        public string? Hash { get; init; }
        public string CreatedUtc { get; init; } = "";
        public string? CreatedBy { get; init; }
        public string? PostedUtc { get; init; }
        public string? PostedBy { get; init; }

        public LedgerEntry ToEntry(IReadOnlyList<LedgerLine> lines) =>
            new(Id, Journal, FiscalYear, Number, State, LedgerDates.Parse(Date), LedgerDates.ParseOrNull(DueDate), Reference, IsClosing != 0, ReversalOf,
                ReversedBy, Version, Total, PrevHash, Hash, Instant(CreatedUtc), CreatedBy, PostedUtc is null ? null : Instant(PostedUtc), PostedBy, lines);

        private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private sealed class LineRow
    {
        public long Id { get; init; }
        public int LineNo { get; init; }
        public string Account { get; init; } = "";
        public long Debit { get; init; }
        public long Credit { get; init; }
        public string? Currency { get; init; }
        public long? AmountCurrency { get; init; }
        public string? ContactId { get; init; }
        public string? Description { get; init; }

        public LedgerLine ToLine() => new(Id, LineNo, Account, Debit, Credit, Currency, AmountCurrency, ContactId, Description);
    }
}
