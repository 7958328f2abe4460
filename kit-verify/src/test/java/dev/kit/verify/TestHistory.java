package dev.kit.verify;

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

/** Migration histories for the tests on a real PostgreSQL, each of a service of its own. */
final class TestHistory {

  static final String DIR = "services/orders/migrations";
  static final ClusterDatabase APP = new ClusterDatabase("app", List.of(), List.of());
  private static final AtomicInteger SERVICES = new AtomicInteger();

  private TestHistory() {}

  /** A service name no other history of the test run has. */
  static String service() {
    return "orders" + SERVICES.incrementAndGet();
  }

  /**
   * A history of files given as name, content, name, content..., on a fresh database {@code app}
   * (each run replaces the one before).
   */
  static ServiceMigrations of(TxMode mode, String... namesAndContents) {
    return of(mode, Optional.empty(), namesAndContents);
  }

  static ServiceMigrations of(TxMode mode, Optional<String> baseline, String... namesAndContents) {
    List<MigrationFile> files = new ArrayList<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.add(
          new MigrationFile(
              namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return new ServiceMigrations(
        service(), DIR, new MigrationDirectory(files), mode, 17, "app", baseline);
  }

  /**
   * The down migration of version 20250102000000 of {@code namesAndContents}, on {@code postgres}.
   */
  static DownMigration derive(EmbeddedPostgresServer postgres, String... namesAndContents) {
    return DownMigration.derive(
        new MigrationVerifier(LintSettings.defaults())
            .change(postgres, of(TxMode.FILE, namesAndContents), APP, "20250102000000"),
        "PostgreSQL " + postgres.version());
  }
}
