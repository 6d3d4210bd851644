using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>The kernel's tables in every tenant database: feature state, outbox, users, roles, tokens.</summary>
[Migration(1, "Kernel tables")]
public sealed class KernelTablesMigration : Migration
{
    public override void Up()
    {
        Create.Table("erp_shell_state")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("serial").AsInt64().NotNullable()
            .WithColumn("changed_utc").AsString(40).NotNullable();
        Insert.IntoTable("erp_shell_state").Row(new { id = 1, serial = 0L, changed_utc = "" });

        Create.Table("erp_features")
            .WithColumn("feature_id").AsString(200).PrimaryKey()
            .WithColumn("enabled_utc").AsString(40).NotNullable();

        Create.Table("erp_settings")
            .WithColumn("name").AsString(200).PrimaryKey()
            .WithColumn("value").AsString(int.MaxValue).NotNullable();

        Create.Table("erp_outbox")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("topic").AsString(200).NotNullable()
            .WithColumn("payload").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_utc").AsString(40).NotNullable()
            .WithColumn("attempts").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("next_attempt_utc").AsString(40).NotNullable()
            .WithColumn("processed_utc").AsString(40).Nullable()
            .WithColumn("last_error").AsString(2000).Nullable();
        Create.Index("ix_erp_outbox_pending").OnTable("erp_outbox").OnColumn("processed_utc").Ascending().OnColumn("next_attempt_utc").Ascending();

        Create.Table("erp_outbox_consumed")
            .WithColumn("message_id").AsInt64().NotNullable().PrimaryKey()
            .WithColumn("consumer").AsString(400).NotNullable().PrimaryKey()
            .WithColumn("consumed_utc").AsString(40).NotNullable();

        Create.Table("erp_users")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("user_name").AsString(100).NotNullable()
            .WithColumn("normalized_user_name").AsString(100).NotNullable().Unique()
            .WithColumn("email").AsString(256).NotNullable()
            .WithColumn("normalized_email").AsString(256).NotNullable()
            .WithColumn("display_name").AsString(200).NotNullable()
            .WithColumn("password_hash").AsString(400).Nullable()
            .WithColumn("enabled").AsBoolean().NotNullable()
            .WithColumn("created_utc").AsString(40).NotNullable();

        Create.Table("erp_roles")
            .WithColumn("name").AsString(100).PrimaryKey()
            .WithColumn("description").AsString(400).NotNullable();

        Create.Table("erp_role_permissions")
            .WithColumn("role_name").AsString(100).NotNullable().PrimaryKey()
            .WithColumn("permission").AsString(200).NotNullable().PrimaryKey();

        Create.Table("erp_user_roles")
            .WithColumn("user_id").AsInt64().NotNullable().PrimaryKey()
            .WithColumn("role_name").AsString(100).NotNullable().PrimaryKey();

        Create.Table("erp_api_tokens")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("user_id").AsInt64().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("token_hash").AsString(64).NotNullable().Unique()
            .WithColumn("created_utc").AsString(40).NotNullable()
            .WithColumn("revoked_utc").AsString(40).Nullable();
    }

    public override void Down()
    {
        foreach (var table in new[] { "erp_api_tokens", "erp_user_roles", "erp_role_permissions", "erp_roles", "erp_users",
                     "erp_outbox_consumed", "erp_outbox", "erp_settings", "erp_features", "erp_shell_state" })
        {
            Delete.Table(table);
        }
    }
}
