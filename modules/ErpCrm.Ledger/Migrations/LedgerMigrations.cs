using ErpCrm.Modules;
using FluentMigrator;

namespace ErpCrm.Ledger.Migrations;

/// <summary>
/// The ledger's tables. The books (entries, lines, balances) are typed tables, not content: lines carry debit and credit in
/// the base currency's minor unit under CHECK constraints, and triggers on both engines refuse any UPDATE or DELETE of a posted
/// entry or line, whoever sends it (see <c>LedgerPostingService</c> for the invariants the code keeps on top).
/// Dates are ISO <c>yyyy-MM-dd</c> text, which orders and compares the same on SQLite and PostgreSQL; flags are 0/1 integers.
/// </summary>
[Feature(LedgerFeature.Id)]
[Migration(1, "Ledger: settings, currencies, accounts, journals, fiscal years, entries, lines, balances, matches")]
public sealed class LedgerMigration : Migration
{
    public override void Up()
    {
        Create.Table("ledger_settings")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("base_currency").AsString(3).NotNullable()
            .WithColumn("lock_date").AsString(10).Nullable()
            .WithColumn("fiscal_year_start_month").AsInt32().NotNullable();
        Insert.IntoTable("ledger_settings").Row(new { id = 1, base_currency = "USD", fiscal_year_start_month = 1 });

        Create.Table("ledger_currencies")
            .WithColumn("code").AsString(3).PrimaryKey()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("minor_units").AsInt32().NotNullable()
            .WithColumn("active").AsInt32().NotNullable();
        Insert.IntoTable("ledger_currencies").Row(new { code = "USD", name = "US Dollar", minor_units = 2, active = 1 });

        Create.Table("ledger_exchange_rates")
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("date").AsString(10).NotNullable()
            .WithColumn("rate").AsString(40).NotNullable();
        Create.Index("ux_ledger_exchange_rates").OnTable("ledger_exchange_rates").OnColumn("currency").Ascending().OnColumn("date").Ascending().WithOptions().Unique();

        Create.Table("ledger_accounts")
            .WithColumn("code").AsString(32).PrimaryKey()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("type").AsString(16).NotNullable()
            .WithColumn("subtype").AsString(32).Nullable()
            .WithColumn("parent_code").AsString(32).Nullable()
            .WithColumn("currency").AsString(3).Nullable()
            .WithColumn("active").AsInt32().NotNullable();

        Create.Table("ledger_journals")
            .WithColumn("code").AsString(16).PrimaryKey()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("type").AsString(16).NotNullable()
            .WithColumn("active").AsInt32().NotNullable()
            // The hash chain's head: how many entries the journal has posted and the last one's hash.
            .WithColumn("chain_length").AsInt64().NotNullable()
            .WithColumn("last_hash").AsString(64).Nullable();
        foreach (var (code, name, type) in new[]
        {
            ("GEN", "General", "general"), ("SAL", "Sales", "sale"), ("PUR", "Purchases", "purchase"), ("BNK", "Bank", "bank"), ("CSH", "Cash", "cash"),
        })
        {
            Insert.IntoTable("ledger_journals").Row(new { code, name, type, active = 1, chain_length = 0L });
        }

        // The last number handed out per journal and fiscal year; incremented inside the posting transaction, so a rollback
        // gives the number back and numbers stay gapless.
        Create.Table("ledger_sequences")
            .WithColumn("journal_code").AsString(16).NotNullable()
            .WithColumn("fiscal_year").AsString(16).NotNullable()
            .WithColumn("last_number").AsInt64().NotNullable();
        Create.Index("ux_ledger_sequences").OnTable("ledger_sequences").OnColumn("journal_code").Ascending().OnColumn("fiscal_year").Ascending().WithOptions().Unique();

        Create.Table("ledger_fiscal_years")
            .WithColumn("name").AsString(16).PrimaryKey()
            .WithColumn("start_date").AsString(10).NotNullable()
            .WithColumn("end_date").AsString(10).NotNullable()
            .WithColumn("state").AsString(16).NotNullable()
            .WithColumn("closing_entry_id").AsInt64().Nullable();

        Create.Table("ledger_entries")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("journal_code").AsString(16).NotNullable()
            .WithColumn("fiscal_year").AsString(16).Nullable()
            .WithColumn("number_seq").AsInt64().Nullable()
            .WithColumn("number").AsString(40).Nullable()
            .WithColumn("date").AsString(10).NotNullable()
            .WithColumn("due_date").AsString(10).Nullable()
            .WithColumn("reference").AsString(200).Nullable()
            .WithColumn("state").AsString(16).NotNullable()
            .WithColumn("is_closing").AsInt32().NotNullable()
            .WithColumn("reversal_of").AsInt64().Nullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("total").AsInt64().NotNullable()
            .WithColumn("chain_seq").AsInt64().Nullable()
            .WithColumn("prev_hash").AsString(64).Nullable()
            .WithColumn("hash").AsString(64).Nullable()
            .WithColumn("created_utc").AsString(40).NotNullable()
            .WithColumn("created_by").AsString(64).Nullable()
            .WithColumn("posted_utc").AsString(40).Nullable()
            .WithColumn("posted_by").AsString(64).Nullable();
        Create.Index("ux_ledger_entries_number").OnTable("ledger_entries")
            .OnColumn("journal_code").Ascending().OnColumn("fiscal_year").Ascending().OnColumn("number_seq").Ascending().WithOptions().Unique();
        Create.Index("ux_ledger_entries_chain").OnTable("ledger_entries").OnColumn("journal_code").Ascending().OnColumn("chain_seq").Ascending().WithOptions().Unique();
        // An entry is reversed at most once: a second reversal hits this index (partial: most entries reverse nothing).
        Execute.Sql("CREATE UNIQUE INDEX ux_ledger_entries_reversal ON ledger_entries (reversal_of) WHERE reversal_of IS NOT NULL");
        Create.Index("ix_ledger_entries_date").OnTable("ledger_entries").OnColumn("date").Ascending().OnColumn("id").Ascending();

        IfDatabase(IsSqlite).Execute.Sql(LinesTable("INTEGER PRIMARY KEY", "INTEGER"));
        IfDatabase(IsPostgres).Execute.Sql(LinesTable("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT"));
        Create.Index("ix_ledger_lines_account").OnTable("ledger_lines").OnColumn("account_code").Ascending().OnColumn("date").Ascending();
        Create.Index("ix_ledger_lines_entry").OnTable("ledger_lines").OnColumn("entry_id").Ascending();
        // Partial: only partner lines carry a contact, and only they are looked up by it.
        Execute.Sql("CREATE INDEX ix_ledger_lines_contact ON ledger_lines (contact_id, account_code) WHERE contact_id IS NOT NULL");

        // Debit and credit per account and day, split by whether they come from a year-end closing entry (the P&L leaves
        // those out). Maintained in the posting transaction; reports read these rows, never a scan of every line.
        Create.Table("ledger_balances")
            .WithColumn("account_code").AsString(32).NotNullable()
            .WithColumn("date").AsString(10).NotNullable()
            .WithColumn("is_closing").AsInt32().NotNullable()
            .WithColumn("debit").AsInt64().NotNullable()
            .WithColumn("credit").AsInt64().NotNullable();
        Create.Index("ux_ledger_balances").OnTable("ledger_balances")
            .OnColumn("account_code").Ascending().OnColumn("date").Ascending().OnColumn("is_closing").Ascending().WithOptions().Unique();
        Create.Index("ix_ledger_balances_date").OnTable("ledger_balances").OnColumn("date").Ascending();

        // Partner matching: an amount of a debit line settled by a credit line on the same account and contact.
        Create.Table("ledger_matches")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("debit_line_id").AsInt64().NotNullable()
            .WithColumn("credit_line_id").AsInt64().NotNullable()
            .WithColumn("amount").AsInt64().NotNullable()
            .WithColumn("date").AsString(10).NotNullable()
            .WithColumn("created_utc").AsString(40).NotNullable()
            .WithColumn("created_by").AsString(64).Nullable();
        Create.Index("ix_ledger_matches_debit").OnTable("ledger_matches").OnColumn("debit_line_id");
        Create.Index("ix_ledger_matches_credit").OnTable("ledger_matches").OnColumn("credit_line_id");

        IfDatabase(IsSqlite).Execute.Sql("""
            CREATE TRIGGER ledger_lines_posted_no_update BEFORE UPDATE ON ledger_lines WHEN OLD.posted = 1
            BEGIN SELECT RAISE(ABORT, 'ledger: a posted journal line cannot be changed'); END;
            CREATE TRIGGER ledger_lines_posted_no_delete BEFORE DELETE ON ledger_lines WHEN OLD.posted = 1
            BEGIN SELECT RAISE(ABORT, 'ledger: a posted journal line cannot be deleted'); END;
            CREATE TRIGGER ledger_entries_posted_no_update BEFORE UPDATE ON ledger_entries WHEN OLD.state = 'posted'
            BEGIN SELECT RAISE(ABORT, 'ledger: a posted journal entry cannot be changed'); END;
            CREATE TRIGGER ledger_entries_posted_no_delete BEFORE DELETE ON ledger_entries WHEN OLD.state = 'posted'
            BEGIN SELECT RAISE(ABORT, 'ledger: a posted journal entry cannot be deleted'); END;
            """);
        IfDatabase(IsPostgres).Execute.Sql("""
            CREATE FUNCTION ledger_reject_posted_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'ledger: a posted row of % cannot be changed (%)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
            END $$;
            CREATE TRIGGER ledger_lines_posted_immutable BEFORE UPDATE OR DELETE ON ledger_lines
              FOR EACH ROW WHEN (OLD.posted = 1) EXECUTE FUNCTION ledger_reject_posted_change();
            CREATE TRIGGER ledger_entries_posted_immutable BEFORE UPDATE OR DELETE ON ledger_entries
              FOR EACH ROW WHEN (OLD.state = 'posted') EXECUTE FUNCTION ledger_reject_posted_change();
            """);
    }

