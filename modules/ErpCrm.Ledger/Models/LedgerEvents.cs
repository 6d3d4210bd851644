using ErpCrm.Data;

namespace ErpCrm.Ledger.Models;

/// <summary>An entry was posted (numbered, chained, in the balances). Raised inside the posting transaction.</summary>
public sealed record EntryPosted(LedgerEntry Entry) : IDomainEvent;

/// <summary>A posted entry was reversed by a new posted entry that mirrors it. Raised inside the reversing transaction.</summary>
public sealed record EntryReversed(LedgerEntry Original, LedgerEntry Reversal) : IDomainEvent;
