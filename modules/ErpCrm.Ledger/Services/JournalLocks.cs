using ErpCrm.Data;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The journals' rows are the lock postings take (each posting locks its journals' rows, in code order, for the numbers and the hash
/// chain, and reads the lock date on them). What changes what a posting may post — the lock date, a year's close — takes every
/// journal's row first, in the same order: postings in flight commit before it reads anything, and later ones wait for it and then
/// read the new lock date. SQLite's write transaction already excludes every other writer.
/// </summary>
internal static class JournalLocks
{
    /// <summary>Begins the write transaction and takes every journal's row for it.</summary>
    public static async Task LockAllAsync(IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        await unitOfWork.BeginWriteAsync(cancellationToken);
        if (unitOfWork.Dialect.Provider == DatabaseProvider.Postgres)
        {
            await unitOfWork.QueryAsync<string>("SELECT code FROM ledger_journals ORDER BY code FOR UPDATE", cancellationToken: cancellationToken);
        }
    }

    /// <summary>Sets the lock date every posting reads on its journals' rows (the settings change calls this in its transaction).</summary>
    public static async Task SetLockDateAsync(IUnitOfWork unitOfWork, string? lockDate, CancellationToken cancellationToken)
    {
        await LockAllAsync(unitOfWork, cancellationToken);
        await unitOfWork.ExecuteAsync("UPDATE ledger_journals SET lock_date = @Lock", new { Lock = lockDate }, cancellationToken);
    }
}
