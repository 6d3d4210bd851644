using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>Who raised an outbox message (a user id, when a user's work wrote it), so that its delivery acts on their behalf.</summary>
[Migration(6, "Outbox: who raised a message")]
public sealed class OutboxRaisedByMigration : Migration
{
    public override void Up() => Alter.Table("erp_outbox").AddColumn("raised_by").AsInt64().Nullable();

    public override void Down() => Delete.Column("raised_by").FromTable("erp_outbox");
}
