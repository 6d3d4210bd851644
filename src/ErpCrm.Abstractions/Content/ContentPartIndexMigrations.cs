using FluentMigrator.Builders.Create;
using FluentMigrator.Builders.Create.Table;

namespace ErpCrm.Content;

/// <summary>Migrations of <see cref="ContentPartIndex"/> tables.</summary>
public static class ContentPartIndexMigrations
{
    /// <summary>
    /// Creates a content part index table with the columns the kernel fills (<c>version_id</c> primary key,
    /// <c>content_item_id</c>, <c>content_type</c>, <c>latest</c>, <c>published</c>); add the module's own columns after it.
    /// </summary>
    /// <example><code>Create.ContentPartIndexTable("contact_index").WithColumn("email_key").AsString(256).Nullable();</code></example>
    public static ICreateTableColumnOptionOrWithColumnSyntax ContentPartIndexTable(this ICreateExpressionRoot create, string table) =>
        create.Table(table)
            .WithColumn("version_id").AsString(64).PrimaryKey()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("content_type").AsString(128).NotNullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable();
}
