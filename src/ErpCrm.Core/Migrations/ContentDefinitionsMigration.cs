using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>
/// Content type and part definitions: one row per definition holding its Orchard Core JSON, with a version for
/// optimistic concurrency, and an index of which parts each type attaches (so "where is this part used" never reads JSON).
/// </summary>
[Migration(4, "Content definitions")]
public sealed class ContentDefinitionsMigration : Migration
{
    public override void Up()
    {
        Create.Table("erp_content_types")
            .WithColumn("name").AsString(128).PrimaryKey()
            .WithColumn("display_name").AsString(400).NotNullable()
            .WithColumn("definition").AsString(int.MaxValue).NotNullable()
            .WithColumn("version").AsInt64().NotNullable();

        Create.Table("erp_content_parts")
            .WithColumn("name").AsString(128).PrimaryKey()
            .WithColumn("display_name").AsString(400).NotNullable()
            .WithColumn("definition").AsString(int.MaxValue).NotNullable()
            .WithColumn("version").AsInt64().NotNullable();

        Create.Table("erp_content_type_parts")
            .WithColumn("type_name").AsString(128).NotNullable().PrimaryKey()
            .WithColumn("name").AsString(128).NotNullable().PrimaryKey()
            .WithColumn("part_name").AsString(128).NotNullable();
        Create.Index("ix_erp_content_type_parts_part").OnTable("erp_content_type_parts").OnColumn("part_name").Ascending();
    }

    public override void Down()
    {
        Delete.Table("erp_content_type_parts");
        Delete.Table("erp_content_parts");
        Delete.Table("erp_content_types");
    }
}
