using ErpCrm.Core.Modules;
using FluentMigrator;

namespace ErpCrm.Core.Shell;

[HostMigration]
[Migration(1, "Tenants")]
public sealed class HostTenantsMigration : Migration
{
    public override void Up()
    {
        Create.Table("erp_tenants")
            .WithColumn("name").AsString(63).PrimaryKey()
            .WithColumn("name_normalized").AsString(63).Unique()
            .WithColumn("state").AsString(20)
            .WithColumn("request_url_prefix").AsString(100).Nullable().Unique()
            .WithColumn("request_url_hosts").AsString(1000).NotNullable().WithDefaultValue("")
            .WithColumn("database_provider").AsString(20)
            .WithColumn("connection_string").AsString(2000).Nullable()
            .WithColumn("db_schema").AsString(63).Nullable()
            .WithColumn("created_utc").AsString(40);
        Create.Table("erp_host_state")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("serial").AsInt64();
        Insert.IntoTable("erp_host_state").Row(new { id = 1, serial = 0L });
    }

    public override void Down()
    {
        Delete.Table("erp_host_state");
        Delete.Table("erp_tenants");
    }
}
