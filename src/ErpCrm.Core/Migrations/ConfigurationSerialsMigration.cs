using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>
/// A serial per kind of cached configuration (see <c>ITenantConfigurationCache</c>): a change bumps its kind's row in its own
/// transaction; every node compares the rows with what it cached. A kind without a row has serial 0.
/// </summary>
[Migration(7, "Configuration serials")]
public sealed class ConfigurationSerialsMigration : Migration
{
    public override void Up() =>
        Create.Table("erp_configuration_serials")
            .WithColumn("kind").AsString(200).PrimaryKey()
            .WithColumn("serial").AsInt64().NotNullable();

    public override void Down() => Delete.Table("erp_configuration_serials");
}
