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
        Create.Table("contact_index")
            .WithColumn("version_id").AsString(64).PrimaryKey()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("content_type").AsString(128).NotNullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("display_name_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("email_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("phone_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("tax_id_key").AsString(Models.ContactIndex.MaxKeyLength).Nullable()
            .WithColumn("is_customer").AsBoolean().NotNullable()
            .WithColumn("is_supplier").AsBoolean().NotNullable();
        Create.Index("ix_contact_index_item").OnTable("contact_index").OnColumn("content_item_id");
        Create.Index("ix_contact_index_email").OnTable("contact_index").OnColumn("email_key");
        Create.Index("ix_contact_index_phone").OnTable("contact_index").OnColumn("phone_key");
        Create.Index("ix_contact_index_tax_id").OnTable("contact_index").OnColumn("tax_id_key");
    }

    public override void Down() => Delete.Table("contact_index");
}

/// <summary>The person index (<see cref="Models.PersonIndex"/>): which company each person works for.</summary>
[Feature(ContactsFeature.Id)]
[Migration(2, "Person index")]
public sealed class PersonIndexMigration : Migration
{
    public override void Up()
    {
        Create.Table("person_index")
            .WithColumn("version_id").AsString(64).PrimaryKey()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("content_type").AsString(128).NotNullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("company_id").AsString(64).Nullable();
        Create.Index("ix_person_index_company").OnTable("person_index").OnColumn("company_id");
    }

    public override void Down() => Delete.Table("person_index");
}
