using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Ledger.Migrations;

/// <summary>
/// Each journal's row carries the lock date (kept equal to <c>ledger_settings.lock_date</c> by the settings change, in its transaction):
/// a posting locks the rows of its journals anyway, for its numbers and hash chain, and reads the lock date with them, where it read the
/// settings row in a statement of its own.
/// </summary>
[Feature(LedgerFeature.Id)]
[Migration(2, "Ledger: the lock date on each journal's row")]
public sealed class JournalLockDateMigration : Migration
{
    public override void Up()
    {
        Alter.Table("ledger_journals").AddColumn("lock_date").AsString(10).Nullable();
        Execute.Sql("UPDATE ledger_journals SET lock_date = (SELECT lock_date FROM ledger_settings WHERE id = 1)");
    }

    public override void Down() => Delete.Column("lock_date").FromTable("ledger_journals");
}
