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
 * The revert proof and what the catalog snapshot must see for it, on a real PostgreSQL 17: a base
 * migration, the migration to revert, and its derived (or a hand-written) revert.
 */
class RevertProofTest {

  private static final String DIR = "services/orders/migrations";
  private static final String BASE = "20250101000000_base.sql";
  private static final String CHANGE = "20250102000000_change.sql";
  private static final String REVERT = "20250103000000_revert_20250102000000.sql";
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

  /** The down migration of {@code change} on top of {@code base}. */
  private static DownMigration derive(String base, String change) {
    return DownMigration.derive(
        new MigrationVerifier(LintSettings.defaults())
            .change(postgres, history(BASE, base, CHANGE, change), APP, "20250102000000"),
        "PostgreSQL " + postgres.version());
  }

  private static ServiceVerification verify(String base, String change, String revert) {
    return new MigrationVerifier(LintSettings.defaults())
        .verify(postgres, history(BASE, base, CHANGE, change, REVERT, revert), APP);
  }

  /** The rows of {@code query} on the database the last verification left, one line each. */
  private static List<String> rows(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.connect("app", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rs.getString(i)));
        }
        rows.add(String.join(" ", row));
      }
    }
    return rows;
  }

  /** Derives the revert of {@code change}, applies it, and expects the proof to pass. */
  private static DownMigration proveDerived(String base, String change) {
    DownMigration down = derive(base, change);
    ServiceVerification v = verify(base, change, down.sql());
    assertThat(v.error()).as(down.sql()).isEmpty();
    assertThat(v.problems()).as(down.sql()).isEmpty();
    assertThat(v.notes())
        .singleElement()
        .asString()
        .startsWith(DIR + "/" + REVERT + " restores the ")
        .doesNotContain(" restores the 0 ");
    return down;
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
  void revert_setsTheCollationBack_whenTheMigrationChangedOrDroppedIt() throws SQLException {
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
        .containsExactly("t name \"default\"", "u code \"C\"");
  }

  @Test
  void revert_createsADomainWithItsNotNullOnce_whenTheMigrationDroppedIt() throws SQLException {
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
  void revert_createsTheExtensionInItsSchema_whenTheMigrationDroppedBoth() throws SQLException {
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
  void revert_dropsOnlyTheParents_whenTheMigrationAddedToAPartitionedTable() throws SQLException {
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
  void revert_createsOnlyTheParents_whenTheMigrationDroppedFromAPartitionedTable()
      throws SQLException {
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
  void revert_attachesAndDetachesPartitionsBack_whenTheMigrationMovedThem() throws SQLException {
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
}
