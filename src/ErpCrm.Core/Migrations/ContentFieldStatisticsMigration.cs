using FluentMigrator;

namespace ErpCrm.Core.Migrations;

/// <summary>
/// PostgreSQL: statistics on the field index's text values per field. Its columns are far from independent (a text value belongs
/// to one field), so without them the planner takes "Stage = won" for a few thousand rows of 100,000 items when it is 20,000, and
/// plans a filtered, sorted page in parallel: starting a worker costs more than the page (20–40 ms where the serial plan takes a
/// few). ANALYZE (autovacuum's) fills them. SQLite plans these pages by its indexes alone.
/// </summary>
[Migration(8, "Content field index statistics")]
public sealed class ContentFieldStatisticsMigration : Migration
{
    public override void Up() =>
        IfDatabase(IsPostgres).Execute.Sql(
            "CREATE STATISTICS erp_content_field_index_values (mcv) ON content_type, part_name, field_name, text_value FROM erp_content_field_index");

    public override void Down() => IfDatabase(IsPostgres).Execute.Sql("DROP STATISTICS IF EXISTS erp_content_field_index_values");

    private static bool IsPostgres(string databaseType) => databaseType.StartsWith("Postgres", StringComparison.OrdinalIgnoreCase);
}
