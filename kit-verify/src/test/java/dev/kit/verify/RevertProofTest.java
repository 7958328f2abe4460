package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.lint.LintSettings;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
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

  private static ServiceVerification verify(String base, String change, String revert) {
    return new MigrationVerifier(LintSettings.defaults())
        .verify(postgres, history(BASE, base, CHANGE, change, REVERT, revert), APP);
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
}
