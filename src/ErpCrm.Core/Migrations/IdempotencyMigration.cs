using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>The answers to creating calls sent with an <c>Idempotency-Key</c>, kept a day for replays.</summary>
[Migration(3, "Idempotency keys")]
public sealed class IdempotencyMigration : Migration
{
    public override void Up()
    {
        Create.Table("erp_idempotency_keys")
            .WithColumn("user_id").AsInt64().NotNullable().PrimaryKey()
            .WithColumn("idempotency_key").AsString(200).NotNullable().PrimaryKey()
            .WithColumn("fingerprint").AsString(64).NotNullable()
            .WithColumn("status_code").AsInt32().NotNullable()
            .WithColumn("content_type").AsString(200).Nullable()
            .WithColumn("location").AsString(2000).Nullable()
            .WithColumn("body").AsString(int.MaxValue).Nullable()
            .WithColumn("created_utc").AsString(40).NotNullable();
        Create.Index("ix_erp_idempotency_keys_created").OnTable("erp_idempotency_keys").OnColumn("created_utc").Ascending();
    }

    public override void Down() => Delete.Table("erp_idempotency_keys");
}
