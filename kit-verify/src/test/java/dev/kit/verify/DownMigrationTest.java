package dev.kit.verify;

import static dev.kit.verify.TestHistory.APP;
import static dev.kit.verify.TestHistory.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.lint.LintSettings;
import dev.kit.model.TxMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reverts derived on a real PostgreSQL 17, and kit:verify's proof of them: a base migration, the
 * migration to revert, and its derived (or a hand-written) revert, after which the database holds
 * what the base migration made.
 */
class DownMigrationTest {

  private static final String BASE = "20250101000000_base.sql";
  private static final String CHANGE = "20250102000000_change.sql";
  private static final String REVERT = "20250103000000_revert_20250102000000.sql";
  private static EmbeddedPostgresServer postgres;

  @BeforeAll
  static void start() throws SQLException {
    postgres = TestPostgres.start(17);
    // Roles belong to the cluster, not to the databases each verification creates.
    try (Connection c = postgres.connect("postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN CREATE ROLE reporting; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      // A role the migrations' role may give its functions to.
      s.execute(
          "DO $$ BEGIN CREATE ROLE report_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      s.execute(
          "DO $$ BEGIN CREATE ROLE app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      s.execute("GRANT report_owner TO app");
    }
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  /** The down migration of {@code change} on top of {@code base}. */
  private static DownMigration derive(String base, String change) {
    return TestHistory.derive(postgres, BASE, base, CHANGE, change);
  }

  private static ServiceVerification verify(String base, String change, String revert) {
    return new MigrationVerifier(LintSettings.defaults())
        .verify(
            postgres, TestHistory.of(TxMode.FILE, BASE, base, CHANGE, change, REVERT, revert), APP);
  }

  /** Derives the revert of {@code change}, applies it, and expects the proof to pass. */
  private static DownMigration proveDerived(String base, String change) {
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());
    assertThat(v.error()).as(down.sql()).isEmpty();
    assertThat(v.problems()).as(down.sql()).isEmpty();
    assertThat(v.notes())
        .as(down.sql())
        .singleElement()
        .asString()
        .startsWith(DIR + "/" + REVERT + " restores the ")
        .doesNotContain(" restores the 0 ");
    return down;
  }

  @Test
  void revert_createsTheIndexesAndTriggersOfTheViewsItCreatesAgain_whenARenamedTableChangedThem() {
    String base =
        "CREATE TABLE a (id int);\n"
            + "CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;\n"
            + "CREATE INDEX mv_id ON mv (id);\n"
            + "CREATE VIEW v AS SELECT id FROM a;\n"
            + "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql"
            + " AS $$ BEGIN INSERT INTO a VALUES (NEW.id); RETURN NEW; END $$;\n"
            + "CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION tf();\n";
    DownMigration down = proveDerived(base, "ALTER TABLE a RENAME TO b;\n");

    assertThat(down.sql())
        .containsSubsequence(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS public.mv AS",
            "CREATE INDEX IF NOT EXISTS mv_id ON public.mv USING btree (id);",
            "CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION tf();");
    assertThat(rows("SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'mv'::regclass"))
        .containsExactly("mv_id");
    assertThat(rows("SELECT tgname FROM pg_trigger WHERE tgrelid = 'v'::regclass"))
        .containsExactly("v_ins");
  }

  @Test
  void revert_createsADroppedMaterializedViewBeforeItsIndexes() {
    String base =
        "CREATE TABLE a (id int);\n"
            + "CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;\n"
            + "CREATE INDEX mv_id ON mv (id);\n";
    proveDerived(base, "DROP MATERIALIZED VIEW mv;\n");

    assertThat(rows("SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'mv'::regclass"))
        .containsExactly("mv_id");
  }

  @Test
  void revert_createsFunctionsSequencesAndTypesBeforeKeptColumnsUseThemAgain() {
    String base =
        "CREATE FUNCTION mk() RETURNS int LANGUAGE sql AS $$ SELECT 7 $$;\n"
            + "CREATE SEQUENCE t_id_seq;\n"
            + "CREATE TYPE st AS ENUM ('a', 'b');\n"
            + "CREATE TABLE t (id int DEFAULT nextval('t_id_seq'), c int DEFAULT mk(),"
            + " s st NOT NULL DEFAULT 'a');\n";
    String change =
        "ALTER TABLE t ALTER COLUMN c DROP DEFAULT;\n"
            + "DROP FUNCTION mk();\n"
            + "ALTER TABLE t ALTER COLUMN id DROP DEFAULT;\n"
            + "DROP SEQUENCE t_id_seq;\n"
            + "ALTER TABLE t ALTER COLUMN s DROP DEFAULT;\n"
            + "ALTER TABLE t ALTER COLUMN s TYPE text;\n"
            + "ALTER TABLE t ALTER COLUMN s SET DEFAULT 'b';\n"
            + "DROP TYPE st;\n";
    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN s DROP DEFAULT;",
            "ALTER TABLE public.t ALTER COLUMN s TYPE st USING s::st;",
            "ALTER TABLE public.t ALTER COLUMN s SET DEFAULT 'a'::st;");
    assertThat(
            rows(
                "SELECT attname, pg_get_expr(adbin, adrelid) FROM pg_attrdef"
                    + " JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum"
                    + " WHERE adrelid = 't'::regclass ORDER BY attnum"))
        .containsExactly("id|nextval('t_id_seq'::regclass)", "c|mk()", "s|'a'::st");
  }

  @Test
  void revert_dropsTheNewColumnAndTableBeforeRenamingTheOldOnesBack() {
    String base =
        "CREATE TABLE t (id int PRIMARY KEY, c int);\nCREATE TABLE u (id int PRIMARY KEY);\n";
    String change =
        "ALTER TABLE t RENAME COLUMN c TO c_old;\n"
            + "ALTER TABLE t ADD COLUMN c bigint;\n"
            + "ALTER TABLE u RENAME TO u_old;\n"
            + "CREATE TABLE u (id bigint PRIMARY KEY);\n";
    proveDerived(base, change);

    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid IN ('t'::regclass, 'u'::regclass)"
                    + " AND attnum > 0 AND NOT attisdropped ORDER BY attrelid, attnum"))
        .containsExactly("t|id|integer", "t|c|integer", "u|id|integer");
  }

  @Test
  void revert_createsTypesBeforeTheTypesThatUseThem_andDropsThemAfter() {
    proveDerived(
        "CREATE TYPE zcolor AS ENUM ('r', 'g');\n"
            + "CREATE TYPE apair AS (c zcolor, n int);\n"
            + "CREATE DOMAIN \"Colors\" AS zcolor[];\n",
        "DROP DOMAIN \"Colors\";\nDROP TYPE apair;\nDROP TYPE zcolor;\n");
    assertThat(
            rows(
                "SELECT typname FROM pg_type WHERE typname IN ('zcolor', 'apair', 'Colors')"
                    + " ORDER BY typname"))
        .containsExactly("Colors", "apair", "zcolor");

    // Dropped by name, acolor would go before zpair, which uses it.
    proveDerived(
        "CREATE TABLE x (id int);\n",
        "CREATE TYPE acolor AS ENUM ('r', 'g');\nCREATE TYPE zpair AS (c acolor, n int);\n");
    assertThat(rows("SELECT typname FROM pg_type WHERE typname IN ('acolor', 'zpair')")).isEmpty();
  }

  @Test
  void revert_createsATypeBeforeTheDomainOverIt_whenOneOfItsLabelsIsTheDomainsName() {
    DownMigration down =
        proveDerived(
            "CREATE TYPE zkind AS ENUM ('adom');\nCREATE DOMAIN adom AS zkind;\n",
            "DROP DOMAIN adom;\nDROP TYPE zkind;\n");
    assertThat(down.sql())
        .containsSubsequence(
            "CREATE TYPE public.zkind AS ENUM ('adom');", "CREATE DOMAIN public.adom AS zkind;");
  }

  /** zpair comes first by oid, yet is made of (an array of) acolor. */
  @Test
  void revert_ordersTypesByWhatTheyAreMadeOf_whenAnAttributeAddedLaterUsesANewerType() {
    String types =
        "CREATE TYPE zpair AS (n int);\n"
            + "CREATE TYPE acolor AS ENUM ('r');\n"
            + "ALTER TYPE zpair ADD ATTRIBUTE c acolor[];\n";
    proveDerived("CREATE TABLE x (id int);\n", types);
    assertThat(rows("SELECT typname FROM pg_type WHERE typname IN ('acolor', 'zpair')")).isEmpty();

    proveDerived(types, "DROP TYPE zpair;\nDROP TYPE acolor;\n");
    assertThat(
            rows(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = (SELECT typrelid FROM pg_type WHERE typname = 'zpair')"
                    + " ORDER BY attnum"))
        .containsExactly("n|integer", "c|acolor[]");
  }

  @Test
  void revert_setsCycleAndOwnerBack_whenTheMigrationAlteredAKeptSequence() {
    proveDerived(
        "CREATE TABLE t (id int);\nCREATE SEQUENCE s;\n",
        "ALTER SEQUENCE s CYCLE;\nALTER SEQUENCE s OWNED BY t.id;\n");
    assertThat(rows("SELECT seqcycle FROM pg_sequence WHERE seqrelid = 's'::regclass"))
        .containsExactly("f");
    assertThat(rows("SELECT 1 FROM pg_depend WHERE objid = 's'::regclass AND deptype = 'a'"))
        .isEmpty();
  }

  @Test
  void revert_setsOnlyTheOwnerBack_whenTheMigrationChangedOnlyAKeptSequencesOwner() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int);\nCREATE SEQUENCE s;\n", "ALTER SEQUENCE s OWNED BY t.id;\n");
    assertThat(down.sql().lines().filter(l -> l.startsWith("ALTER SEQUENCE")))
        .containsExactly("ALTER SEQUENCE public.s OWNED BY NONE;");
  }

  @Test
  void revert_setsTheOwnerBack_whenTheMigrationDisownedAKeptSequence() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int);\nCREATE SEQUENCE s OWNED BY t.id;\n",
            "ALTER SEQUENCE s OWNED BY NONE;\n");
    assertThat(down.sql().lines().filter(l -> l.startsWith("ALTER SEQUENCE")))
        .containsExactly("ALTER SEQUENCE public.s OWNED BY public.t.id;");
    assertThat(
            rows(
                "SELECT refobjid::regclass, refobjsubid FROM pg_depend"
                    + " WHERE objid = 's'::regclass AND deptype = 'a'"))
        .containsExactly("t|1");
  }

  @Test
  void revert_saysToAttachThePartitionByHand_whenTheMigrationDetachedItAndDroppedItsParent() {
    String base =
        "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO"
            + " ('2025-01-01');\n";
    String change = "ALTER TABLE events DETACH PARTITION events_2024;\nDROP TABLE events;\n";
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());
    assertThat(v.error()).isEmpty();
    assertThat(v.problems())
        .as("the dropped parent's columns are part of its declaration")
        .isEmpty();
    assertThat(v.notes())
        .containsExactly(
            DIR
                + "/"
                + REVERT
                + " restores the 0 catalog objects 20250102000000_change.sql changed; 4 more it"
                + " lists as irreversible");
    assertThat(down.sql()).doesNotContain("ATTACH PARTITION");
    assertThat(down.irreversible())
        .contains(
            "table public.events_2024: it was a partition of public.events, which the migration"
                + " dropped and kit does not re-create; attach it by hand once its parent is back"
                + " (TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM"
                + " ('2024-01-01') TO ('2025-01-01'))");
  }

  @Test
  void verify_saysARetypedColumnIsNotRestored_onADetachedPartitionTheRevertListsToAttachByHand() {
    String base =
        "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO"
            + " ('2025-01-01');\n";
    String change =
        "ALTER TABLE events DETACH PARTITION events_2024;\nDROP TABLE events;\n"
            + "ALTER TABLE events_2024 ALTER COLUMN id TYPE bigint;\n";
    DownMigration down = derive(base, change);
    String retype = "ALTER TABLE public.events_2024 ALTER COLUMN id TYPE integer;";
    assertThat(down.sql()).contains(retype);

    // The table is listed irreversible, but it is back: its columns are not part of that line.
    ServiceVerification v = verify(base, change, down.sql().replace(retype, ""));

    assertThat(v.problems()).anyMatch(p -> p.contains("column public.events_2024.id"));
  }

  @Test
  void revert_saysASequenceComesBackAtItsStart_whenTheMigrationDroppedIt() {
    DownMigration down =
        proveDerived(
            "CREATE SEQUENCE invoice_no;\nSELECT setval('invoice_no', 1000);\n",
            "DROP SEQUENCE invoice_no;\n");
    assertThat(down.irreversible())
        .containsExactly(
            "value of sequence public.invoice_no: it comes back at its START WITH, so nextval gives"
                + " numbers it gave before; setval it to the value it has in production, which"
                + " kit's throwaway database does not know");
  }

  @Test
  void revert_createsADroppedTableAgain_withItsOwnerGrantsAndComment() {
    DownMigration down =
        proveDerived(
            "GRANT CREATE ON SCHEMA public TO report_owner;\n"
                + "CREATE TABLE t (id int);\n"
                + "GRANT SELECT ON t TO PUBLIC;\n"
                + "GRANT SELECT, UPDATE ON t TO reporting WITH GRANT OPTION;\n"
                + "GRANT INSERT ON t TO reporting;\n"
                + "ALTER TABLE t OWNER TO report_owner;\n"
                + "COMMENT ON TABLE t IS 'it''s t';\n",
            "DROP TABLE t;\n");
    assertThat(down.irreversible()).noneMatch(line -> line.contains("comment"));
    assertThat(down.sql())
        .containsSubsequence(
            "CREATE TABLE IF NOT EXISTS public.t",
            "ALTER TABLE public.t OWNER TO report_owner;",
            "COMMENT ON TABLE public.t IS 'it''s t';",
            "GRANT SELECT ON TABLE public.t TO PUBLIC;",
            "GRANT INSERT ON TABLE public.t TO reporting;",
            "GRANT SELECT, UPDATE ON TABLE public.t TO reporting WITH GRANT OPTION;");
  }

  @Test
  void revert_setsTableAndViewGrantsBack_keepingWhatAGranteeStillHas() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int);\n"
                + "CREATE VIEW v AS SELECT id FROM t;\n"
                + "CREATE MATERIALIZED VIEW m AS SELECT id FROM t;\n"
                + "GRANT SELECT, UPDATE ON t TO PUBLIC;\n"
                + "GRANT SELECT ON t TO reporting;\n"
                + "GRANT UPDATE ON t TO reporting WITH GRANT OPTION;\n"
                + "GRANT SELECT ON v TO reporting WITH GRANT OPTION;\n"
                + "COMMENT ON TABLE t IS 'before';\n",
            "COMMENT ON TABLE t IS 'after';\n"
                + "COMMENT ON MATERIALIZED VIEW m IS 'new';\n"
                + "GRANT INSERT ON TABLE t TO reporting;\n"
                + "REVOKE UPDATE ON t FROM PUBLIC;\n"
                + "REVOKE GRANT OPTION FOR SELECT ON public.v FROM reporting;\n"
                + "GRANT SELECT ON v, m TO PUBLIC;\n"
                + "GRANT ALL ON TABLE m TO reporting;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .containsSubsequence(
            "COMMENT ON MATERIALIZED VIEW public.m IS NULL;",
            "REVOKE ALL ON TABLE public.m FROM PUBLIC;",
            "REVOKE ALL ON TABLE public.m FROM reporting;",
            "COMMENT ON TABLE public.t IS 'before';",
            "REVOKE ALL ON TABLE public.t FROM PUBLIC;",
            "GRANT SELECT, UPDATE ON TABLE public.t TO PUBLIC;",
            "REVOKE ALL ON TABLE public.t FROM reporting;",
            "GRANT SELECT ON TABLE public.t TO reporting;",
            "GRANT UPDATE ON TABLE public.t TO reporting WITH GRANT OPTION;",
            "REVOKE ALL ON TABLE public.v FROM PUBLIC;",
            "REVOKE ALL ON TABLE public.v FROM reporting;",
            "GRANT SELECT ON TABLE public.v TO reporting WITH GRANT OPTION;")
        .doesNotContain("DROP VIEW", "DROP MATERIALIZED VIEW");
  }

  @Test
  void revert_setsColumnGrantsBack_andGrantsAgainWhatARevokeOnTheTableTookFromThem() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int, a int, b int, c int);\n"
                + "GRANT SELECT ON t TO reporting;\n"
                + "GRANT UPDATE (a), UPDATE (c) ON t TO reporting;\n"
                + "GRANT SELECT (b), INSERT (b) ON t TO report_owner WITH GRANT OPTION;\n",
            "GRANT INSERT ON t TO reporting;\n"
                + "GRANT UPDATE (b) ON TABLE t TO reporting;\n"
                + "REVOKE INSERT (b) ON t FROM report_owner;\n"
                + "ALTER TABLE t DROP COLUMN a;\n");

    assertThat(down.irreversible()).noneMatch(line -> line.startsWith("unrecorded:"));
    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ADD COLUMN IF NOT EXISTS a integer;",
            "REVOKE ALL ON TABLE public.t FROM reporting;",
            "GRANT SELECT ON TABLE public.t TO reporting;",
            "GRANT UPDATE (a) ON TABLE public.t TO reporting;",
            "REVOKE ALL (b) ON TABLE public.t FROM report_owner;",
            "GRANT SELECT (b), INSERT (b) ON TABLE public.t TO report_owner WITH GRANT OPTION;",
            // Unchanged, but the REVOKE on the table took it.
            "GRANT UPDATE (c) ON TABLE public.t TO reporting;")
        .doesNotContain(
            "(b) ON TABLE public.t TO reporting",
            "REVOKE ALL (b) ON TABLE public.t FROM reporting");
  }

  @Test
  void revert_setsFunctionAndColumnCommentsBack() {
    DownMigration down =
        proveDerived(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "COMMENT ON FUNCTION f() IS 'one';\n"
                + "CREATE TABLE t (id int, a int);\n"
                + "COMMENT ON COLUMN t.a IS 'the a';\n"
                + "CREATE TABLE gone (id int);\n"
                + "COMMENT ON COLUMN gone.id IS 'gone''s id';\n",
            "COMMENT ON FUNCTION f() IS NULL;\n"
                + "COMMENT ON COLUMN public.t.a IS 'new a';\n"
                + "COMMENT ON COLUMN t.id IS 'the id';\n"
                + "DROP TABLE gone;\n");

    assertThat(down.irreversible()).noneMatch(line -> line.startsWith("unrecorded:"));
    assertThat(down.sql())
        .contains(
            "COMMENT ON FUNCTION public.f() IS 'one';",
            "COMMENT ON COLUMN public.gone.id IS 'gone''s id';",
            "COMMENT ON COLUMN public.t.id IS NULL;",
            "COMMENT ON COLUMN public.t.a IS 'the a';");
  }

  @Test
  void verify_passesARevertDerivedBeforeGrantsWereRecorded_whereItListedThemAsUnrecorded() {
    String base =
        "CREATE TABLE t (id int);\nCREATE TABLE gone (id int);\n"
            + "GRANT SELECT ON gone TO reporting;\nCREATE TYPE mood AS ENUM ('ok');\n";
    String change =
        "GRANT SELECT ON t TO reporting;\nCOMMENT ON TABLE t IS 'x';\nDROP TABLE gone;\n"
            + "CREATE POLICY p ON t USING (true);\n"
            + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON TYPES TO reporting;\n"
            + "GRANT USAGE ON TYPE mood TO reporting;\n";
    String unrecorded = ", which kit does not compare; undo it by hand if it matters\n";
    // Still unrecorded: it says nothing of how old the revert is.
    String defaults =
        "-- kit:irreversible unrecorded: line 6 (GRANT USAGE ON TYPE mood TO reporting;) changed"
            + " privileges"
            + unrecorded;
    String older =
        "-- kit:revert 20250102000000\n"
            + defaults
            + "-- kit:irreversible unrecorded: line 5 (ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT"
            + " USAGE ON TYPES TO reporting;) changed default privileges"
            + unrecorded
            + "-- kit:irreversible unrecorded: line 1 (GRANT SELECT ON t TO reporting;) changed"
            + " privileges"
            + unrecorded
            + "-- kit:irreversible unrecorded: line 2 (COMMENT ON TABLE t IS 'x';) changed a comment"
            + " or label"
            + unrecorded
            + "-- kit:irreversible unrecorded: line 4 (CREATE POLICY p ON t USING (true);) changed a"
            + " row security policy"
            + unrecorded
            + "-- kit:irreversible grants and comment of table public.gone: it is created again,"
            + " without its grants {app=arwdDxtm/app,reporting=r/app}; GRANT and COMMENT ON it again"
            + " by hand\n"
            + "CREATE TABLE IF NOT EXISTS public.gone (id integer);\n";

    ServiceVerification v = verify(base, change, older);
    assertThat(v.problems()).isEmpty();
    assertThat(v.notes())
        .singleElement()
        .asString()
        .endsWith(
            "restores the 1 catalog objects 20250102000000_change.sql changed; 4 more it lists"
                + " as irreversible");

    // Without those lines (a line kit still does not record aside), it is not what it says it is.
    ServiceVerification bare =
        verify(
            base,
            change,
            "-- kit:revert 20250102000000\n"
                + defaults
                + "CREATE TABLE IF NOT EXISTS public.gone (id integer);\n");
    assertThat(bare.problems())
        .singleElement()
        .asString()
        .contains(
            "does not restore what 20250102000000_change.sql changed: default privileges on types"
                + " in schema public (before")
        .contains("policy public.t.p (before")
        .contains("table public.gone (before")
        .contains("table public.t (before");
  }

  @Test
  void verify_doesNotTakeARevertForAnOlderOne_forListingWhatGoesWithAnObjectTheMigrationMade() {
    String change =
        "CREATE INDEX t_id ON t (id);\nCOMMENT ON INDEX t_id IS 'x';\n"
            + "GRANT SELECT ON t TO reporting;\n";
    // As kit derived it before it left the comment on the new index out, but without the REVOKE.
    String revert =
        "-- kit:revert 20250102000000\n"
            + "-- kit:irreversible unrecorded: line 2 (COMMENT ON INDEX t_id IS 'x';) changed a comment"
            + " or label, which kit does not compare; undo it by hand if it matters\n"
            + "DROP INDEX IF EXISTS public.t_id;\n";

    assertThat(verify("CREATE TABLE t (id int);\n", change, revert).problems())
        .singleElement()
        .asString()
        .contains("table public.t (before");
  }

  @Test
  void revert_setsSchemasOwnersGrantsAndCommentsBack_andGivesThemToASchemaItCreatesAgain() {
    DownMigration down =
        proveDerived(
            "DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO report_owner',"
                + " current_database()); END $$;\n"
                + "CREATE SCHEMA a;\n"
                + "CREATE SCHEMA b;\n"
                + "GRANT USAGE ON SCHEMA b TO reporting;\n"
                + "COMMENT ON SCHEMA b IS 'bee';\n"
                + "CREATE SCHEMA gone;\n"
                + "GRANT USAGE, CREATE ON SCHEMA gone TO reporting WITH GRANT OPTION;\n"
                + "ALTER SCHEMA gone OWNER TO report_owner;\n"
                + "COMMENT ON SCHEMA gone IS 'was here';\n",
            "ALTER SCHEMA a OWNER TO report_owner;\n"
                + "GRANT USAGE ON SCHEMA a, public TO reporting;\n"
                + "REVOKE ALL ON SCHEMA b FROM reporting;\n"
                + "COMMENT ON SCHEMA b IS NULL;\n"
                + "COMMENT ON SCHEMA a IS 'ay';\n"
                + "DROP SCHEMA gone;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "ALTER SCHEMA a OWNER TO CURRENT_USER;",
            "COMMENT ON SCHEMA a IS NULL;",
            "REVOKE ALL ON SCHEMA a FROM reporting;",
            "REVOKE ALL ON SCHEMA public FROM reporting;",
            "COMMENT ON SCHEMA b IS 'bee';",
            "GRANT USAGE ON SCHEMA b TO reporting;",
            "CREATE SCHEMA IF NOT EXISTS gone;",
            "ALTER SCHEMA gone OWNER TO report_owner;",
            "COMMENT ON SCHEMA gone IS 'was here';",
            "GRANT USAGE, CREATE ON SCHEMA gone TO reporting WITH GRANT OPTION;");
  }

  @Test
  void revert_namesTheRoleThatRunsTheMigrationsCurrentUser_whenItGaveItselfPrivileges() {
    // A revert runs as whichever role runs the migrations in each environment, named or not.
    DownMigration down =
        proveDerived(
            "GRANT CREATE ON SCHEMA public TO report_owner;\n"
                + "CREATE TABLE u (id int);\n"
                + "ALTER TABLE u OWNER TO report_owner;\n",
            "GRANT SELECT, UPDATE (id) ON u TO app;\n"
                + "ALTER DEFAULT PRIVILEGES FOR ROLE report_owner GRANT SELECT ON TABLES TO app;\n");

    assertThat(down.sql())
        .contains(
            "REVOKE ALL ON TABLE public.u FROM CURRENT_USER;",
            "ALTER DEFAULT PRIVILEGES FOR ROLE report_owner REVOKE ALL ON TABLES FROM CURRENT_USER;")
        .doesNotContain(" app;");
  }

  @Test
  void revert_setsStorageParametersLoggingReplicaIdentityColumnSettingsAndTriggersBack() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int PRIMARY KEY, a text, b int);\n"
                + "ALTER TABLE t SET (fillfactor = 70);\n"
                + "CREATE TABLE u (id int NOT NULL);\n"
                + "CREATE UNIQUE INDEX u_id ON u (id);\n"
                + "ALTER TABLE u REPLICA IDENTITY USING INDEX u_id;\n"
                + "CREATE UNLOGGED TABLE cache (k text);\n"
                + "CREATE UNLOGGED SEQUENCE ticket;\n"
                + "CREATE TABLE gone (id int) WITH (autovacuum_enabled = false);\n"
                + "ALTER TABLE gone ALTER COLUMN id SET STATISTICS 500;\n"
                + "CREATE VIEW v WITH (security_barrier) AS SELECT id FROM t;\n"
                + "CREATE VIEW cv WITH (check_option = local) AS SELECT id FROM t WHERE id > 0;\n"
                + "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql"
                + " AS $$ BEGIN RETURN NEW; END $$;\n"
                + "CREATE TRIGGER t_off BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
                + "ALTER TABLE t DISABLE TRIGGER t_off;\n"
                + "CREATE TRIGGER t_on BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
                + "CREATE TRIGGER gone_rep BEFORE INSERT ON gone FOR EACH ROW EXECUTE FUNCTION tf();\n"
                + "ALTER TABLE gone ENABLE REPLICA TRIGGER gone_rep;\n",
            "ALTER TABLE t SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.01,"
                + " toast.autovacuum_enabled = false);\n"
                + "ALTER TABLE t REPLICA IDENTITY FULL;\n"
                + "ALTER TABLE u REPLICA IDENTITY DEFAULT;\n"
                + "ALTER TABLE cache SET LOGGED;\n"
                + "ALTER SEQUENCE ticket SET LOGGED;\n"
                + "ALTER TABLE t ALTER COLUMN a SET STATISTICS 1000, ALTER COLUMN a SET STORAGE"
                + " EXTERNAL, ALTER COLUMN a SET COMPRESSION pglz, ALTER COLUMN b SET (n_distinct ="
                + " 100);\n"
                + "ALTER VIEW v RESET (security_barrier);\n"
                + "ALTER VIEW v SET (security_invoker = true);\n"
                // Dropped and created again by the revert: its options come back after it.
                + "CREATE OR REPLACE VIEW cv AS SELECT id, a FROM t WHERE id > 0;\n"
                + "ALTER TABLE t ENABLE TRIGGER t_off;\n"
                + "ALTER TABLE t ENABLE ALWAYS TRIGGER t_on;\n"
                + "DROP TABLE gone;\n");

    assertThat(down.sql())
        .contains(
            "ALTER TABLE public.t RESET (autovacuum_vacuum_scale_factor, toast.autovacuum_enabled);",
            "ALTER TABLE public.t SET (fillfactor='70');",
            "ALTER TABLE public.t REPLICA IDENTITY DEFAULT;",
            "ALTER TABLE public.u REPLICA IDENTITY USING INDEX u_id;",
            "ALTER TABLE public.cache SET UNLOGGED;",
            "ALTER SEQUENCE public.ticket SET UNLOGGED;",
            "ALTER TABLE public.t ALTER COLUMN a SET STATISTICS -1;",
            "ALTER TABLE public.t ALTER COLUMN a SET STORAGE EXTENDED;",
            "ALTER TABLE public.t ALTER COLUMN a SET COMPRESSION DEFAULT;",
            "ALTER TABLE public.t ALTER COLUMN b RESET (n_distinct);",
            "ALTER VIEW public.v RESET (security_invoker);",
            "ALTER VIEW public.v SET (security_barrier='true');",
            "ALTER VIEW public.cv SET (check_option='local');",
            "ALTER TABLE public.t DISABLE TRIGGER t_off;",
            "ALTER TABLE public.t ENABLE TRIGGER t_on;",
            "ALTER TABLE public.gone SET (autovacuum_enabled='false');",
            "ALTER TABLE public.gone ALTER COLUMN id SET STATISTICS 500;",
            "ALTER TABLE public.gone ENABLE REPLICA TRIGGER gone_rep;");
  }

  @Test
  void verify_passesARevertDerivedBeforeSettingsWereCompared_whereOnlyThoseDiffer() {
    String base = "CREATE TABLE t (id int, a text);\nCREATE SEQUENCE q;\n";
    String change =
        "ALTER TABLE t SET (fillfactor = 80);\n"
            + "ALTER TABLE t REPLICA IDENTITY FULL;\n"
            + "ALTER TABLE t ALTER COLUMN a SET STATISTICS 900;\n"
            + "ALTER SEQUENCE q CACHE 20;\n";

    // As kit derived it before: nothing to undo that the snapshot saw.
    ServiceVerification older = verify(base, change, "-- kit:revert 20250102000000\n");
    assertThat(older.problems()).isEmpty();

    // One that sets one of them back is derived now, and must set them all back.
    ServiceVerification partial =
        verify(
            base,
            change,
            "-- kit:revert 20250102000000\nALTER TABLE public.t REPLICA IDENTITY DEFAULT;\n");
    assertThat(partial.problems())
        .singleElement()
        .asString()
        .contains(
            "column public.t.a (before", "table public.t (before", "sequence public.q (before")
        .contains("-- with fillfactor='80'", "-- statistics 900", "-- cache 20");
  }

  @Test
  void revert_setsASequencesCacheBack() {
    DownMigration down =
        proveDerived(
            "CREATE SEQUENCE s;\nCREATE SEQUENCE c CACHE 10;\nCREATE SEQUENCE gone CACHE 5;\n",
            "ALTER SEQUENCE s CACHE 50;\nALTER SEQUENCE c CACHE 1;\nDROP SEQUENCE gone;\n");

    assertThat(down.sql())
        .contains(
            "ALTER SEQUENCE public.s CACHE 1;",
            "ALTER SEQUENCE public.c CACHE 10;",
            "ALTER SEQUENCE public.gone CACHE 5;");
  }

  @Test
  void revert_listsWhatTheSnapshotDoesNotSee_extendedStatisticsClusteringAndIdentityOptions() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int);\n",
            "CREATE STATISTICS t_ab ON a, b FROM t;\n"
                + "ALTER TABLE t CLUSTER ON t_pkey;\n"
                + "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 10;\n"
                + "CREATE TABLE x (id int);\n");

    assertThat(down.irreversible())
        .filteredOn(line -> line.startsWith("unrecorded:"))
        .extracting(
            line -> line.substring(line.indexOf(") changed ") + 10, line.indexOf(", which")))
        .containsExactly(
            "extended statistics", "a table's clustering index", "an identity column's sequence");
  }

  @Test
  void revert_listsNothingItUndoesByDroppingWhatTheMigrationMade_onlyWhatWasThereBefore() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE orders (id int PRIMARY KEY, customer text);\n"
                + "CREATE TYPE old_status AS ENUM ('new');\n",
            "CREATE TABLE kinds (id int PRIMARY KEY, name text NOT NULL);\n"
                + "INSERT INTO kinds VALUES (1, 'retail'), (2, 'wholesale');\n"
                + "CREATE INDEX kinds_name ON kinds (name);\n"
                + "ALTER TABLE kinds CLUSTER ON kinds_name;\n"
                + "CREATE STATISTICS kinds_stats ON id, name FROM kinds;\n"
                + "COMMENT ON INDEX kinds_name IS 'by name';\n"
                + "ALTER TABLE kinds ADD CONSTRAINT named CHECK (name <> '');\n"
                + "COMMENT ON CONSTRAINT named ON public.kinds IS 'no blanks';\n"
                + "CREATE TYPE status AS ENUM ('new', 'paid');\n"
                + "COMMENT ON TYPE status IS 'lifecycle';\n"
                + "GRANT USAGE ON TYPE status TO reporting;\n"
                // What was there before keeps its lines.
                + "INSERT INTO orders VALUES (1, 'a');\n"
                + "COMMENT ON TYPE old_status IS 'was';\n"
                + "ALTER TABLE orders CLUSTER ON orders_pkey;\n");

    assertThat(down.irreversible())
        .extracting(
            line -> line.substring(0, line.indexOf(line.startsWith("rows") ? ':' : ')') + 1))
        .containsExactly(
            "data: line 12 (INSERT)",
            "unrecorded: line 13 (COMMENT ON TYPE old_status IS 'was';)",
            "unrecorded: line 14 (ALTER TABLE orders CLUSTER ON orders_pkey;)",
            "rows of table public.kinds:");
  }

  @Test
  void revert_renamesIndexesConstraintsAndTriggersBack_withTheTableTheyWereRenamedWith() {
    String base =
        "CREATE TABLE suppliers (id int PRIMARY KEY, code text UNIQUE, note text);\n"
            + "CREATE INDEX suppliers_note_idx ON suppliers (note);\n"
            + "CREATE TABLE products (id int PRIMARY KEY, supplier_id int REFERENCES suppliers);\n"
            + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql"
            + " AS $$ BEGIN RETURN NEW; END $$;\n"
            + "CREATE TRIGGER suppliers_touch BEFORE UPDATE ON suppliers"
            + " FOR EACH ROW EXECUTE FUNCTION touch();\n";
    DownMigration down =
        proveDerived(
            base,
            "ALTER TABLE suppliers RENAME TO vendors;\n"
                + "ALTER INDEX suppliers_pkey RENAME TO vendors_pkey;\n"
                + "ALTER TABLE vendors RENAME CONSTRAINT suppliers_code_key TO vendors_code_key;\n"
                + "ALTER INDEX suppliers_note_idx RENAME TO vendors_note_ix;\n"
                + "ALTER TABLE products RENAME CONSTRAINT products_supplier_id_fkey"
                + " TO products_vendor_id_fkey;\n"
                + "ALTER TRIGGER suppliers_touch ON vendors RENAME TO vendors_touch;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "ALTER TABLE public.vendors RENAME CONSTRAINT vendors_pkey TO suppliers_pkey;",
            "ALTER INDEX public.vendors_note_ix RENAME TO suppliers_note_idx;",
            "ALTER TRIGGER vendors_touch ON public.vendors RENAME TO suppliers_touch;")
        .doesNotContain("ALTER INDEX public.vendors_pkey");
  }

  @Test
  void revert_renamesAnEnumsLabelsBack_beforeTheDefaultsThatNameThem() {
    DownMigration down =
        proveDerived(
            "CREATE TYPE item_state AS ENUM ('draft', 'active', 'it''s');\n"
                + "CREATE TABLE items (id int, state item_state NOT NULL DEFAULT 'draft');\n"
                + "CREATE INDEX items_live ON items (id) WHERE state <> 'draft';\n",
            "ALTER TYPE item_state RENAME VALUE 'draft' TO 'pending';\n"
                + "ALTER TYPE item_state RENAME VALUE 'it''s' TO 'done';\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "ALTER TYPE public.item_state RENAME VALUE 'pending' TO 'draft';",
            "ALTER TYPE public.item_state RENAME VALUE 'done' TO 'it''s';");
  }

  @Test
  void revert_createsTheIndexAgain_whenItDropsAConstraintThatTookItOver() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE items (id int, ref uuid, code text);\n"
                + "CREATE UNIQUE INDEX items_ref_key ON items (ref);\n"
                + "CREATE UNIQUE INDEX items_code_idx ON items (code);\n",
            "ALTER TABLE items ADD CONSTRAINT items_ref_key UNIQUE USING INDEX items_ref_key;\n"
                + "ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE USING INDEX"
                + " items_code_idx;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "DROP CONSTRAINT IF EXISTS items_ref_key;", "DROP CONSTRAINT IF EXISTS items_code_key;")
        .contains("items_ref_key ON public.items USING btree (ref)")
        .contains("items_code_idx ON public.items USING btree (code)");
  }

  @Test
  void revert_buildsAndDropsIndexesConcurrently_whenTheMigrationRanWithoutATransaction() {
    String base =
        "CREATE TABLE products (id int, state text, title text);\n"
            + "CREATE INDEX products_title ON products (title);\n";
    DownMigration down =
        proveDerived(
            base,
            "-- atlas:txmode none\n\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS products_state ON products (state)"
                + " WHERE state <> 'retired';\n"
                + "DROP INDEX CONCURRENTLY IF EXISTS products_title;\n");

    assertThat(down.sql())
        .startsWith("-- atlas:txmode none\n-- kit:revert 20250102000000\n")
        .contains(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS products_title ON public.products USING btree"
                + " (title);",
            "DROP INDEX CONCURRENTLY IF EXISTS public.products_state;");

    // In a transaction, or with anything but indexes, as before.
    assertThat(proveDerived(base, "CREATE INDEX products_state ON products (state);\n").sql())
        .startsWith("-- kit:revert ")
        .contains("DROP INDEX IF EXISTS public.products_state;");
  }

  @Test
  void revert_listsNoValuesLost_whenItDropsAGeneratedColumn() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE products (price_cents int);\n",
            "ALTER TABLE products ADD COLUMN price_eur numeric"
                + " GENERATED ALWAYS AS (price_cents / 100.0) STORED;\n"
                + "ALTER TABLE products ADD COLUMN note text;\n");

    assertThat(down.irreversible())
        .singleElement()
        .asString()
        .startsWith("values of column public.products.note: ");
  }

  @Test
  void revert_listsNothing_forAConstraintOrIndexOnAColumnTheMigrationRenamed() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE categories (id int, name text NOT NULL UNIQUE, title text);\n"
                + "CREATE INDEX categories_title ON categories (id, lower(title));\n",
            "ALTER TABLE categories RENAME COLUMN name TO label;\n"
                + "ALTER TABLE categories RENAME COLUMN title TO heading;\n");

    assertThat(down.irreversible()).isEmpty();
  }

  @Test
  void revert_setsViewsColumnCommentsBack_andGivesThemToAViewItCreatesAgain() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int, a int);\n"
                + "CREATE VIEW v AS SELECT id, a FROM t;\n"
                + "COMMENT ON COLUMN v.a IS 'the a';\n"
                + "CREATE MATERIALIZED VIEW m AS SELECT id FROM t;\n"
                + "COMMENT ON COLUMN m.id IS 'm''s id';\n"
                + "CREATE VIEW w AS SELECT id FROM t;\n"
                + "COMMENT ON COLUMN w.id IS 'w id';\n"
                + "CREATE VIEW x AS SELECT id FROM t;\n"
                + "COMMENT ON COLUMN x.id IS 'x id';\n",
            "COMMENT ON COLUMN v.a IS 'new a';\n"
                + "COMMENT ON COLUMN public.v.id IS 'the id';\n"
                + "COMMENT ON COLUMN m.id IS NULL;\n"
                + "DROP VIEW w;\n"
                + "CREATE OR REPLACE VIEW x AS SELECT id, a FROM t;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "COMMENT ON COLUMN public.m.id IS 'm''s id';",
            "COMMENT ON COLUMN public.v.a IS 'the a';",
            "COMMENT ON COLUMN public.v.id IS NULL;",
            "COMMENT ON COLUMN public.w.id IS 'w id';",
            "COMMENT ON COLUMN public.x.id IS 'x id';");
  }

  @Test
  void revert_setsDefaultPrivilegesBack_everywhereInSchemasAndForOtherRoles() {
    DownMigration down =
        proveDerived(
            "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;\n"
                + "CREATE SCHEMA s;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT USAGE ON SEQUENCES TO reporting;\n"
                + "CREATE SCHEMA r;\n",
            "ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM reporting;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
                + " GRANT INSERT ON TABLES TO reporting WITH GRANT OPTION;\n"
                + "ALTER DEFAULT PRIVILEGES GRANT SELECT ON SEQUENCES TO reporting;\n"
                + "ALTER DEFAULT PRIVILEGES FOR ROLE report_owner GRANT USAGE ON TYPES TO reporting;\n"
                + "ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SCHEMAS FROM CURRENT_USER;\n"
                + "DROP SCHEMA s;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA r GRANT SELECT ON TABLES TO reporting;\n"
                + "CREATE SCHEMA n;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA n GRANT SELECT ON TABLES TO reporting;\n");

    assertThat(down.irreversible()).isEmpty();
    String sql = down.sql();
    assertThat(sql)
        .contains(
            "ALTER DEFAULT PRIVILEGES REVOKE ALL ON FUNCTIONS FROM PUBLIC;",
            "ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM reporting;",
            "ALTER DEFAULT PRIVILEGES GRANT USAGE, CREATE ON SCHEMAS TO CURRENT_USER;",
            "ALTER DEFAULT PRIVILEGES FOR ROLE report_owner REVOKE ALL ON TYPES FROM reporting;",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM reporting;",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA r REVOKE ALL ON TABLES FROM reporting;",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT USAGE ON SEQUENCES TO reporting;")
        .doesNotContain("IN SCHEMA n ");
    // A schema's default privileges come back once it does.
    assertThat(sql.indexOf("CREATE SCHEMA IF NOT EXISTS s;"))
        .isNotNegative()
        .isLessThan(sql.indexOf("IN SCHEMA s GRANT"));
  }

  @Test
  void revert_givesWhatItCreatesAgainTheGrantsItHad_whereDefaultPrivilegesGrantOthers() {
    DownMigration down =
        proveDerived(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;\n"
                + "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n"
                + "CREATE TABLE old (id int);\n"
                + "REVOKE ALL ON old FROM reporting;\n"
                + "CREATE TABLE t (id serial);\n"
                + "CREATE VIEW v AS SELECT id FROM t;\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n"
                + "GRANT EXECUTE ON FUNCTION g() TO PUBLIC;\n",
            // The revert sets the default privileges back before it creates anything again.
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM reporting;\n"
                + "ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;\n"
                + "DROP VIEW v;\nDROP TABLE old;\nDROP TABLE t;\n"
                + "DROP FUNCTION f();\nDROP FUNCTION g();\n");

    assertThat(down.sql())
        .contains(
            "REVOKE ALL ON TABLE public.old FROM reporting;",
            "GRANT EXECUTE ON FUNCTION public.g() TO PUBLIC;")
        .doesNotContain(
            "ON TABLE public.t ", "ON TABLE public.v ", "ON FUNCTION public.f() ", "ON SEQUENCE");
  }

  @Test
  void revert_givesTablesAndViewsBackToTheirOwners() {
    DownMigration down =
        proveDerived(
            "GRANT CREATE ON SCHEMA public TO report_owner;\n"
                + "CREATE TABLE t (id int);\n"
                + "CREATE TABLE u (id int);\n"
                + "ALTER TABLE u OWNER TO report_owner;\n"
                + "CREATE MATERIALIZED VIEW m AS SELECT id FROM t;\n"
                + "CREATE VIEW v AS SELECT id FROM t;\n",
            "ALTER TABLE IF EXISTS ONLY t OWNER TO report_owner;\n"
                + "ALTER TABLE u OWNER TO CURRENT_USER;\n"
                + "ALTER MATERIALIZED VIEW m OWNER TO report_owner;\n"
                + "ALTER VIEW IF EXISTS v OWNER TO report_owner;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "ALTER MATERIALIZED VIEW public.m OWNER TO CURRENT_USER;",
            "ALTER TABLE public.t OWNER TO CURRENT_USER;",
            "ALTER TABLE public.u OWNER TO report_owner;",
            "ALTER VIEW public.v OWNER TO CURRENT_USER;");
  }

  @Test
  void revert_listsThePrivilegesItDoesNotRecord_onColumnsIdentitiesSchemasAndNamesakes() {
    // An identity column's sequence and every sequence of a schema that holds one stay as the
    // migration left them; so does a table name another schema's identity
    // sequence shares, unless the statement names its schema. A view's column's privileges and
    // comment are set back, and so are those of every table of a schema whose tables the snapshot
    // all records.
    DownMigration down =
        derive(
            "CREATE TABLE t (id int);\n"
                + "CREATE VIEW v AS SELECT 1 AS id;\n"
                + "CREATE TABLE i (id int GENERATED ALWAYS AS IDENTITY);\n"
                + "CREATE SCHEMA other;\n"
                + "CREATE TABLE other.x (id int GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME other.t));\n",
            "GRANT SELECT (id) ON v TO reporting;\n"
                + "GRANT USAGE ON SEQUENCE i_id_seq TO reporting;\n"
                + "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO reporting;\n"
                + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;\n"
                + "GRANT SELECT ON t TO reporting;\n"
                + "GRANT SELECT ON public.t TO reporting;\n"
                + "COMMENT ON COLUMN v.id IS 'the id';\n");

    String unrecorded = ", which kit does not compare; undo it by hand if it matters";
    assertThat(down.irreversible())
        .containsExactly(
            "unrecorded: line 2 (GRANT USAGE ON SEQUENCE i_id_seq TO reporting;) changed"
                + " privileges"
                + unrecorded,
            "unrecorded: line 3 (GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO reporting;)"
                + " changed privileges"
                + unrecorded,
            "unrecorded: line 5 (GRANT SELECT ON t TO reporting;) changed privileges" + unrecorded);
    assertThat(down.sql())
        .contains(
            "COMMENT ON COLUMN public.v.id IS NULL;",
            "REVOKE ALL ON TABLE public.t FROM reporting;",
            // ALL TABLES IN SCHEMA granted SELECT on the view too, which covers its column.
            "REVOKE ALL ON TABLE public.v FROM reporting;");
  }

  @Test
  void revert_setsAViewsColumnGrantsBack_andGrantsAgainWhatARevokeOnTheViewTookFromThem() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int, a int);\n"
                + "CREATE VIEW v AS SELECT id, a FROM t;\n"
                + "GRANT SELECT (id), UPDATE (id) ON v TO report_owner;\n"
                + "GRANT SELECT (a) ON v TO reporting;\n",
            "GRANT SELECT ON v TO report_owner;\n"
                + "REVOKE SELECT (a) ON v FROM reporting;\n"
                + "GRANT UPDATE (id) ON v TO reporting;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .containsSubsequence(
            "REVOKE ALL ON TABLE public.v FROM report_owner;",
            "GRANT SELECT (id), UPDATE (id) ON TABLE public.v TO report_owner;",
            "REVOKE ALL (id) ON TABLE public.v FROM reporting;",
            "GRANT SELECT (a) ON TABLE public.v TO reporting;")
        .doesNotContain("DROP VIEW");
  }

  @Test
  void revert_setsASequencesOwnerGrantsAndCommentBack_andLetsAnOwnedOneFollowItsTable() {
    DownMigration down =
        proveDerived(
            "GRANT CREATE ON SCHEMA public TO report_owner;\n"
                + "CREATE SEQUENCE s;\n"
                + "CREATE SEQUENCE gone;\n"
                + "GRANT USAGE ON SEQUENCE gone TO reporting;\n"
                + "COMMENT ON SEQUENCE gone IS 'old';\n"
                + "CREATE TABLE t (id serial);\n"
                + "ALTER TABLE t OWNER TO report_owner;\n"
                + "CREATE TABLE d (id serial);\n"
                + "ALTER TABLE d OWNER TO report_owner;\n",
            "GRANT USAGE, SELECT ON SEQUENCE s TO reporting;\n"
                + "ALTER SEQUENCE s OWNER TO report_owner;\n"
                + "COMMENT ON SEQUENCE s IS 'new';\n"
                + "GRANT SELECT ON s TO PUBLIC;\n"
                + "DROP SEQUENCE gone;\n"
                + "ALTER TABLE t OWNER TO CURRENT_USER;\n"
                + "DROP TABLE d;\n");

    assertThat(down.irreversible()).noneMatch(line -> line.startsWith("unrecorded:"));
    assertThat(down.sql())
        .contains(
            "ALTER TABLE public.d OWNER TO report_owner;",
            "CREATE SEQUENCE IF NOT EXISTS public.gone",
            "COMMENT ON SEQUENCE public.gone IS 'old';",
            "GRANT USAGE ON SEQUENCE public.gone TO reporting;",
            "ALTER SEQUENCE public.s OWNER TO CURRENT_USER;",
            "COMMENT ON SEQUENCE public.s IS NULL;",
            "REVOKE ALL ON SEQUENCE public.s FROM PUBLIC;",
            "REVOKE ALL ON SEQUENCE public.s FROM reporting;",
            "ALTER TABLE public.t OWNER TO report_owner;")
        .doesNotContain(
            "ALTER SEQUENCE public.t_id_seq OWNER", "ALTER SEQUENCE public.d_id_seq OWNER");
  }

  @Test
  void verify_namesWhatTheRevertLost_whenItDropsAnObjectTheRevertedMigrationKept() {
    String base =
        "CREATE TABLE a (id int);\n"
            + "CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;\n"
            + "CREATE INDEX mv_id ON mv (id);\n"
            + "CREATE VIEW v AS SELECT id FROM a;\n"
            + "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
            + "CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION tf();\n";
    String change = "ALTER TABLE a RENAME TO b;\n";
    // Views come back from their definition, without the index and trigger on them.
    String revert =
        "-- kit:revert 20250102000000\n"
            + "DROP MATERIALIZED VIEW mv;\nDROP VIEW v;\nALTER TABLE b RENAME TO a;\n"
            + "CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;\n"
            + "CREATE VIEW v AS SELECT id FROM a;\n";

    ServiceVerification v = verify(base, change, revert);

    assertThat(v.problems())
        .containsExactly(
            DIR
                + "/"
                + REVERT
                + " changes what "
                + CHANGE
                + " did not change: index public.mv_id (before the revert: CREATE INDEX mv_id ON"
                + " public.mv USING btree (id); after the revert: absent); trigger public.v.v_ins"
                + " (before the revert: CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW"
                + " EXECUTE FUNCTION tf(); after the revert: absent)");
  }

  @Test
  void revert_setsTheCollationBack_whenTheMigrationChangedOrDroppedIt() {
    String base =
        "CREATE TABLE t (id int, name text);\nCREATE TABLE u (id int, code text COLLATE \"C\");\n";
    String change = "ALTER TABLE t ALTER COLUMN name TYPE text COLLATE \"C\";\nDROP TABLE u;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .contains("ALTER TABLE public.t ALTER COLUMN name TYPE text;")
        .contains("  code text COLLATE pg_catalog.\"C\"\n");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, attcollation::regcollation FROM pg_attribute"
                    + " WHERE attrelid IN ('t'::regclass, 'u'::regclass) AND attname IN ('name', 'code')"
                    + " ORDER BY 1"))
        .containsExactly("t|name|\"default\"", "u|code|\"C\"");
  }

  @Test
  void revert_createsADomainWithItsNotNullOnce_whenTheMigrationDroppedIt() {
    DownMigration down =
        proveDerived(
            "CREATE DOMAIN posint AS int NOT NULL CHECK (VALUE > 0);\n", "DROP DOMAIN posint;\n");

    assertThat(down.sql())
        .contains(
            "CREATE DOMAIN public.posint AS integer NOT NULL CONSTRAINT posint_check CHECK ((VALUE >"
                + " 0));");
    assertThat(rows("SELECT typnotnull FROM pg_type WHERE typname = 'posint'"))
        .containsExactly("t");
  }

  @Test
  void revert_createsTheExtensionInItsSchema_whenTheMigrationDroppedBoth() {
    String base =
        "CREATE SCHEMA ext;\nCREATE EXTENSION pgcrypto WITH SCHEMA ext;\n"
            + "CREATE TABLE t (id int, b bytea DEFAULT ext.gen_random_bytes(4));\n";
    String change = "DROP TABLE t;\nDROP EXTENSION pgcrypto;\nDROP SCHEMA ext;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "CREATE SCHEMA IF NOT EXISTS ext;",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA ext VERSION '",
            "CREATE TABLE IF NOT EXISTS public.t");
    assertThat(
            rows("SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'pgcrypto'"))
        .containsExactly("ext");
  }

  @Test
  void revert_dropsTheExtensionBeforeItsSchema_whenTheMigrationCreatedBoth() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int);\n",
            "CREATE SCHEMA ext;\nCREATE EXTENSION pgcrypto WITH SCHEMA ext;\n");

    assertThat(down.sql())
        .containsSubsequence("DROP EXTENSION IF EXISTS pgcrypto;", "DROP SCHEMA IF EXISTS ext;");
  }

  private static final String PARTITIONED =
      "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);\n"
          + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO"
          + " ('2025-01-01');\n"
          + "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n";

  /** What the partition has of its own and from its parent: indexes, constraints, triggers. */
  private static final String PARTITION_OBJECTS =
      "SELECT 'index ' || indexrelid::regclass || ' ' || indisvalid FROM pg_index"
          + " WHERE indrelid = 'events_2024'::regclass"
          + " UNION ALL SELECT 'constraint ' || conname FROM pg_constraint"
          + " WHERE conrelid = 'events_2024'::regclass AND contype <> 'n'"
          + " UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid ="
          + " 'events_2024'::regclass ORDER BY 1";

  @Test
  void revert_dropsOnlyTheParents_whenTheMigrationAddedToAPartitionedTable() {
    DownMigration down =
        proveDerived(
            PARTITIONED,
            "CREATE INDEX ON events (at);\n"
                + "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id, at);\n"
                + "CREATE TRIGGER trg BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION tf();\n");

    assertThat(down.sql())
        .doesNotContain("DROP INDEX IF EXISTS public.events_2024")
        .doesNotContain("DROP CONSTRAINT IF EXISTS events_2024")
        .doesNotContain("ON public.events_2024");
    assertThat(rows(PARTITION_OBJECTS)).isEmpty();
  }

  @Test
  void revert_createsOnlyTheParents_whenTheMigrationDroppedFromAPartitionedTable() {
    DownMigration down =
        proveDerived(
            PARTITIONED
                + "CREATE INDEX events_at_idx ON events (at);\n"
                + "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id, at);\n"
                + "CREATE TRIGGER trg BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION tf();\n",
            "DROP INDEX events_at_idx;\n"
                + "ALTER TABLE events DROP CONSTRAINT events_pkey;\n"
                + "DROP TRIGGER trg ON events;\n");

    assertThat(down.sql()).doesNotContain("events_2024").doesNotContain(" ONLY ");
    assertThat(rows(PARTITION_OBJECTS))
        .containsExactly(
            "constraint events_2024_pkey",
            "index events_2024_at_idx true",
            "index events_2024_pkey true",
            "trigger trg");
    assertThat(rows("SELECT indisvalid FROM pg_index WHERE indrelid = 'events'::regclass"))
        .containsExactly("t", "t");
  }

  @Test
  void revert_attachesAndDetachesPartitionsBack_whenTheMigrationMovedThem() {
    String base =
        PARTITIONED
            + "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id, at);\n"
            + "CREATE TABLE archive (id int NOT NULL, at date NOT NULL);\n";
    String change =
        "ALTER TABLE events DETACH PARTITION events_2024;\n"
            + "CREATE TABLE old_events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);\n"
            + "ALTER TABLE old_events ATTACH PARTITION archive FOR VALUES FROM ('2000-01-01') TO"
            + " ('2024-01-01');\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.old_events DETACH PARTITION public.archive;",
            "DROP TABLE IF EXISTS public.old_events;",
            "ALTER TABLE public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM"
                + " ('2024-01-01') TO ('2025-01-01');");
    assertThat(rows("SELECT inhrelid::regclass || ' ' || inhparent::regclass FROM pg_inherits"))
        .containsExactly("events_2024 events", "events_2024_pkey events_pkey");
    assertThat(rows("SELECT relname FROM pg_class WHERE relname = 'archive'"))
        .containsExactly("archive");
  }

  @Test
  void revert_dropsTheIndexesAnAttachBuilt_butKeepsOneItTookOver() {
    String base =
        "CREATE TABLE p (k int, v int, w int) PARTITION BY RANGE (k);\n"
            + "CREATE INDEX p_v ON p (v);\n"
            + "CREATE INDEX p_w ON p (w);\n"
            + "CREATE TABLE p1 (k int, v int, w int);\n"
            + "CREATE INDEX p1_own_w ON p1 (w);\n";
    String change = "ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (0) TO (10);\n";

    DownMigration down = proveDerived(base, change);

    assertThat(statements(down))
        .containsExactly(
            "ALTER TABLE public.p DETACH PARTITION public.p1;",
            "DROP INDEX IF EXISTS public.p1_v_idx;");
    assertThat(rows("SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'p1'::regclass"))
        .containsExactly("p1_own_w");
  }

  @Test
  void revert_setsTheIdentityKindAndGenerationExpressionBack_whenTheMigrationChangedThem() {
    String base =
        "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, z int,"
            + " g int GENERATED ALWAYS AS (z * 2) STORED);\n";
    // z sorts after g: its rename back comes before g's expression, which names it, all the same.
    String change =
        "ALTER TABLE t ALTER COLUMN id SET GENERATED BY DEFAULT;\n"
            + "ALTER TABLE t RENAME COLUMN z TO y;\n"
            + "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (y * 3);\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .contains("ALTER TABLE public.t ALTER COLUMN id SET GENERATED ALWAYS;")
        .contains("ALTER TABLE public.t ALTER COLUMN g SET EXPRESSION AS ((z * 2));");
    assertThat(
            rows(
                "SELECT attname, attidentity, pg_get_expr(adbin, adrelid) FROM pg_attribute"
                    + " LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                    + " WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY attnum"))
        .containsExactly("id|a|null", "z||null", "g||(z * 2)");
  }

  @Test
  void verify_saysTheRevertDidNotRestoreThem_whenItLeavesTheIdentityKindAndExpression() {
    ServiceVerification v =
        verify(
            "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, a int,"
                + " g int GENERATED ALWAYS AS (a * 2) STORED);\n",
            "ALTER TABLE t ALTER COLUMN id SET GENERATED BY DEFAULT;\n"
                + "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (a * 3);\n",
            "-- kit:revert 20250102000000\nSELECT 1;\n");

    assertThat(v.problems())
        .singleElement()
        .asString()
        .contains(
            "column public.t.g (before 20250102000000: g integer GENERATED ALWAYS AS ((a * 2))"
                + " STORED; after the revert: g integer GENERATED ALWAYS AS ((a * 3)) STORED)")
        .contains(
            "column public.t.id (before 20250102000000: id integer GENERATED ALWAYS AS IDENTITY"
                + " NOT NULL\n-- identity sequence t_id_seq; after the revert: id integer GENERATED"
                + " BY DEFAULT AS IDENTITY NOT NULL\n-- identity sequence t_id_seq)");
  }

  @Test
  void revert_renamesFunctionsAndProceduresBack_whenTheMigrationRenamedOrMovedThem() {
    String base =
        "CREATE SCHEMA s;\n"
            + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\n"
            + "CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;\n";
    String change =
        "ALTER FUNCTION f() RENAME TO g;\n"
            + "CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n"
            + "ALTER FUNCTION h(int) SET SCHEMA s;\n"
            + "ALTER PROCEDURE p() RENAME TO q;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER FUNCTION public.g() RENAME TO f;", "CREATE OR REPLACE FUNCTION public.f()")
        .contains("ALTER FUNCTION s.h(a integer) SET SCHEMA public;")
        .contains("ALTER PROCEDURE public.q() RENAME TO p;")
        .doesNotContain("CREATE OR REPLACE FUNCTION public.h")
        .doesNotContain("CREATE OR REPLACE PROCEDURE");
    assertThat(
            rows(
                "SELECT pronamespace::regnamespace || '.' || proname || ' ' || prosrc FROM pg_proc"
                    + " WHERE proname IN ('f', 'g', 'h', 'p', 'q') ORDER BY proname"))
        .containsExactly("public.f  SELECT 1 ", "public.h  SELECT a ", "public.p  SELECT 1 ");
  }

  @Test
  void revert_dropsAndCreatesAFunction_whenTheMigrationAddedAParameterDefault() {
    String base =
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\n"
            + "REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC;\n";
    DownMigration down =
        proveDerived(
            base,
            "CREATE OR REPLACE FUNCTION f(a int DEFAULT 1) RETURNS int LANGUAGE sql"
                + " AS $$ SELECT a $$;\n");

    assertThat(down.sql())
        .containsSubsequence(
            "DROP FUNCTION IF EXISTS public.f(a integer);", "CREATE OR REPLACE FUNCTION public.f(");
    assertThat(down.sql())
        .containsSubsequence(
            "CREATE OR REPLACE FUNCTION public.f(",
            "REVOKE ALL ON FUNCTION public.f(a integer) FROM PUBLIC;");
    assertThat(down.irreversible()).isEmpty();
    assertThat(rows("SELECT pronargdefaults, proacl FROM pg_proc WHERE proname = 'f'"))
        .containsExactly("0|{app=X/app}");
  }

  @Test
  void revert_createsAFunctionWithItsGrants_whenTheMigrationDroppedIt() {
    String base =
        "CREATE FUNCTION report() RETURNS int LANGUAGE sql SECURITY DEFINER"
            + " SET search_path = public AS $$ SELECT 1 $$;\n"
            + "REVOKE EXECUTE ON FUNCTION report() FROM PUBLIC;\n"
            + "GRANT EXECUTE ON FUNCTION report() TO reporting;\n";
    DownMigration down = proveDerived(base, "DROP FUNCTION report();\n");

    assertThat(down.sql())
        .containsSubsequence(
            "CREATE OR REPLACE FUNCTION public.report()",
            " SECURITY DEFINER\n SET search_path TO 'public'\n",
            "REVOKE ALL ON FUNCTION public.report() FROM PUBLIC;",
            "GRANT EXECUTE ON FUNCTION public.report() TO reporting;");
    assertThat(down.irreversible()).isEmpty();
    assertThat(rows("SELECT proacl FROM pg_proc WHERE proname = 'report'"))
        .containsExactly("{app=X/app,reporting=X/app}");
  }

  @Test
  void revert_givesAFunctionBackToItsOwner_whenTheMigrationDroppedIt() {
    String base =
        "GRANT CREATE ON SCHEMA public TO report_owner;\n"
            + "CREATE FUNCTION audit() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;\n"
            + "ALTER FUNCTION audit() OWNER TO report_owner;\n";
    DownMigration down = proveDerived(base, "DROP FUNCTION audit();\n");

    assertThat(down.sql())
        .containsSubsequence(
            "CREATE OR REPLACE FUNCTION public.audit()",
            "ALTER FUNCTION public.audit() OWNER TO report_owner;")
        .doesNotContain("GRANT", "REVOKE");
    assertThat(rows("SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit'"))
        .containsExactly("report_owner");
  }

  @Test
  void revert_grantsAFunctionBack_whenTheMigrationOnlyRevokedItFromPublic() {
    DownMigration down =
        proveDerived(
            "CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "GRANT EXECUTE ON PROCEDURE p() TO reporting WITH GRANT OPTION;\n",
            "REVOKE EXECUTE ON PROCEDURE p() FROM PUBLIC, reporting;\n");

    assertThat(down.sql())
        .contains(
            "GRANT EXECUTE ON PROCEDURE public.p() TO PUBLIC;",
            "GRANT EXECUTE ON PROCEDURE public.p() TO reporting WITH GRANT OPTION;")
        .doesNotContain("CREATE OR REPLACE");
    assertThat(down.irreversible()).isEmpty();
  }

  @Test
  void revert_setsGrantsOnAllOfASchemaBack_whenTheSnapshotRecordsEachObjectOfThatKindInIt() {
    DownMigration down =
        proveDerived(
            "CREATE SCHEMA a;\n"
                + "CREATE TABLE a.t (id serial);\n"
                + "CREATE VIEW a.v AS SELECT id FROM a.t;\n"
                + "CREATE FUNCTION a.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE PROCEDURE a.p() LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE TABLE u (id int);\n",
            "GRANT SELECT ON ALL TABLES IN SCHEMA a, public TO reporting;\n"
                + "GRANT USAGE ON ALL SEQUENCES IN SCHEMA \"a\" TO reporting;\n"
                + "REVOKE EXECUTE ON ALL ROUTINES IN SCHEMA a FROM PUBLIC;\n"
                + "GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA a TO reporting;\n");

    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "REVOKE ALL ON TABLE a.t FROM reporting;",
            "REVOKE ALL ON TABLE a.v FROM reporting;",
            "REVOKE ALL ON TABLE public.u FROM reporting;",
            "REVOKE ALL ON SEQUENCE a.t_id_seq FROM reporting;",
            "GRANT EXECUTE ON FUNCTION a.f() TO PUBLIC;",
            "REVOKE ALL ON PROCEDURE a.p() FROM reporting;",
            "GRANT EXECUTE ON PROCEDURE a.p() TO PUBLIC;");
  }

  @Test
  void revert_listsTheGrantsItLeaves_onAnAggregateOrEveryFunctionOfASchema() {
    // The snapshot records functions and procedures, not aggregates: their grants stay as the
    // migration left them, and the revert says so.
    DownMigration down =
        derive(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);\n",
            "REVOKE EXECUTE ON FUNCTION total(int) FROM PUBLIC;\n"
                + "GRANT EXECUTE ON ROUTINE f(), total(int) TO reporting;\n"
                + "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO reporting;\n"
                + "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;\n");

    assertThat(down.irreversible())
        .containsExactly(
            "unrecorded: line 1 (REVOKE EXECUTE ON FUNCTION total(int) FROM PUBLIC;) changed"
                + " privileges, which kit does not compare; undo it by hand if it matters",
            "unrecorded: line 2 (GRANT EXECUTE ON ROUTINE f(), total(int) TO reporting;) changed"
                + " privileges, which kit does not compare; undo it by hand if it matters",
            "unrecorded: line 3 (GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO reporting;)"
                + " changed privileges, which kit does not compare; undo it by hand if it"
                + " matters");
    assertThat(down.sql()).contains("GRANT EXECUTE ON FUNCTION public.f() TO PUBLIC;");
  }

  @Test
  void revert_listsWhatItDoesNotRecord_whenTheMigrationGrantsOrGivesAwayExtensionsFunctions() {
    String base =
        "GRANT CREATE ON SCHEMA public TO report_owner;\n"
            + "CREATE SCHEMA ext;\nCREATE EXTENSION pgcrypto WITH SCHEMA ext;\n"
            + "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);\n"
            + "CREATE FUNCTION report() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n";
    String change =
        "GRANT EXECUTE ON FUNCTION ext.gen_random_bytes(int) TO reporting;\n"
            + "GRANT EXECUTE ON ROUTINE total(int) TO reporting;\n"
            + "ALTER AGGREGATE total(int) OWNER TO report_owner;\n"
            + "ALTER ROUTINE total(integer) OWNER TO CURRENT_USER;\n"
            + "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ext TO reporting;\n"
            + "GRANT EXECUTE ON FUNCTION report(), ext.digest(text, text) TO reporting;\n"
            // What the snapshot records, before or after the migration, is reverted.
            + "CREATE FUNCTION added(n numeric(10, 2)) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "REVOKE EXECUTE ON FUNCTION public.added(numeric), \"report\" FROM PUBLIC;\n"
            + "GRANT ALL ON FUNCTION report TO reporting WITH GRANT OPTION;\n";
    DownMigration down = proveDerived(base, change);

    String unrecorded = ", which kit does not compare; undo it by hand if it matters";
    assertThat(down.irreversible())
        .containsExactly(
            "unrecorded: line 1 (GRANT EXECUTE ON FUNCTION ext.gen_random_bytes(int) TO"
                + " reporting;) changed privileges"
                + unrecorded,
            "unrecorded: line 2 (GRANT EXECUTE ON ROUTINE total(int) TO reporting;) changed"
                + " privileges"
                + unrecorded,
            "unrecorded: line 3 (ALTER AGGREGATE total(int) OWNER TO report_owner;) changed an"
                + " owner"
                + unrecorded,
            "unrecorded: line 4 (ALTER ROUTINE total(integer) OWNER TO CURRENT_USER;) changed an"
                + " owner"
                + unrecorded,
            "unrecorded: line 5 (GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ext TO reporting;)"
                + " changed privileges"
                + unrecorded,
            "unrecorded: line 6 (GRANT EXECUTE ON FUNCTION report(), ext.digest(text, text) TO"
                + " reporting;) changed privileges"
                + unrecorded);
    assertThat(down.sql())
        .contains(
            "DROP FUNCTION IF EXISTS public.added(n numeric);",
            "REVOKE ALL ON FUNCTION public.report() FROM reporting;",
            "GRANT EXECUTE ON FUNCTION public.report() TO PUBLIC;");
  }

  @Test
  void revert_matchesRoutinesByTheirCatalogNames_andListsNamesAnUnrecordedRoutineShares() {
    // A schema or function name may hold '.' or '('; an aggregate may share a recorded
    // function's name in its schema, and a system function in another.
    String base =
        "CREATE SCHEMA \"a.b\";\n"
            + "CREATE FUNCTION \"a.b\".f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "CREATE FUNCTION \"g(x\"() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "CREATE FUNCTION total(text) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);\n"
            + "CREATE FUNCTION upper(int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n";
    String change =
        "SET search_path TO \"a.b\", public;\n"
            + "GRANT EXECUTE ON FUNCTION f() TO reporting;\n"
            + "GRANT EXECUTE ON FUNCTION \"g(x\"() TO reporting;\n"
            + "GRANT EXECUTE ON FUNCTION total(int) TO reporting;\n"
            + "GRANT EXECUTE ON FUNCTION upper(int) TO reporting;\n"
            + "GRANT EXECUTE ON FUNCTION public.upper(int) TO reporting WITH GRANT OPTION;\n";
    DownMigration down = proveDerived(base, change);

    String unrecorded = ", which kit does not compare; undo it by hand if it matters";
    assertThat(down.irreversible())
        .containsExactly(
            "unrecorded: line 4 (GRANT EXECUTE ON FUNCTION total(int) TO reporting;) changed"
                + " privileges"
                + unrecorded,
            "unrecorded: line 5 (GRANT EXECUTE ON FUNCTION upper(int) TO reporting;) changed"
                + " privileges"
                + unrecorded);
    assertThat(down.sql())
        .contains(
            "REVOKE ALL ON FUNCTION \"a.b\".f() FROM reporting;",
            "REVOKE ALL ON FUNCTION public.\"g(x\"() FROM reporting;",
            "REVOKE ALL ON FUNCTION public.upper(integer) FROM reporting;");
  }

  @Test
  void revert_revokesAGrantWithItsGrantOption_whenTheMigrationGrantedIt() {
    DownMigration down =
        proveDerived(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n",
            "GRANT EXECUTE ON FUNCTION f() TO reporting WITH GRANT OPTION;\n");

    assertThat(down.sql()).contains("REVOKE ALL ON FUNCTION public.f() FROM reporting");
    assertThat(down.irreversible()).isEmpty();
    assertThat(
            rows(
                "SELECT count(*) FROM pg_proc p, aclexplode(p.proacl) x WHERE p.proname = 'f'"
                    + " AND x.grantee = 'reporting'::regrole"))
        .containsExactly("0");
  }

  @Test
  void revert_givesAFunctionBackToItsOwner_whenTheMigrationTookItWithCurrentUser() {
    DownMigration down =
        proveDerived(
            "GRANT CREATE ON SCHEMA public TO report_owner;\n"
                + "CREATE FUNCTION audit() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "ALTER FUNCTION audit() OWNER TO report_owner;\n",
            "ALTER FUNCTION audit() OWNER TO CURRENT_USER;\n");

    assertThat(down.sql()).contains("ALTER FUNCTION public.audit() OWNER TO report_owner;");
    assertThat(down.irreversible()).isEmpty();
    assertThat(rows("SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit'"))
        .containsExactly("report_owner");
  }

  @Test
  void revert_givesARenamedSequenceBackItsNameAndColumn_whenTheMigrationDisownedIt() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id serial PRIMARY KEY);\n",
            "ALTER SEQUENCE t_id_seq OWNED BY NONE;\nALTER SEQUENCE t_id_seq RENAME TO ids;\n");

    assertThat(
            rows(
                "SELECT c.relname || ' ' || COALESCE(d.refobjid::regclass || '.' || d.refobjsubid,"
                    + " 'none') FROM pg_class c LEFT JOIN pg_depend d ON d.objid = c.oid AND"
                    + " d.deptype = 'a' AND d.classid = 'pg_class'::regclass WHERE c.relkind = 'S'"))
        .as(down.sql())
        .containsExactly("t_id_seq t.1");
  }

  @Test
  void verify_reportsAFunctionsGrants_whenTheRevertCreatesItWithoutThem() {
    String base =
        "CREATE FUNCTION report() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "REVOKE EXECUTE ON FUNCTION report() FROM PUBLIC;\n"
            + "GRANT EXECUTE ON FUNCTION report() TO reporting;\n";
    String revert =
        "-- kit:revert 20250102000000\n"
            + "CREATE FUNCTION report() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n";

    ServiceVerification v = verify(base, "DROP FUNCTION report();\n", revert);

    assertThat(v.problems())
        .singleElement()
        .asString()
        .startsWith(
            DIR
                + "/"
                + REVERT
                + " does not restore what "
                + CHANGE
                + " changed: function"
                + " public.report() (before 20250102000000: CREATE OR REPLACE FUNCTION")
        .contains("-- EXECUTE granted to reporting; after the revert: CREATE OR REPLACE")
        .endsWith("$function$)");
  }

  @Test
  void revert_dropsAndCreatesAFunction_whenTheMigrationNamedItsParameter() {
    // CREATE OR REPLACE cannot take a parameter's name away, as it cannot take a default away.
    DownMigration down =
        proveDerived(
            "CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n",
            "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n");

    assertThat(down.sql())
        .containsSubsequence(
            "DROP FUNCTION IF EXISTS public.f(a integer);", "CREATE OR REPLACE FUNCTION public.f(");
    assertThat(rows("SELECT coalesce(proargnames::text, '') FROM pg_proc WHERE proname = 'f'"))
        .containsExactly("");
  }

  @Test
  void revert_listsTheFunctionIrreversible_whenAViewStopsItsDropAndCreate() {
    String base =
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\n"
            + "CREATE VIEW v AS SELECT f(1) AS one;\n";
    String change =
        "CREATE OR REPLACE FUNCTION f(a int DEFAULT 1) RETURNS int LANGUAGE sql"
            + " AS $$ SELECT a $$;\n";
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());

    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(down.sql()).contains("\n-- No statement: what 20250102000000_change.sql changed");
    assertThat(down.irreversible())
        .containsExactly(
            "function public.f(a integer): its parameters' names or defaults changed, which"
                + " CREATE OR REPLACE cannot undo, and PostgreSQL does not drop it to create it"
                + " again while rule _RETURN on view v uses it; drop those, then the function,"
                + " and create them again by hand as they were before 20250102000000");
  }

  @Test
  void revert_setsTheParentsNotNullAndTypeAlone_whenTheMigrationChangedAPartitionedTable() {
    // a_2024 sorts before events: a revert that altered it first would be refused.
    String base =
        "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE a_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO"
            + " ('2025-01-01');\n";
    DownMigration down =
        proveDerived(
            base,
            "ALTER TABLE events ALTER COLUMN id SET NOT NULL;\n"
                + "ALTER TABLE events ALTER COLUMN at SET NOT NULL;\n"
                + "ALTER TABLE events ALTER COLUMN id TYPE bigint;\n"
                + "ALTER TABLE events RENAME COLUMN at TO happened;\n");

    assertThat(down.sql())
        .contains("ALTER TABLE public.events ALTER COLUMN id DROP NOT NULL;")
        .contains("ALTER TABLE public.events ALTER COLUMN id TYPE integer;")
        .contains("ALTER TABLE public.events RENAME COLUMN happened TO at;")
        .doesNotContain("a_2024");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, attnotnull, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid IN ('events'::regclass, 'a_2024'::regclass)"
                    + " AND attnum > 0 ORDER BY 1, attnum"))
        .containsExactly(
            "events|id|f|integer", "events|at|f|date", "a_2024|id|f|integer", "a_2024|at|f|date");
  }

  @Test
  void revert_dropsTheNewObjectsBeforeCreatingTheOld_whenTheMigrationReusedTheirNames() {
    String base =
        "CREATE TABLE a (id int PRIMARY KEY, name text);\n"
            + "CREATE FUNCTION mk() RETURNS int LANGUAGE sql AS $$ SELECT 7 $$;\n"
            + "CREATE TYPE st AS ENUM ('x');\n"
            + "CREATE TABLE k (id int, c int DEFAULT mk(), s st);\n";
    String change =
        "DROP TABLE a;\n"
            + "CREATE TABLE a (code text PRIMARY KEY);\n"
            + "ALTER TABLE k ALTER COLUMN c DROP DEFAULT;\n"
            + "DROP FUNCTION mk();\n"
            + "CREATE FUNCTION mk() RETURNS int LANGUAGE sql AS $$ SELECT 8 $$;\n"
            + "ALTER TABLE k ALTER COLUMN c SET DEFAULT mk();\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "DROP TABLE IF EXISTS public.a;", "CREATE TABLE IF NOT EXISTS public.a (");
    assertThat(
            rows(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'a'::regclass AND attnum > 0 ORDER BY attnum"))
        .containsExactly("id|integer", "name|text");
    assertThat(rows("SELECT prosrc FROM pg_proc WHERE proname = 'mk'"))
        .containsExactly(" SELECT 7 ");
    assertThat(
            rows(
                "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'k'::regclass"))
        .containsExactly("mk()");
  }

  @Test
  void revert_listsTheExtensionIrreversibleOnce_whenTheMigrationUpdatedIt() {
    String base = "CREATE EXTENSION citext VERSION '1.4';\n";
    String change = "ALTER EXTENSION citext UPDATE;\n";
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());

    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(down.irreversible())
        .containsExactly(
            "extension citext: it was updated or moved in place (ALTER EXTENSION), and an extension"
                + " seldom has a script back to an older version; set it back by hand if it has one"
                + " (before: EXTENSION citext SCHEMA public VERSION '1.4')");
  }

  @Test
  void revert_setsAKeptDefaultAgainAfterTheRenameBack_whenANewFunctionTookItsFunctionsName() {
    String base =
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "CREATE TABLE t (id int, c int DEFAULT f());\n";
    String change =
        "ALTER FUNCTION f() RENAME TO f_old;\n"
            + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n";

    proveDerived(base, change);

    assertThat(
            rows("SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace"))
        .containsExactly("f| SELECT 1 ");
    assertThat(
            rows(
                "SELECT pg_get_expr(adbin, adrelid), p.prosrc FROM pg_attrdef a"
                    + " JOIN pg_depend d ON d.objid = a.oid AND d.refclassid = 'pg_proc'::regclass"
                    + " JOIN pg_proc p ON p.oid = d.refobjid"))
        .containsExactly("f()| SELECT 1 ");
  }

  @Test
  void revert_setsTheExpressionBackBeforeTheTypes_whenAGeneratedColumnReadsAColumnItWidened() {
    String base = "CREATE TABLE t (a int, b int, g int GENERATED ALWAYS AS (b * 2) STORED);\n";
    String change =
        "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n"
            + "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (a * 2);\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN g SET EXPRESSION AS ((b * 2));",
            "ALTER TABLE public.t ALTER COLUMN a TYPE integer;");
    assertThat(
            rows(
                "SELECT attname, format_type(atttypid, atttypmod), pg_get_expr(adbin, adrelid)"
                    + " FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                    + " WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY attnum"))
        .containsExactly("a|integer|null", "b|integer|null", "g|integer|(b * 2)");
  }

  @Test
  void revert_setsTheParentsIdentityKindAlone_whenTheMigrationChangedAPartitionedTables() {
    String base =
        "CREATE TABLE p (id int GENERATED ALWAYS AS IDENTITY, k int) PARTITION BY RANGE (k);\n"
            + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n";

    DownMigration down =
        proveDerived(base, "ALTER TABLE p ALTER COLUMN id SET GENERATED BY DEFAULT;\n");

    assertThat(down.sql()).doesNotContain("public.p1");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attidentity FROM pg_attribute WHERE attname = 'id'"
                    + " AND attrelid IN ('p'::regclass, 'p1'::regclass) ORDER BY 1"))
        .containsExactly("p|a", "p1|a");
  }

  @Test
  void revert_keepsAPartitionsOwnNotNull_whenItDropsTheParentsNotNull() {
    // PostgreSQL 17's DROP NOT NULL on the parent drops the partitions' too.
    String base =
        "CREATE TABLE p (id int, c int) PARTITION BY RANGE (id);\n"
            + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n"
            + "ALTER TABLE p1 ALTER COLUMN c SET NOT NULL;\n"
            + "CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20);\n";

    DownMigration down = proveDerived(base, "ALTER TABLE p ALTER COLUMN c SET NOT NULL;\n");

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.p ALTER COLUMN c DROP NOT NULL;",
            "ALTER TABLE public.p1 ALTER COLUMN c SET NOT NULL;")
        .doesNotContain("public.p2");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attnotnull FROM pg_attribute WHERE attname = 'c'"
                    + " AND attrelid IN ('p'::regclass, 'p1'::regclass, 'p2'::regclass) ORDER BY 1"))
        .containsExactly("p|f", "p1|t", "p2|f");
  }

  @Test
  void revert_setsAChildsNotNullBack_whenTheMigrationDroppedItThroughItsSecondParent() {
    // DROP NOT NULL on p2 drops ch's too; SET NOT NULL on p2 gives it back.
    String base =
        "CREATE TABLE p1 (id int);\nCREATE TABLE p2 (x int NOT NULL);\n"
            + "CREATE TABLE ch (y int) INHERITS (p1, p2);\n";

    DownMigration down = proveDerived(base, "ALTER TABLE p2 ALTER COLUMN x DROP NOT NULL;\n");

    assertThat(down.sql())
        .contains("ALTER TABLE public.p2 ALTER COLUMN x SET NOT NULL;")
        .doesNotContain("public.ch ");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attnotnull FROM pg_attribute WHERE attname = 'x'"
                    + " AND attrelid IN ('p2'::regclass, 'ch'::regclass) ORDER BY 1"))
        .containsExactly("p2|t", "ch|t");
  }

  @Test
  void revert_keepsAChildsOwnNotNull_whenItDropsTheNotNullOfItsSecondParent() {
    // PostgreSQL 17's DROP NOT NULL on p2 drops ch's too, though ch had it before p2 did.
    String base =
        "CREATE TABLE p1 (id int);\nCREATE TABLE p2 (x int);\n"
            + "CREATE TABLE ch (y int) INHERITS (p1, p2);\n"
            + "ALTER TABLE ch ALTER COLUMN x SET NOT NULL;\n";

    DownMigration down = proveDerived(base, "ALTER TABLE p2 ALTER COLUMN x SET NOT NULL;\n");

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.p2 ALTER COLUMN x DROP NOT NULL;",
            "ALTER TABLE public.ch ALTER COLUMN x SET NOT NULL;");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attnotnull FROM pg_attribute WHERE attname = 'x'"
                    + " AND attrelid IN ('p2'::regclass, 'ch'::regclass) ORDER BY 1"))
        .containsExactly("p2|f", "ch|t");
  }

  @Test
  void revert_keepsAGrandchildsOwnNotNull_whenItDropsTheNotNullOfItsParentsSecondParent() {
    // g inherits from q and ch, ch from p1 and p2: p2 is neither's first parent.
    String base =
        "CREATE TABLE p1 (id int);\nCREATE TABLE p2 (x int);\n"
            + "CREATE TABLE ch (y int) INHERITS (p1, p2);\n"
            + "CREATE TABLE q (z int);\nCREATE TABLE g () INHERITS (q, ch);\n"
            + "ALTER TABLE g ALTER COLUMN x SET NOT NULL;\n";

    DownMigration down = proveDerived(base, "ALTER TABLE p2 ALTER COLUMN x SET NOT NULL;\n");

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.p2 ALTER COLUMN x DROP NOT NULL;",
            "ALTER TABLE public.g ALTER COLUMN x SET NOT NULL;")
        .doesNotContain("public.ch ");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attnotnull FROM pg_attribute WHERE attname = 'x'"
                    + " AND attrelid IN ('p2'::regclass, 'ch'::regclass, 'g'::regclass)"
                    + " ORDER BY 1"))
        .containsExactly("p2|f", "ch|f", "g|t");
  }

  @Test
  void revert_dropsTheNewSequenceBeforeTheOld_whenTheMigrationDroppedASerialAndReusedItsName() {
    // Dropping t.id drops t_id_seq, which it owns; the new t_id_seq is another sequence.
    String base = "CREATE TABLE t (id serial, v int);\nCREATE TABLE u (a int);\n";
    String change =
        "ALTER TABLE t DROP COLUMN id;\n"
            + "CREATE SEQUENCE t_id_seq START 100;\n"
            + "ALTER TABLE u ALTER COLUMN a SET DEFAULT nextval('t_id_seq');\n"
            + "ALTER TABLE t ADD COLUMN n bigint DEFAULT nextval('t_id_seq');\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t DROP COLUMN IF EXISTS n;",
            "ALTER TABLE public.u ALTER COLUMN a DROP DEFAULT;",
            "DROP SEQUENCE IF EXISTS public.t_id_seq;",
            "CREATE SEQUENCE IF NOT EXISTS public.t_id_seq AS integer INCREMENT BY 1 MINVALUE 1"
                + " MAXVALUE 2147483647 START WITH 1;",
            "ALTER TABLE public.t ADD COLUMN IF NOT EXISTS id integer"
                + " DEFAULT nextval('t_id_seq'::regclass) NOT NULL;",
            "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;");
    assertThat(down.irreversible())
        .anyMatch(line -> line.startsWith("value of sequence public.t_id_seq: it comes back at"));
    assertThat(sequenceDefaults())
        .containsExactly("t|id|nextval('t_id_seq'::regclass)|t_id_seq|1|t.id");
  }

  @Test
  void
      revert_setsKeptDefaultsBackOnTheOldSequence_whenTheMigrationDroppedASerialAndReusedItsName() {
    // v and u.a named the serial's sequence: DROP COLUMN ... CASCADE dropped their defaults.
    String base =
        "CREATE TABLE t (id serial, v int DEFAULT nextval('t_id_seq'));\n"
            + "CREATE TABLE u (a int DEFAULT nextval('t_id_seq'));\n";
    String change =
        "ALTER TABLE t DROP COLUMN id CASCADE;\n"
            + "CREATE SEQUENCE t_id_seq START 100;\n"
            + "ALTER TABLE t ALTER COLUMN v SET DEFAULT nextval('t_id_seq');\n"
            + "ALTER TABLE u ALTER COLUMN a SET DEFAULT nextval('t_id_seq');\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN v DROP DEFAULT;",
            "ALTER TABLE public.u ALTER COLUMN a DROP DEFAULT;",
            "DROP SEQUENCE IF EXISTS public.t_id_seq;",
            "CREATE SEQUENCE IF NOT EXISTS public.t_id_seq ",
            "ALTER TABLE public.t ALTER COLUMN v SET DEFAULT nextval('t_id_seq'::regclass);",
            "ALTER TABLE public.u ALTER COLUMN a SET DEFAULT nextval('t_id_seq'::regclass);",
            "ALTER TABLE public.t ADD COLUMN IF NOT EXISTS id integer",
            "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;");
    assertThat(sequenceDefaults())
        .containsExactly(
            "t|v|nextval('t_id_seq'::regclass)|t_id_seq|1|t.id",
            "t|id|nextval('t_id_seq'::regclass)|t_id_seq|1|t.id",
            "u|a|nextval('t_id_seq'::regclass)|t_id_seq|1|t.id");
  }

  @Test
  void revert_createsTheOldSerialAgain_whenTheMigrationReplacedItByABigserialOfTheSameName() {
    String base = "CREATE TABLE t (id serial, v int);\n";
    String change = "ALTER TABLE t DROP COLUMN id;\nALTER TABLE t ADD COLUMN id bigserial;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t DROP COLUMN IF EXISTS id;",
            "DROP SEQUENCE IF EXISTS public.t_id_seq;",
            "CREATE SEQUENCE IF NOT EXISTS public.t_id_seq AS integer ",
            "ALTER TABLE public.t ADD COLUMN IF NOT EXISTS id integer",
            "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;");
    assertThat(sequenceDefaults())
        .containsExactly("t|id|nextval('t_id_seq'::regclass)|t_id_seq|1|t.id");
  }

  @Test
  void revert_renamesASequenceBackAfterDroppingTheNew_whenTheMigrationCreatedOneUnderItsName() {
    // t.id's default holds on to the new t_id_seq, which DROP SEQUENCE refuses to drop.
    String base = "CREATE TABLE t (id serial, v int);\n";
    String change =
        "ALTER SEQUENCE t_id_seq RENAME TO t_id_old;\n"
            + "CREATE SEQUENCE t_id_seq START 100;\n"
            + "ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('t_id_seq');\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN id DROP DEFAULT;",
            "DROP SEQUENCE IF EXISTS public.t_id_seq;",
            "ALTER SEQUENCE public.t_id_old RENAME TO t_id_seq;",
            "ALTER TABLE public.t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);");
    assertThat(down.irreversible()).isEmpty();
    assertThat(sequenceDefaults())
        .containsExactly("t|id|nextval('t_id_seq'::regclass)|t_id_seq|1|t.id");
  }

  @Test
  void revert_movesRenamesAndSetsASequenceBack_whenTheMigrationMovedRenamedAndAlteredIt() {
    String base =
        "CREATE SCHEMA s2;\nCREATE SEQUENCE n;\nCREATE TABLE t (id int DEFAULT nextval('n'));\n";
    String change =
        "ALTER SEQUENCE n RENAME TO n_old;\n"
            + "ALTER SEQUENCE n_old SET SCHEMA s2;\n"
            + "ALTER SEQUENCE s2.n_old INCREMENT BY 5;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER SEQUENCE s2.n_old SET SCHEMA public;",
            "ALTER SEQUENCE public.n_old RENAME TO n;",
            "ALTER SEQUENCE public.n AS bigint INCREMENT BY 1 ");
    assertThat(down.irreversible()).isEmpty();
    assertThat(sequenceDefaults()).containsExactly("t|id|nextval('n'::regclass)|n|1|null");
  }

  /**
   * Each column default on the database the last revert ran on, with the sequence it depends on,
   * that sequence's start and the column that owns it.
   */
  private static List<String> sequenceDefaults() {
    return rows(
        "SELECT a.adrelid::regclass, c.attname, pg_get_expr(a.adbin, a.adrelid), s.oid::regclass,"
            + " q.seqstart, (SELECT o.refobjid::regclass || '.' || oa.attname FROM pg_depend o"
            + "  JOIN pg_attribute oa ON oa.attrelid = o.refobjid AND oa.attnum = o.refobjsubid"
            + "  WHERE o.classid = 'pg_class'::regclass AND o.objid = s.oid AND o.deptype = 'a')"
            + " FROM pg_attrdef a JOIN pg_attribute c ON c.attrelid = a.adrelid AND c.attnum = a.adnum"
            + " JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = a.oid"
            + "  AND d.refclassid = 'pg_class'::regclass"
            + " JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'"
            + " JOIN pg_sequence q ON q.seqrelid = s.oid ORDER BY 1, c.attnum");
  }

  @Test
  void revert_movesAKeptColumnOffTheNewEnumAndBack_whenTheMigrationCreatedItUnderTheOldName() {
    String base =
        "CREATE TYPE mood AS ENUM ('a', 'b', 'c');\n"
            + "CREATE TABLE t (m mood DEFAULT 'a', ms mood[]);\n";
    String change =
        "ALTER TYPE mood RENAME TO mood_old;\n"
            + "CREATE TYPE mood AS ENUM ('a', 'b');\n"
            + "ALTER TABLE t ALTER COLUMN m DROP DEFAULT;\n"
            + "ALTER TABLE t ALTER COLUMN m TYPE mood USING m::text::mood;\n"
            + "ALTER TABLE t ALTER COLUMN m SET DEFAULT 'a';\n"
            + "ALTER TABLE t ALTER COLUMN ms TYPE mood[] USING ms::text::mood[];\n"
            + "DROP TYPE mood_old;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT;",
            "ALTER TABLE public.t ALTER COLUMN m TYPE text USING m::text;",
            "DROP TYPE IF EXISTS public.mood;",
            "CREATE TYPE public.mood AS ENUM ('a', 'b', 'c');",
            "ALTER TABLE public.t ALTER COLUMN m TYPE mood USING m::text::mood;",
            "ALTER TABLE public.t ALTER COLUMN m SET DEFAULT 'a'::mood;");
    assertThat(rows("SELECT enum_range(NULL::mood)")).containsExactly("{a,b,c}");
    assertThat(
            rows(
                "SELECT attname, format_type(atttypid, atttypmod), pg_get_expr(adbin, adrelid)"
                    + " FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                    + " WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY attnum"))
        .containsExactly("m|mood|'a'::mood", "ms|mood[]|null");
  }

  @Test
  void revert_listsAKeptColumnIrreversible_whenTheMigrationCreatedItsDomainUnderTheOldName() {
    DownMigration down =
        derive(
            "CREATE DOMAIN pos AS int CHECK (VALUE > 0);\nCREATE TABLE t (p pos);\n",
            "ALTER DOMAIN pos RENAME TO pos_old;\n"
                + "CREATE DOMAIN pos AS int CHECK (VALUE >= 0);\n"
                + "ALTER TABLE t ALTER COLUMN p TYPE pos;\n"
                + "DROP DOMAIN pos_old;\n");

    assertThat(down.irreversible())
        .contains(
            "column public.t.p: its type public.pos was dropped and created anew under the same"
                + " name, which this revert drops while the column uses it; move the column off it"
                + " by hand, and back onto the old type once it is back (p pos)");
  }

  /** base | change | the revert's statements, one per line. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE DOMAIN pos AS int;\nCREATE TABLE t (p pos);\n"
            + "|ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 0);\n"
            + "|ALTER DOMAIN public.pos DROP CONSTRAINT pos_check;",
        "CREATE DOMAIN \"Pos\" AS varchar(3) CONSTRAINT \"Not A\" CHECK (VALUE <> 'a');\n"
            + "CREATE TABLE t (p \"Pos\");\n"
            + "|ALTER DOMAIN \"Pos\" DROP CONSTRAINT \"Not A\";\n"
            + "ALTER DOMAIN \"Pos\" ADD CONSTRAINT \"Not A\" CHECK (length(VALUE) > 1) NOT VALID;\n"
            + "|ALTER DOMAIN public.\"Pos\" DROP CONSTRAINT \"Not A\";\n"
            + "ALTER DOMAIN public.\"Pos\" ADD CONSTRAINT \"Not A\" CHECK (((VALUE)::text <> 'a'::text));",
        "CREATE DOMAIN pos AS int;\nCREATE TABLE t (p pos);\n"
            + "ALTER DOMAIN pos ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID;\n"
            + "|ALTER DOMAIN pos VALIDATE CONSTRAINT c;\n"
            + "|ALTER DOMAIN public.pos DROP CONSTRAINT c;\n"
            + "ALTER DOMAIN public.pos ADD CONSTRAINT c CHECK ((VALUE > 0)) NOT VALID;",
        "CREATE DOMAIN pos AS int CONSTRAINT c CHECK (VALUE > 0);\n"
            + "|ALTER DOMAIN pos RENAME CONSTRAINT c TO d;\n"
            + "|ALTER DOMAIN public.pos RENAME CONSTRAINT d TO c;",
        "CREATE DOMAIN pos AS int DEFAULT 3;\n"
            + "|ALTER DOMAIN pos SET NOT NULL;\nALTER DOMAIN pos DROP DEFAULT;\n"
            + "|ALTER DOMAIN public.pos SET DEFAULT 3;\nALTER DOMAIN public.pos DROP NOT NULL;",
        "CREATE DOMAIN pos AS int NOT NULL;\n"
            + "|ALTER DOMAIN pos DROP NOT NULL;\nALTER DOMAIN pos SET DEFAULT 1;\n"
            + "|ALTER DOMAIN public.pos DROP DEFAULT;\nALTER DOMAIN public.pos SET NOT NULL;",
      })
  void revert_setsADomainBack_whenTheMigrationAlteredItsDefaultNotNullOrConstraints(
      String baseChangeAndRevert) {
    proveStatements(baseChangeAndRevert);
  }

  /**
   * Derives and proves the revert of {@code baseChangeAndRevert}'s change ({@code base | change |
   * the revert's statements, one per line}), which must list nothing irreversible and hold exactly
   * those statements.
   */
  private static void proveStatements(String baseChangeAndRevert) {
    String[] parts = baseChangeAndRevert.split("\\|", -1);

    DownMigration down = proveDerived(parts[0], parts[1]);

    assertThat(down.irreversible()).isEmpty();
    assertThat(statements(down)).containsExactlyElementsOf(List.of(parts[2].split("\n")));
  }

  /** base | change | the revert's statements, one per line. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v int);\n"
            + "|ALTER SEQUENCE t_id_seq RENAME TO t_ids;\n"
            + "|ALTER SEQUENCE public.t_ids RENAME TO t_id_seq;",
        "CREATE TABLE t (id int NOT NULL, v int);\n"
            + "|ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;\n"
            + "|ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY;",
        "CREATE TABLE t (id int, v int);\n"
            + "|ALTER TABLE t ALTER COLUMN id SET NOT NULL;\n"
            + "ALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
            + "|ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY;\n"
            + "ALTER TABLE public.t ALTER COLUMN id DROP NOT NULL;",
      })
  void revert_setsAnIdentityBack_whenTheMigrationAddedItOrRenamedItsSequence(
      String baseChangeAndRevert) {
    proveStatements(baseChangeAndRevert);

    assertThat(rows("SELECT pg_get_serial_sequence('t', 'id')"))
        .containsExactly(
            baseChangeAndRevert.startsWith("CREATE TABLE t (id int GENERATED")
                ? "public.t_id_seq"
                : "null");
  }

  @Test
  void revert_addsADroppedIdentityBack_withItsSequenceNamedAsBeforeAndPastTheRows() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME ids), v int);\n"
                + "INSERT INTO t (v) VALUES (1), (2);\n",
            "ALTER TABLE t ALTER COLUMN id DROP IDENTITY;\n"
                + "ALTER TABLE t ALTER COLUMN id DROP NOT NULL;\n"
                + "INSERT INTO t (id, v) VALUES (7, 3);\n");

    assertThat(statements(down))
        .containsExactly(
            "ALTER TABLE public.t ALTER COLUMN id SET NOT NULL;",
            "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME"
                + " public.ids);",
            "SELECT setval('public.ids', max(id)) FROM public.t HAVING max(id) IS NOT NULL;");
    assertThat(down.irreversible())
        .containsExactly(
            "data: line 3 (INSERT) changed rows, which the catalog does not record; undo it by hand"
                + " if it matters",
            "column public.t.id: its identity comes back with a new sequence, set past the column's"
                + " values; its old sequence's options and last value are gone, so set them by hand"
                + " if they were not the defaults (ALTER TABLE ... ALTER COLUMN ... SET INCREMENT BY"
                + " ...)");
    assertThat(rows("SELECT pg_get_serial_sequence('t', 'id') || ' ' || nextval('ids')"))
        .containsExactly("public.ids 8");
  }

  @Test
  void revert_addsAPartitionedTablesIdentityBack_onTheParentAlone() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE p (id int GENERATED ALWAYS AS IDENTITY, k int) PARTITION BY RANGE (k);\n"
                + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n",
            "ALTER TABLE p ALTER COLUMN id DROP IDENTITY;\n");

    assertThat(statements(down))
        .containsExactly(
            "ALTER TABLE public.p ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME"
                + " public.p_id_seq);",
            "SELECT setval('public.p_id_seq', max(id)) FROM public.p HAVING max(id) IS NOT NULL;");
    assertThat(down.irreversible()).singleElement().asString().startsWith("column public.p.id: ");
  }

  @Test
  void revert_createsADroppedTablesIdentityWithItsSequenceNamedAsBefore() {
    DownMigration down =
        proveDerived(
            "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME ids), v int);\n",
            "DROP TABLE t;\n");

    assertThat(down.sql())
        .contains("id integer GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME ids) NOT NULL");
    assertThat(rows("SELECT pg_get_serial_sequence('t', 'id')")).containsExactly("public.ids");
  }

  @Test
  void revert_createsAnEnumAnewWithoutTheLabelsItGained_whenOnlyTableColumnsUseIt() {
    DownMigration down =
        proveDerived(
            "CREATE TYPE mood AS ENUM ('a', 'b');\n"
                + "CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'a', n int);\n"
                + "CREATE INDEX t_m ON t (m);\n"
                + "CREATE TABLE u (m mood);\n"
                + "INSERT INTO t VALUES (1, 'b', 1);\n",
            "ALTER TYPE mood ADD VALUE 'c';\nALTER TYPE mood ADD VALUE 'o' BEFORE 'a';\n");

    assertThat(statements(down))
        .containsExactly(
            "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT;",
            "ALTER TABLE public.t ALTER COLUMN m TYPE text USING m::text;",
            "ALTER TABLE public.u ALTER COLUMN m TYPE text USING m::text;",
            "DROP TYPE IF EXISTS public.mood;",
            "CREATE TYPE public.mood AS ENUM ('a', 'b');",
            "ALTER TABLE public.t ALTER COLUMN m TYPE public.mood USING m::public.mood;",
            "ALTER TABLE public.t ALTER COLUMN m SET DEFAULT 'a'::mood;",
            "ALTER TABLE public.u ALTER COLUMN m TYPE public.mood USING m::public.mood;");
    assertThat(down.irreversible())
        .containsExactly(
            "values of column public.t.m: a row that holds 'o' or 'c', which 20250102000000 added"
                + " to public.mood, makes this revert fail; change those rows first",
            "values of column public.u.m: a row that holds 'o' or 'c', which 20250102000000 added"
                + " to public.mood, makes this revert fail; change those rows first");
    assertThat(rows("SELECT enum_range(NULL::mood)::text, (SELECT m::text FROM t)"))
        .containsExactly("{a,b}|b");
  }

  @Test
  void revert_createsAnEnumAnew_byTheOldNamesOfAColumnAndTableTheMigrationRenamed() {
    DownMigration down =
        proveDerived(
            "CREATE TYPE mood AS ENUM ('a', 'b');\nCREATE TABLE t (m mood DEFAULT 'a');\n",
            "ALTER TYPE mood ADD VALUE 'c';\n"
                + "ALTER TABLE t RENAME COLUMN m TO feeling;\n"
                + "ALTER TABLE t RENAME TO moods;\n");

    assertThat(statements(down))
        .containsSubsequence(
            "ALTER TABLE public.moods RENAME COLUMN feeling TO m;",
            "ALTER TABLE public.moods ALTER COLUMN m TYPE text USING m::text;",
            "CREATE TYPE public.mood AS ENUM ('a', 'b');",
            "ALTER TABLE public.moods ALTER COLUMN m TYPE public.mood USING m::public.mood;",
            "ALTER TABLE public.moods RENAME TO t;");
  }

  /** What else uses an enum keeps kit from creating it anew: base | change. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE t (ms mood[]);|",
        "CREATE TABLE t (m mood CHECK (m <> 'b'));|",
        "CREATE TABLE t (m mood);\nCREATE FUNCTION f(x mood) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;|",
        "CREATE TABLE t (m mood, k int) PARTITION BY RANGE (k);|",
        "CREATE TABLE t (m mood);\nCREATE TABLE c () INHERITS (t);|",
        "CREATE TABLE t (m mood);|CREATE TABLE w (m mood);\n",
        "CREATE TABLE t (m mood, k int, g int GENERATED ALWAYS AS (k * 2) STORED);|",
      })
  void revert_listsALabelAddedToAnEnumIrreversible_whenMoreThanPlainColumnsUseIt(
      String baseAndChange) {
    String[] parts = baseAndChange.split("\\|", -1);

    DownMigration down =
        derive(
            "CREATE TYPE mood AS ENUM ('a', 'b');\n" + parts[0],
            "ALTER TYPE mood ADD VALUE 'c';\n" + parts[1]);

    assertThat(down.irreversible())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("type public.mood: the migration added 'c' to the enum"));
    assertThat(down.sql()).doesNotContain("DROP TYPE");
  }

  @Test
  void revert_saysWhyALabelAddedToAnEnumStays_whenAViewReadsItsColumn() {
    DownMigration down =
        derive(
            "CREATE TYPE mood AS ENUM ('a', 'b');\nCREATE TABLE t (m mood);\n"
                + "CREATE VIEW v AS SELECT m FROM t;\n",
            "ALTER TYPE mood ADD VALUE 'c';\n");

    assertThat(statements(down)).isEmpty();
    assertThat(down.irreversible())
        .containsExactly(
            "type public.mood: the migration added 'c' to the enum, and PostgreSQL cannot drop an"
                + " enum's label, while more than plain table columns use the type (a view, a"
                + " function, a constraint, an array, ...); to undo it, create the type anew"
                + " without it and move what uses it over (ALTER TABLE ... ALTER COLUMN ... TYPE ..."
                + " USING ...::text::...), once no row holds it (before: TYPE public.mood AS ENUM"
                + " ('a', 'b'))");
  }

  /** The revert's statements, without its comments and blank lines. */
  private static List<String> statements(DownMigration down) {
    return down.sql().lines().filter(l -> !l.isBlank() && !l.startsWith("--")).toList();
  }

  @Test
  void revert_dropsAndCreatesAFunction_whenOnlyWhatTheMigrationCreatedUsesItsNewDefault() {
    String base =
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\n"
            + "CREATE TABLE t (id int);\n";
    String change =
        "CREATE OR REPLACE FUNCTION f(a int DEFAULT 0) RETURNS int LANGUAGE sql"
            + " AS $$ SELECT a $$;\n"
            + "CREATE VIEW v AS SELECT f() AS x;\n"
            + "ALTER TABLE t ADD COLUMN c int DEFAULT f();\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "DROP VIEW IF EXISTS public.v;",
            "ALTER TABLE public.t DROP COLUMN IF EXISTS c;",
            "DROP FUNCTION IF EXISTS public.f(a integer);",
            "CREATE OR REPLACE FUNCTION public.f(");
    assertThat(down.irreversible()).noneMatch(line -> line.startsWith("function "));
    assertThat(rows("SELECT pronargdefaults FROM pg_proc WHERE proname = 'f'"))
        .containsExactly("0");
  }

  @Test
  void revert_listsNothingIrreversible_whenATriggerCheckAndIndexNameAFunctionItRenamesBack() {
    String base =
        "CREATE SCHEMA s;\n"
            + "CREATE TABLE t (id int, c int);\n"
            + "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql"
            + " AS $$ BEGIN RETURN NEW; END $$;\n"
            + "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
            + "CREATE FUNCTION pos(int) RETURNS int IMMUTABLE LANGUAGE sql AS $$ SELECT abs($1) $$;\n"
            + "ALTER TABLE t ADD CONSTRAINT ck CHECK (pos(c) >= 0);\n"
            + "CREATE FUNCTION neg(int) RETURNS int IMMUTABLE LANGUAGE sql AS $$ SELECT -$1 $$;\n"
            + "CREATE INDEX ix ON t (neg(c));\n";
    String change =
        "ALTER FUNCTION tf() RENAME TO tf2;\n"
            + "ALTER FUNCTION pos(int) RENAME TO pos2;\n"
            + "ALTER FUNCTION neg(int) SET SCHEMA s;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.irreversible()).isEmpty();
    assertThat(
            rows(
                "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'trg'"
                    + " UNION ALL SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conname = 'ck' UNION ALL SELECT pg_get_indexdef('ix'::regclass)"))
        .containsExactly(
            "CREATE TRIGGER trg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION tf()",
            "CHECK ((pos(c) >= 0))",
            "CREATE INDEX ix ON public.t USING btree (neg(c))");
  }

  @Test
  void revert_renamesAndRetypesTheParentsColumnAlone_whenTheMigrationChangedAnInheritedColumn() {
    // ch sorts before par: a revert that renamed its column first would be refused.
    String base = "CREATE TABLE par (id int, c int);\nCREATE TABLE ch (x int) INHERITS (par);\n";
    String change =
        "ALTER TABLE par RENAME COLUMN c TO c2;\nALTER TABLE par ALTER COLUMN c2 TYPE bigint;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .contains("ALTER TABLE public.par RENAME COLUMN c2 TO c;")
        .contains("ALTER TABLE public.par ALTER COLUMN c TYPE integer;")
        .doesNotContain("public.ch ");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid IN ('par'::regclass, 'ch'::regclass)"
                    + " AND attnum > 0 ORDER BY 1, attnum"))
        .containsExactly(
            "par|id|integer", "par|c|integer", "ch|id|integer", "ch|c|integer", "ch|x|integer");
  }

  @Test
  void revert_setsPoliciesAndRowLevelSecurityBack_aroundTheColumnsTheyRead() {
    String base =
        "CREATE TABLE t (id int, tenant text);\n"
            + "CREATE POLICY kept ON t FOR UPDATE USING (tenant = current_user)"
            + " WITH CHECK (tenant = current_user);\n"
            + "CREATE POLICY renamed ON t FOR SELECT USING (true);\n"
            + "CREATE POLICY old ON t FOR DELETE USING (id > 0);\n"
            + "CREATE TABLE gone (id int, tenant text);\n"
            + "ALTER TABLE gone ENABLE ROW LEVEL SECURITY;\n"
            + "ALTER TABLE gone FORCE ROW LEVEL SECURITY;\n"
            + "CREATE POLICY tenant_only ON gone AS RESTRICTIVE FOR SELECT TO reporting, report_owner"
            + " USING (tenant = current_user);\n";
    String change =
        "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
            + "ALTER TABLE t ADD COLUMN owner_id int;\n"
            + "ALTER POLICY kept ON t USING (owner_id = 1);\n"
            + "ALTER POLICY renamed ON t RENAME TO fresh;\n"
            + "DROP POLICY old ON t;\n"
            + "CREATE POLICY added ON t FOR INSERT WITH CHECK (owner_id IS NOT NULL);\n"
            + "DROP TABLE gone;\n"
            + "ALTER TABLE t RENAME TO t2;\n";
    DownMigration down = proveDerived(base, change);

    assertThat(down.irreversible()).noneMatch(line -> line.startsWith("unrecorded:"));
    assertThat(down.sql())
        .containsSubsequence(
            "DROP POLICY IF EXISTS added ON public.t2;",
            "DROP POLICY IF EXISTS kept ON public.t2;",
            "DROP COLUMN IF EXISTS owner_id;",
            "ALTER TABLE public.t2 RENAME TO t;",
            "CREATE POLICY tenant_only ON public.gone AS RESTRICTIVE FOR SELECT TO report_owner,"
                + " reporting USING ((tenant = CURRENT_USER));",
            "CREATE POLICY old ON public.t AS PERMISSIVE FOR DELETE TO PUBLIC USING ((id > 0));",
            "CREATE POLICY kept ON public.t AS PERMISSIVE FOR UPDATE TO PUBLIC USING ((tenant ="
                + " CURRENT_USER)) WITH CHECK ((tenant = CURRENT_USER));",
            "ALTER POLICY fresh ON public.t RENAME TO renamed;",
            "ALTER TABLE public.gone ENABLE ROW LEVEL SECURITY;",
            "ALTER TABLE public.gone FORCE ROW LEVEL SECURITY;",
            "ALTER TABLE public.t DISABLE ROW LEVEL SECURITY;")
        .doesNotContain("DROP POLICY IF EXISTS fresh");
  }

  @Test
  void revert_listsTheFunctionIrreversible_whenADomainCheckOrPolicyStopsItsDropAndCreate() {
    String base =
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a $$;\n"
            + "CREATE DOMAIN pos AS int CHECK (f(VALUE) >= 0);\n"
            + "CREATE TABLE t (c int);\n"
            + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
            + "CREATE POLICY p ON t USING (f(c) >= 0);\n";
    String change =
        "CREATE OR REPLACE FUNCTION f(a int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE"
            + " AS $$ SELECT a $$;\n";
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());

    assertThat(v.error()).as(down.sql()).isEmpty();
    assertThat(down.sql()).doesNotContain("DROP FUNCTION");
    assertThat(down.irreversible())
        .singleElement()
        .asString()
        .startsWith("function public.f(a integer): its parameters' names or defaults changed")
        .contains("while constraint pos_check, policy p on table t uses it");
  }

  @Test
  void revert_holdsANotNullExpressionByNull_whenBothExpressionsReadAColumnItWidened() {
    String base = "CREATE TABLE t (a int, g int GENERATED ALWAYS AS (a * 2) STORED NOT NULL);\n";
    String change =
        "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (0);\n"
            + "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n"
            + "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (a * 3);\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.irreversible()).noneMatch(line -> line.contains("public.t.g"));
    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN g DROP NOT NULL;",
            "ALTER TABLE public.t ALTER COLUMN g SET EXPRESSION AS (NULL);",
            "ALTER TABLE public.t ALTER COLUMN a TYPE integer;",
            "ALTER TABLE public.t ALTER COLUMN g SET EXPRESSION AS ((a * 2));",
            "ALTER TABLE public.t ALTER COLUMN g SET NOT NULL;");
    assertThat(
            rows(
                "SELECT attname, format_type(atttypid, atttypmod), attnotnull,"
                    + " pg_get_expr(adbin, adrelid) FROM pg_attribute LEFT JOIN pg_attrdef"
                    + " ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 't'::regclass"
                    + " AND attnum > 0 ORDER BY attnum"))
        .containsExactly("a|integer|f|null", "g|integer|t|(a * 2)");
  }

  @Test
  void revert_setsTheExpressionBackAfterTheTypes_whenItsOldExpressionReadsAColumnItWidened() {
    String base =
        "CREATE TABLE t (a int, b int, g int GENERATED ALWAYS AS (a * 2) STORED);\n"
            + "CREATE TABLE u (a int, g int GENERATED ALWAYS AS (a * 2) STORED);\n";
    String change =
        "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (b * 2);\n"
            + "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n"
            + "ALTER TABLE u ALTER COLUMN g SET EXPRESSION AS (1);\n"
            + "ALTER TABLE u ALTER COLUMN a TYPE bigint;\n"
            + "ALTER TABLE u ALTER COLUMN g SET EXPRESSION AS (a * 3);\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.u ALTER COLUMN g SET EXPRESSION AS (NULL);",
            "ALTER TABLE public.t ALTER COLUMN a TYPE integer;",
            "ALTER TABLE public.u ALTER COLUMN a TYPE integer;",
            "ALTER TABLE public.t ALTER COLUMN g SET EXPRESSION AS ((a * 2));",
            "ALTER TABLE public.u ALTER COLUMN g SET EXPRESSION AS ((a * 2));");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod),"
                    + " pg_get_expr(adbin, adrelid) FROM pg_attribute LEFT JOIN pg_attrdef"
                    + " ON adrelid = attrelid AND adnum = attnum WHERE attrelid IN ('t'::regclass,"
                    + " 'u'::regclass) AND attnum > 0 ORDER BY 1, attnum"))
        .containsExactly(
            "t|a|integer|null",
            "t|b|integer|null",
            "t|g|integer|(a * 2)",
            "u|a|integer|null",
            "u|g|integer|(a * 2)");
  }

  @Test
  void revert_setsAnInheritingTablesIdentityKindItself_whenTheMigrationChangedItsAndItsParents() {
    String base =
        "CREATE TABLE par (id int GENERATED ALWAYS AS IDENTITY, v int);\n"
            + "CREATE TABLE ch (id int GENERATED ALWAYS AS IDENTITY) INHERITS (par);\n";
    String change =
        "ALTER TABLE par ALTER COLUMN id SET GENERATED BY DEFAULT;\n"
            + "ALTER TABLE ch ALTER COLUMN id SET GENERATED BY DEFAULT;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql()).contains("ALTER TABLE public.ch ALTER COLUMN id SET GENERATED ALWAYS;");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attidentity FROM pg_attribute WHERE attname = 'id'"
                    + " AND attrelid IN ('par'::regclass, 'ch'::regclass) ORDER BY 1"))
        .containsExactly("par|a", "ch|a");
  }

  @Test
  void revert_movesOnlyColumnsOfTheNewEnum_whenOthersTypesShareAWordOfItsName() {
    String base =
        "CREATE TYPE zone AS ENUM ('eu', 'us', 'ap');\n"
            + "CREATE TABLE t (id int, z zone, ts timestamptz DEFAULT now());\n"
            + "CREATE VIEW v AS SELECT id, ts FROM t;\n"
            + "CREATE SCHEMA a;\n"
            + "CREATE SCHEMA b;\n"
            + "CREATE TYPE a.status AS ENUM ('x', 'y', 'z');\n"
            + "CREATE TYPE b.status AS ENUM ('p', 'q');\n"
            + "CREATE TABLE a.t (s a.status);\n"
            + "CREATE TABLE b.u (id int, s b.status);\n"
            + "CREATE VIEW b.v AS SELECT id, s FROM b.u;\n";
    String change =
        "ALTER TYPE zone RENAME TO zone_old;\n"
            + "CREATE TYPE zone AS ENUM ('eu', 'us');\n"
            + "ALTER TABLE t ALTER COLUMN z TYPE zone USING z::text::zone;\n"
            + "DROP TYPE zone_old;\n"
            + "ALTER TYPE a.status RENAME TO status_old;\n"
            + "CREATE TYPE a.status AS ENUM ('x', 'y');\n"
            + "ALTER TABLE a.t ALTER COLUMN s TYPE a.status USING s::text::a.status;\n"
            + "DROP TYPE a.status_old;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .contains("ALTER TABLE public.t ALTER COLUMN z TYPE text USING z::text;")
        .contains("ALTER TABLE a.t ALTER COLUMN s TYPE text USING s::text;")
        .doesNotContain("COLUMN ts")
        .doesNotContain("b.u");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid IN ('t'::regclass, 'a.t'::regclass,"
                    + " 'b.u'::regclass) AND attnum > 0 AND NOT attisdropped ORDER BY 1, attnum"))
        .containsExactly(
            "t|id|integer",
            "t|z|zone",
            "t|ts|timestamp with time zone",
            "a.t|s|a.status",
            "b.u|id|integer",
            "b.u|s|b.status");
  }

  @Test
  void revert_leavesAChildsColumnToTheParentThatHasIt_whenTheTableInheritsFromSeveral() {
    String base =
        "CREATE TABLE p1 (id int);\nCREATE TABLE p2 (c int);\n"
            + "CREATE TABLE ch (x int) INHERITS (p1, p2);\n";
    String change =
        "ALTER TABLE p2 RENAME COLUMN c TO c2;\nALTER TABLE p2 ALTER COLUMN c2 TYPE bigint;\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql()).doesNotContain("public.ch ");
    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid = 'ch'::regclass AND attnum > 0"
                    + " ORDER BY attnum"))
        .containsExactly("ch|id|integer", "ch|c|integer", "ch|x|integer");
  }

  @Test
  void revert_movesAColumnOffTheNewEnumAndRenamesTheOldBack_whenTheMigrationKeptTheOldRenamed() {
    String base =
        "CREATE TYPE mood AS ENUM ('a', 'b', 'c');\n"
            + "CREATE TABLE t (m mood DEFAULT 'a', ms mood[]);\n";
    String change =
        "ALTER TYPE mood RENAME TO mood_old;\n"
            + "CREATE TYPE mood AS ENUM ('a', 'b');\n"
            + "ALTER TABLE t ALTER COLUMN m DROP DEFAULT;\n"
            + "ALTER TABLE t ALTER COLUMN m TYPE mood USING m::text::mood;\n"
            + "ALTER TABLE t ALTER COLUMN m SET DEFAULT 'a';\n"
            + "ALTER TABLE t ALTER COLUMN ms TYPE mood[] USING ms::text::mood[];\n";

    DownMigration down = proveDerived(base, change);

    assertThat(down.sql())
        .containsSubsequence(
            "ALTER TABLE public.t ALTER COLUMN m TYPE text USING m::text;",
            "DROP TYPE IF EXISTS public.mood;",
            "ALTER TYPE public.mood_old RENAME TO mood;");
    assertThat(down.irreversible()).noneMatch(line -> line.startsWith("type "));
    assertThat(
            rows(
                "SELECT attname, format_type(atttypid, atttypmod), pg_get_expr(adbin, adrelid)"
                    + " FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                    + " WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY attnum"))
        .containsExactly("m|mood|'a'::mood", "ms|mood[]|null");
    assertThat(rows("SELECT typname FROM pg_type WHERE typname LIKE 'mood%' ORDER BY 1"))
        .containsExactly("mood");
  }

  @Test
  void revert_listsADomainIrreversible_whenTheMigrationKeptItRenamedAndCreatedOneUnderItsName() {
    String base = "CREATE DOMAIN pos AS int CHECK (VALUE > 0);\nCREATE TABLE t (p pos);\n";
    String change =
        "ALTER DOMAIN pos RENAME TO pos_old;\n"
            + "CREATE DOMAIN pos AS int CHECK (VALUE >= 0);\n"
            + "ALTER TABLE t ALTER COLUMN p TYPE pos;\n";
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());

    assertThat(v.error()).as(down.sql()).isEmpty();
    assertThat(down.sql()).doesNotContain("DROP DOMAIN");
    assertThat(down.irreversible())
        .contains(
            "type public.pos: the migration renamed it to public.pos_old and created a new type"
                + " under its name, which kit does not undo; move the columns off the new type,"
                + " drop it, and rename and set the old one back by hand (before: DOMAIN"
                + " public.pos AS integer CONSTRAINT pos_check CHECK ((VALUE > 0)))")
        .noneMatch(line -> line.contains("changed in place"));
  }

  /** The rows of {@code sql} on the database the last revert ran on, columns joined by "|". */
  private static List<String> rows(String sql) {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.connect("app", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getString(i)));
        }
        rows.add(String.join("|", values));
      }
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
    return rows;
  }
}
