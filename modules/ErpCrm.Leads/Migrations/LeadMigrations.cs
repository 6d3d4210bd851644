using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Leads.Migrations;

/// <summary>The lead index (<see cref="LeadIndex"/>): what lists, the kanban, duplicate detection and reports read.</summary>
[Feature(LeadsFeature.Id)]
[Migration(1, "Lead index")]
public sealed class LeadIndexMigration : Migration
{
    public override void Up()
    {
        Create.ContentPartIndexTable(LeadIndex.TableName)
            .WithColumn("display_name_key").AsString(LeadIndex.MaxTextLength).Nullable()
            .WithColumn("stage").AsString(LeadIndex.MaxTextLength).Nullable()
            .WithColumn("stage_key").AsString(LeadIndex.MaxTextLength).Nullable()
            .WithColumn("owner_id").AsString(64).Nullable()
            .WithColumn("status").AsString(16).NotNullable()
            .WithColumn("email_key").AsString(LeadIndex.MaxTextLength).Nullable()
            .WithColumn("phone_key").AsString(LeadIndex.MaxTextLength).Nullable()
            .WithColumn("source").AsString(LeadIndex.MaxTextLength).Nullable()
            .WithColumn("expected_revenue").AsInt64().Nullable()
            .WithColumn("currency").AsString(3).Nullable()
            .WithColumn("probability").AsInt32().Nullable()
            .WithColumn("score").AsInt64().Nullable()
            .WithColumn("contact_id").AsString(64).Nullable()
            .WithColumn("company_id").AsString(64).Nullable()
            .WithColumn("person_id").AsString(64).Nullable()
            .WithColumn("created_utc").AsString(40).Nullable()
            .WithColumn("closed_utc").AsString(40).Nullable();
        Create.Index("ix_lead_index_item").OnTable(LeadIndex.TableName).OnColumn("content_item_id");
        Create.Index("ix_lead_index_stage").OnTable(LeadIndex.TableName).OnColumn("stage_key").Ascending().OnColumn("latest").Ascending();
        Create.Index("ix_lead_index_owner").OnTable(LeadIndex.TableName).OnColumn("owner_id");
        Create.Index("ix_lead_index_email").OnTable(LeadIndex.TableName).OnColumn("email_key");
        Create.Index("ix_lead_index_phone").OnTable(LeadIndex.TableName).OnColumn("phone_key");
    }

    public override void Down() => Delete.Table(LeadIndex.TableName);
}

/// <summary>The tenant's pipeline stages, scoring and assignment rules, and the round-robin turns of assignment.</summary>
[Feature(LeadsFeature.Id)]
[Migration(2, "Pipeline stages and lead rules")]
public sealed class PipelineMigration : Migration
{
    public override void Up()
    {
        Create.Table("lead_stages")
            .WithColumn("name_key").AsString(PipelineLimits.MaxNameLength).PrimaryKey()
            .WithColumn("name").AsString(PipelineLimits.MaxNameLength).NotNullable()
            .WithColumn("position").AsInt32().NotNullable()
            .WithColumn("probability").AsInt32().NotNullable()
            .WithColumn("is_won").AsBoolean().NotNullable()
            .WithColumn("is_lost").AsBoolean().NotNullable();
        Create.Table("lead_scoring_rules")
            .WithColumn("position").AsInt32().PrimaryKey()
            .WithColumn("name").AsString(PipelineLimits.MaxNameLength).Nullable()
            .WithColumn("field").AsString(PipelineLimits.MaxFieldLength).NotNullable()
            .WithColumn("operator").AsString(32).NotNullable()
            .WithColumn("value").AsString(PipelineLimits.MaxValueLength).Nullable()
            .WithColumn("points").AsInt32().NotNullable();
        Create.Table("lead_assignment_rules")
            .WithColumn("position").AsInt32().PrimaryKey()
            .WithColumn("name").AsString(PipelineLimits.MaxNameLength).Nullable()
            .WithColumn("field").AsString(PipelineLimits.MaxFieldLength).Nullable()
            .WithColumn("operator").AsString(32).Nullable()
            .WithColumn("value").AsString(PipelineLimits.MaxValueLength).Nullable()
            .WithColumn("user_name").AsString(100).Nullable()
            .WithColumn("role_name").AsString(100).Nullable();
        // One row per role: how many leads round robin has handed out among its users (the next is turns mod users).
        Create.Table("lead_round_robin")
            .WithColumn("role_key").AsString(100).PrimaryKey()
            .WithColumn("turns").AsInt64().NotNullable();
        Create.Table("lead_history")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("lead_id").AsString(64).NotNullable()
            .WithColumn("event").AsString(32).NotNullable()
            .WithColumn("detail").AsString(1000).Nullable()
            .WithColumn("occurred_utc").AsString(40).NotNullable();
        Create.Index("ix_lead_history_lead").OnTable("lead_history").OnColumn("lead_id");
    }