    public override void Down()
    {
        IfDatabase(IsPostgres).Execute.Sql("""
            DROP TRIGGER IF EXISTS ledger_lines_posted_immutable ON ledger_lines;
            DROP TRIGGER IF EXISTS ledger_entries_posted_immutable ON ledger_entries;
            DROP FUNCTION IF EXISTS ledger_reject_posted_change();
            """);
        foreach (var table in new[]
        {
            "ledger_matches", "ledger_balances", "ledger_lines", "ledger_entries", "ledger_fiscal_years", "ledger_sequences",
            "ledger_journals", "ledger_accounts", "ledger_exchange_rates", "ledger_currencies", "ledger_settings",
        })
        {
            Delete.Table(table);
        }
    }

    // Processor ids vary by version ("Postgres", "PostgreSQL15_0", …): match on the engine's name.
    private static bool IsSqlite(string databaseType) => databaseType.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase);

    private static bool IsPostgres(string databaseType) => databaseType.StartsWith("Postgres", StringComparison.OrdinalIgnoreCase);

    // Written by hand for its CHECK constraints, which FluentMigrator cannot add on SQLite after the fact.
    private static string LinesTable(string idColumn, string bigint) => $"""
        CREATE TABLE ledger_lines (
          id {idColumn},
          entry_id {bigint} NOT NULL REFERENCES ledger_entries (id),
          line_no INTEGER NOT NULL,
          journal_code VARCHAR(16) NOT NULL,
          date VARCHAR(10) NOT NULL,
          account_code VARCHAR(32) NOT NULL,
          debit {bigint} NOT NULL CHECK (debit >= 0),
          credit {bigint} NOT NULL CHECK (credit >= 0),
          currency VARCHAR(3),
          amount_currency {bigint},
          contact_id VARCHAR(64),
          description VARCHAR(500),
          posted INTEGER NOT NULL CHECK (posted IN (0, 1)),
          is_closing INTEGER NOT NULL,
          CHECK (debit = 0 OR credit = 0),
          CHECK ((currency IS NULL) = (amount_currency IS NULL))
        )
        """;
}
