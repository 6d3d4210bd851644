using ErpCrm.Content;
using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Contacts.Migrations;

/// <summary>The contact index (<see cref="Models.ContactIndex"/>): the keys lists search and duplicate detection compares.</summary>
[Feature(ContactsFeature.Id)]
[Migration(1, "Contact index")]
public sealed class ContactIndexMigration : Migration
{
    public override void Up()
    {
        Create.ContentPartIndexTable(Models.ContactIndex.TableName)
            .WithColumn("display_name_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("email_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("phone_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("tax_id_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("is_customer").AsBoolean().NotNullable()
            .WithColumn("is_supplier").AsBoolean().NotNullable();
        Create.Index("ix_contact_index_item").OnTable(Models.ContactIndex.TableName).OnColumn("content_item_id");
        Create.Index("ix_contact_index_email").OnTable(Models.ContactIndex.TableName).OnColumn("email_key");
        Create.Index("ix_contact_index_phone").OnTable(Models.ContactIndex.TableName).OnColumn("phone_key");
        Create.Index("ix_contact_index_tax_id").OnTable(Models.ContactIndex.TableName).OnColumn("tax_id_key");
    }

    public override void Down() => Delete.Table(Models.ContactIndex.TableName);
}

/// <summary>The person index (<see cref="Models.PersonIndex"/>): which company each person works for.</summary>
[Feature(ContactsFeature.Id)]
[Migration(2, "Person index")]
public sealed class PersonIndexMigration : Migration
{
    public override void Up()
    {
        Create.ContentPartIndexTable(Models.PersonIndex.TableName)
            .WithColumn("company_id").AsString(64).Nullable();
        Create.Index("ix_person_index_company").OnTable(Models.PersonIndex.TableName).OnColumn("company_id");
    }

    public override void Down() => Delete.Table(Models.PersonIndex.TableName);
}

/// <summary>
/// Archived contacts (<see cref="Models.ContactArchive"/>): the flag lists and duplicate checks leave them out by, and the contact a
/// merged-away one points at (found when that one is about to be removed). Every contact stored before was active.
/// </summary>
[Feature(ContactsFeature.Id)]
[Migration(3, "Contact index: archived and merged contacts")]
public sealed class ContactArchiveMigration : Migration
{
    public override void Up()
    {
        Alter.Table(Models.ContactIndex.TableName)
            .AddColumn("archived").AsBoolean().NotNullable().WithDefaultValue(false)
            .AddColumn("merged_into").AsString(64).Nullable();
        Create.Index("ix_contact_index_merged_into").OnTable(Models.ContactIndex.TableName).OnColumn("merged_into");
    }

    public override void Down()
    {
        Delete.Index("ix_contact_index_merged_into").OnTable(Models.ContactIndex.TableName);
        Delete.Column("merged_into").FromTable(Models.ContactIndex.TableName);
        Delete.Column("archived").FromTable(Models.ContactIndex.TableName);
    }
}
