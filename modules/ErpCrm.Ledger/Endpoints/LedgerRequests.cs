namespace ErpCrm.Ledger.Endpoints;

/// <summary>
/// A journal entry as <c>POST /api/ledger/entries</c> takes it, for the API reference (<see cref="Services.EntryRequestReader"/> reads the
/// body itself, to name every bad field by its path). Amounts may also be JSON numbers; either way at most the currency's decimals.
/// </summary>
/// <param name="Journal">The journal's code (GEN, SAL, PUR, BNK, CSH…).</param>
/// <param name="Date">The entry's date, yyyy-MM-dd.</param>
/// <param name="DueDate">When a receivable or payable falls due, yyyy-MM-dd.</param>
/// <param name="Reference">The document the entry records (an invoice number…).</param>
/// <param name="Post">true posts the entry at once; otherwise it is a draft.</param>
/// <param name="Lines">Its lines: debits equal credits.</param>
public sealed record EntryRequest(string Journal, string Date, string? DueDate, string? Reference, bool? Post, IReadOnlyList<LineRequest> Lines);

/// <summary>A line of an entry: a debit or a credit on an account, in the base currency or another.</summary>
/// <param name="Account">The account's code.</param>
/// <param name="Debit">The amount debited, e.g. "1150.00".</param>
/// <param name="Credit">The amount credited.</param>
/// <param name="Currency">A foreign currency's code, with <paramref name="AmountCurrency"/>.</param>
/// <param name="AmountCurrency">The amount in that currency: positive on a debit, negative on a credit.</param>
/// <param name="ContactId">The contact of a receivable or payable line (required there).</param>
/// <param name="Description">What the line is for.</param>
public sealed record LineRequest(string Account, string? Debit, string? Credit, string? Currency, string? AmountCurrency, string? ContactId, string? Description);

/// <summary>Entries posted all or none, up to 10,000.</summary>
public sealed record EntryBatchRequest(IReadOnlyList<EntryRequest> Entries);
