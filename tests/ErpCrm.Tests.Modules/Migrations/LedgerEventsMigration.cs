using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Tests.Modules.Migrations;

[Feature("Test.LedgerEvents")]
[Migration(1, "Ledger event log")]
public sealed class LedgerEventsMigration : Migration
{
    public override void Up() =>
        Create.Table("test_ledger_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("event").AsString(20).NotNullable()
            .WithColumn("detail").AsString(200).NotNullable();

    public override void Down() => Delete.Table("test_ledger_events");
}
