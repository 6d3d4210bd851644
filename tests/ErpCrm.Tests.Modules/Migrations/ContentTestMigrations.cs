using ErpCrm.Content;
using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Tests.Modules.Migrations;

[Feature("Test.Content")]
[Migration(1, "Content event log and PriorityPart index")]
public sealed class ContentTestMigration : Migration
{
    public override void Up()
    {
        Create.Table("test_content_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("event").AsString(20).NotNullable();
        Create.ContentPartIndexTable("test_priority_index")
            .WithColumn("priority").AsString(20).Nullable();
    }

    public override void Down()
    {
        Delete.Table("test_priority_index");
        Delete.Table("test_content_events");
    }
}
