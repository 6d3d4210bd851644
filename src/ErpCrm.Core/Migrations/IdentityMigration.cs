using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>Lockout, security stamps, portal links and the audit log.</summary>
[Migration(2, "Identity: lockout and audit log")]
public sealed class IdentityMigration : Migration
{
    public override void Up()
    {
        Alter.Table("erp_users")
            .AddColumn("failed_sign_ins").AsInt32().NotNullable().WithDefaultValue(0)
            .AddColumn("locked_out_until_utc").AsString(40).Nullable()
            .AddColumn("security_stamp").AsString(64).NotNullable().WithDefaultValue("")
            .AddColumn("linked_contact_id").AsString(100).Nullable();

        Alter.Table("erp_api_tokens")
            .AddColumn("last_used_utc").AsString(40).Nullable();

        Create.Table("erp_audit_log")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("occurred_utc").AsString(40).NotNullable()
            .WithColumn("kind").AsString(50).NotNullable()
            .WithColumn("actor").AsString(100).Nullable()
            .WithColumn("address").AsString(64).Nullable()
            .WithColumn("subject").AsString(200).NotNullable()
            .WithColumn("detail").AsString(2000).NotNullable();
        Create.Index("ix_erp_audit_log_time").OnTable("erp_audit_log").OnColumn("occurred_utc").Ascending();
        Create.Index("ix_erp_audit_log_kind").OnTable("erp_audit_log").OnColumn("kind").Ascending().OnColumn("occurred_utc").Ascending();
    }

    public override void Down()
    {
        Delete.Table("erp_audit_log");
        Delete.Column("last_used_utc").FromTable("erp_api_tokens");
        Delete.Column("linked_contact_id").FromTable("erp_users");
        Delete.Column("security_stamp").FromTable("erp_users");
        Delete.Column("locked_out_until_utc").FromTable("erp_users");
        Delete.Column("failed_sign_ins").FromTable("erp_users");
    }
}
