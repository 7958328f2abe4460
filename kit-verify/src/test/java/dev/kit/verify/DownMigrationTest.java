package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.lint.LintSettings;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reverts derived on a real PostgreSQL 17: each runs after the migration it reverts, kit:verify's
 * proof passes, and the database then holds what the base migration made.
 */
class DownMigrationTest {

  private static final String DIR = "services/orders/migrations";
  private static final AtomicInteger SERVICES = new AtomicInteger();
  private static final ClusterDatabase APP = new ClusterDatabase("app", List.of(), List.of());
  private static EmbeddedPostgresServer postgres;

  @BeforeAll
  static void start() {
    postgres = TestPostgres.start(17);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  private static ServiceMigrations history(String... namesAndContents) {
    List<MigrationFile> files = new ArrayList<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.add(
          new MigrationFile(
              namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return new ServiceMigrations(
        "orders" + SERVICES.incrementAndGet(),
        DIR,
        new MigrationDirectory(files),
        TxMode.FILE,
        17,
        "app",
        Optional.empty());
  }

  /** The revert of {@code change}, run after {@code base}. */
  private static DownMigration derive(String base, String change) {
    return DownMigration.derive(
        new MigrationVerifier(LintSettings.defaults())
            .change(
                postgres,
                history("20250101000000_base.sql", base, "20250102000000_change.sql", change),
                APP,
                "20250102000000"),
        "PostgreSQL " + postgres.version());
  }

  /** The revert of {@code change}, run after {@code base} and it; the proof must pass. */
  private static DownMigration revert(String base, String change) {
    DownMigration down = derive(base, change);
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                history(
                    "20250101000000_base.sql",
                    base,
                    "20250102000000_change.sql",
                    change,
                    "20250103000000_revert_20250102000000.sql",
                    down.sql()),
                APP);
    assertThat(v.error()).as(down.sql()).isEmpty();
    assertThat(v.problems()).as(down.sql()).isEmpty();
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
    DownMigration down = revert(base, "ALTER TABLE a RENAME TO b;\n");

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
    revert(base, "DROP MATERIALIZED VIEW mv;\n");

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
    DownMigration down = revert(base, change);

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
    revert(base, change);

    assertThat(
            rows(
                "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid IN ('t'::regclass, 'u'::regclass)"
                    + " AND attnum > 0 AND NOT attisdropped ORDER BY attrelid, attnum"))
        .containsExactly("t|id|integer", "t|c|integer", "u|id|integer");
  }

  @Test
  void revert_createsTypesBeforeTheTypesThatUseThem_andDropsThemAfter() {
    revert(
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
    revert(
        "CREATE TABLE x (id int);\n",
        "CREATE TYPE acolor AS ENUM ('r', 'g');\nCREATE TYPE zpair AS (c acolor, n int);\n");
    assertThat(rows("SELECT typname FROM pg_type WHERE typname IN ('acolor', 'zpair')")).isEmpty();
  }

  @Test
  void revert_setsCycleAndOwnerBack_whenTheMigrationAlteredAKeptSequence() {
    revert(
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
        revert(
            "CREATE TABLE t (id int);\nCREATE SEQUENCE s;\n", "ALTER SEQUENCE s OWNED BY t.id;\n");
    assertThat(down.sql().lines().filter(l -> l.startsWith("ALTER SEQUENCE")))
        .containsExactly("ALTER SEQUENCE public.s OWNED BY NONE;");
  }

  @Test
  void revert_setsTheOwnerBack_whenTheMigrationDisownedAKeptSequence() {
    DownMigration down =
        revert(
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

  /** Derived only: the proof would name the dropped parent's columns, which it does not list. */
  @Test
  void revert_saysToAttachThePartitionByHand_whenTheMigrationDetachedItAndDroppedItsParent() {
    DownMigration down =
        derive(
            "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO"
                + " ('2025-01-01');\n",
            "ALTER TABLE events DETACH PARTITION events_2024;\nDROP TABLE events;\n");
    assertThat(down.sql()).doesNotContain("ATTACH PARTITION");
    assertThat(down.irreversible())
        .contains(
            "table public.events_2024: it was a partition of public.events, which the migration"
                + " dropped and kit does not re-create; attach it by hand once its parent is back"
                + " (TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM"
                + " ('2024-01-01') TO ('2025-01-01'))");
  }

  @Test
  void revert_saysASequenceComesBackAtItsStart_whenTheMigrationDroppedIt() {
    DownMigration down =
        revert(
            "CREATE SEQUENCE invoice_no;\nSELECT setval('invoice_no', 1000);\n",
            "DROP SEQUENCE invoice_no;\n");
    assertThat(down.irreversible())
        .containsExactly(
            "value of sequence public.invoice_no: it comes back at its START WITH, so nextval gives"
                + " numbers it gave before; setval it to the value it has in production, which"
                + " kit's throwaway database does not know");
  }

  @Test
  void revert_listsTheGrantsAndCommentOfADroppedTable() {
    DownMigration down =
        revert(
            "CREATE TABLE t (id int);\n"
                + "GRANT SELECT ON t TO PUBLIC;\n"
                + "COMMENT ON TABLE t IS 'hello';\n",
            "DROP TABLE t;\n");
    assertThat(down.irreversible())
        .contains(
            "grants and comment of table public.t: it is created again, without its grants"
                + " {app=arwdDxtm/app,=r/app} and its comment; GRANT and COMMENT ON it again by"
                + " hand");
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
