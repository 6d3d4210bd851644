using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>
/// Content items: one document row per version holding its Orchard Core JSON, the map index of every version
/// (what lists, filters and sorts read), the field index of queryable fields, and the trail of changes.
/// Dates are ISO 8601 UTC text that sorts in time order on both engines.
/// </summary>
[Migration(5, "Content items")]
public sealed class ContentItemsMigration : Migration
{
    public override void Up()
    {
        Create.Table("erp_content_documents")
            .WithColumn("version_id").AsString(64).PrimaryKey()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("document").AsString(int.MaxValue).NotNullable();

        Create.Table("erp_content_items")
            .WithColumn("version_id").AsString(64).PrimaryKey()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("number").AsInt32().NotNullable()
            .WithColumn("content_type").AsString(128).NotNullable()
            .WithColumn("display_text").AsString(400).Nullable()
            .WithColumn("display_text_key").AsString(400).Nullable()
            .WithColumn("owner").AsString(100).Nullable()
            .WithColumn("author").AsString(100).Nullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("removed").AsBoolean().NotNullable()
            .WithColumn("created_utc").AsString(40).NotNullable()
            .WithColumn("modified_utc").AsString(40).NotNullable()
            .WithColumn("published_utc").AsString(40).Nullable()
            .WithColumn("revision").AsInt64().NotNullable();
        Create.Index("ux_erp_content_items_number").OnTable("erp_content_items")
            .OnColumn("content_item_id").Ascending().OnColumn("number").Ascending().WithOptions().Unique();
        // One latest version per item, whatever races: a second writer's insert fails instead of forking the item.
        Execute.Sql("CREATE UNIQUE INDEX ux_erp_content_items_latest ON erp_content_items (content_item_id) WHERE latest");
        Create.Index("ix_erp_content_items_latest").OnTable("erp_content_items")
            .OnColumn("content_type").Ascending().OnColumn("latest").Ascending().OnColumn("modified_utc").Ascending();
        Create.Index("ix_erp_content_items_published").OnTable("erp_content_items")
            .OnColumn("content_type").Ascending().OnColumn("published").Ascending().OnColumn("modified_utc").Ascending();
        Create.Index("ix_erp_content_items_text").OnTable("erp_content_items")
            .OnColumn("content_type").Ascending().OnColumn("latest").Ascending().OnColumn("display_text_key").Ascending();

        Create.Table("erp_content_field_index")
            .WithColumn("version_id").AsString(64).NotNullable().PrimaryKey()
            .WithColumn("part_name").AsString(128).NotNullable().PrimaryKey()
            .WithColumn("field_name").AsString(128).NotNullable().PrimaryKey()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("content_type").AsString(128).NotNullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("text_value").AsString(400).Nullable()
            .WithColumn("number_value").AsDecimal(38, 10).Nullable()
            .WithColumn("date_value").AsString(40).Nullable()
            .WithColumn("bool_value").AsBoolean().Nullable();
        foreach (var column in new[] { "text_value", "number_value", "date_value", "bool_value" })
        {
            Create.Index($"ix_erp_content_field_{column}").OnTable("erp_content_field_index")
                .OnColumn("content_type").Ascending().OnColumn("part_name").Ascending().OnColumn("field_name").Ascending()
                .OnColumn("latest").Ascending().OnColumn(column).Ascending();
        }

        Create.Table("erp_content_changes")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("version_id").AsString(64).NotNullable()
            .WithColumn("content_type").AsString(128).NotNullable()
            .WithColumn("occurred_utc").AsString(40).NotNullable()
            .WithColumn("actor").AsString(100).Nullable()
            .WithColumn("action").AsString(20).NotNullable()
            .WithColumn("changes").AsString(int.MaxValue).NotNullable();
        Create.Index("ix_erp_content_changes_item").OnTable("erp_content_changes")
            .OnColumn("content_item_id").Ascending().OnColumn("id").Ascending();
    }

    public override void Down()
    {
        Delete.Table("erp_content_changes");
        Delete.Table("erp_content_field_index");
        Delete.Table("erp_content_items");
        Delete.Table("erp_content_documents");
    }
}
