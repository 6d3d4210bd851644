using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Tests.Modules.Migrations;

[Feature("Test.Observers")]
[Migration(1, "Observed event log")]
public sealed class ObserversMigration : Migration
{
    public override void Up() =>
        Create.Table("test_observed_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("phase").AsString(20).NotNullable()
            .WithColumn("event_id").AsString(40).NotNullable()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("payload").AsString(int.MaxValue).NotNullable()
            .WithColumn("actor").AsString(200).NotNullable();

    public override void Down() => Delete.Table("test_observed_events");
}