    public override void Down()
    {
        foreach (var table in new[] { "lead_history", "lead_round_robin", "lead_assignment_rules", "lead_scoring_rules", "lead_stages" })
        {
            Delete.Table(table);
        }
    }
}

/// <summary>Activities scheduled on leads (<see cref="Services.LeadActivityService"/>): a typed table, not content, so "due today" is one indexed query.</summary>
[Feature(LeadsFeature.Id)]
[Migration(3, "Lead activities")]
public sealed class LeadActivitiesMigration : Migration
{
    public override void Up()
    {
        Create.Table("lead_activities")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("lead_id").AsString(64).NotNullable()
            .WithColumn("kind").AsString(16).NotNullable()
            .WithColumn("subject").AsString(LeadActivityLimits.MaxSubjectLength).NotNullable()
            .WithColumn("notes").AsString(LeadActivityLimits.MaxNotesLength).Nullable()
            .WithColumn("due_date").AsString(10).NotNullable()
            .WithColumn("assigned_to").AsString(64).Nullable()
            .WithColumn("created_utc").AsString(40).NotNullable()
            .WithColumn("created_by").AsString(64).Nullable()
            .WithColumn("done_utc").AsString(40).Nullable()
            .WithColumn("done_by").AsString(64).Nullable();
        Create.Index("ix_lead_activities_lead").OnTable("lead_activities").OnColumn("lead_id");
        Create.Index("ix_lead_activities_assigned").OnTable("lead_activities").OnColumn("assigned_to").Ascending().OnColumn("due_date").Ascending();
    }

    public override void Down() => Delete.Table("lead_activities");
}

/// <summary>
/// Messages of open leads (<see cref="Services.LeadMessages"/>): a capture that repeats an open lead is kept here, beside the
/// lead, instead of being written into its notes.
/// </summary>
[Feature(LeadsFeature.Id)]
[Migration(4, "Lead messages")]
public sealed class LeadMessagesMigration : Migration
{
    public override void Up()
    {
        Create.Table("lead_messages")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("lead_id").AsString(64).NotNullable()
            .WithColumn("received_utc").AsString(40).NotNullable()
            .WithColumn("name").AsString(Services.LeadCaptureService.MaxNameLength).NotNullable()
            .WithColumn("email").AsString(Services.LeadCaptureService.MaxEmailLength).NotNullable()
            .WithColumn("phone").AsString(Services.LeadCaptureService.MaxPhoneLength).Nullable()
            .WithColumn("company").AsString(Services.LeadCaptureService.MaxCompanyLength).Nullable()
            .WithColumn("source").AsString(Services.LeadCaptureService.MaxSourceLength).Nullable()
            .WithColumn("message").AsString(Services.LeadCaptureService.MaxMessageLength).Nullable();
        // The cap counts a lead's messages of the last day, and the lead's page lists them.
        Create.Index("ix_lead_messages_lead").OnTable("lead_messages").OnColumn("lead_id").Ascending().OnColumn("received_utc").Ascending();
    }

    public override void Down() => Delete.Table("lead_messages");
}

/// <summary>
/// The lead index's links to contacts, indexed: the contact's page lists a contact's leads by them, and the kernel asks, before a
/// contact is removed, whether a lead refers to it (<see cref="Services.LeadContactReferences"/>).
/// </summary>
[Feature(LeadsFeature.Id)]
[Migration(5, "Lead index: links to contacts indexed")]
public sealed class LeadContactLinksMigration : Migration
{
    private static readonly string[] Columns = ["contact_id", "company_id", "person_id"];

    public override void Up()
    {
        foreach (var column in Columns)
        {
            Create.Index($"ix_lead_index_{column}").OnTable(LeadIndex.TableName).OnColumn(column);
        }
    }

    public override void Down()
    {
        foreach (var column in Columns)
        {
            Delete.Index($"ix_lead_index_{column}").OnTable(LeadIndex.TableName);
        }
    }
}

/// <summary>
/// Who and what a history entry is about, as ids beside its text: the lead pages name them as they are now (a user's display name, a
/// contact's name, "(deleted)" when gone) instead of writing ids into the text.
/// </summary>
[Feature(LeadsFeature.Id)]
[Migration(6, "Lead history: the user and contacts an entry is about")]
public sealed class LeadHistoryReferencesMigration : Migration
{
    public override void Up() =>
        Alter.Table("lead_history")
            .AddColumn("owner_id").AsString(64).Nullable()
            .AddColumn("company_id").AsString(64).Nullable()
            .AddColumn("person_id").AsString(64).Nullable();

    public override void Down()
    {
        Delete.Column("owner_id").FromTable("lead_history");
        Delete.Column("company_id").FromTable("lead_history");
        Delete.Column("person_id").FromTable("lead_history");
    }
}
