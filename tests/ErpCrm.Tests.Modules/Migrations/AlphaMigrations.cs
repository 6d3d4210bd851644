using FluentMigrator;

namespace ErpCrm.Tests.Modules.Migrations;

[Migration(1, "Alpha notes")]
public sealed class AlphaNotesMigration : Migration
{
    public override void Up()
    {
        Create.Table("test_notes")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("text").AsString(200).NotNullable();
        Create.Table("test_feature_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("feature_id").AsString(200).NotNullable()
            .WithColumn("event").AsString(20).NotNullable();
        Create.Table("test_note_log")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("source").AsString(20).NotNullable()
            .WithColumn("note_id").AsInt64().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("test_note_log");
        Delete.Table("test_feature_events");
        Delete.Table("test_notes");
    }
}
