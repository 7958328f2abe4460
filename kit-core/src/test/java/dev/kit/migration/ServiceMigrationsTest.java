package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceMigrationsTest {

  private static ServiceMigrations history(Optional<String> baseline, String... namesAndContents) {
    List<MigrationFile> files = new ArrayList<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.add(
          new MigrationFile(
              namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return new ServiceMigrations(
        "orders", "m", new MigrationDirectory(files), TxMode.FILE, 17, "app", baseline);
  }

  private static List<String> applied(ServiceMigrations history) {
    return history.appliedFiles().stream().map(MigrationFile::name).toList();
  }

  @Test
  void appliedFiles_startAtTheLastCheckpoint_whenNoBaselineIsSet() {
    ServiceMigrations history =
        history(
            Optional.empty(),
            "1_a.sql",
            "CREATE TABLE a (id int);",
            "2_cp.sql",
            "-- atlas:checkpoint\n\nCREATE TABLE a (id int);",
            "3_b.sql",
            "CREATE TABLE b (id int);",
            "4_cp.sql",
            "-- atlas:checkpoint v4\n-- atlas:txmode none\n\nCREATE TABLE a (id int);",
            "5_c.sql",
            "CREATE TABLE c (id int);");
    assertThat(applied(history)).containsExactly("4_cp.sql", "5_c.sql");
  }

  @Test
  void appliedFiles_skipCheckpoints_whenABaselineIsSet() {
    ServiceMigrations history =
        history(
            Optional.of("1"),
            "1_a.sql",
            "CREATE TABLE a (id int);",
            "2_cp.sql",
            "-- atlas:checkpoint\n\nCREATE TABLE a (id int);",
            "3_b.sql",
            "CREATE TABLE b (id int);");
    assertThat(applied(history)).containsExactly("1_a.sql", "3_b.sql");
  }

  @Test
  void appliedFiles_keepEveryFile_whenTheCheckpointLineIsAStatementComment() {
    ServiceMigrations history =
        history(
            Optional.empty(),
            "1_a.sql",
            "CREATE TABLE a (id int);",
            "2_b.sql",
            "-- atlas:checkpoint\nCREATE TABLE b (id int);");
    assertThat(applied(history)).containsExactly("1_a.sql", "2_b.sql");
  }
}
