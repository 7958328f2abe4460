package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.lint.LintSettings;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.TxMode;
import dev.kit.validate.KitValidationException;
import dev.kit.write.KitWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MigrationTool}: new migrations in one commit with their regeneration, the text lint, each
 * service's history.
 */
class MigrationToolTest {

  @TempDir Path repo;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T16:05:09Z"), ZoneId.of("Asia/Tokyo"));

  private static Kit kit(String... services) {
    Kit.Builder kit =
        Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
    for (String service : services) {
      kit.service(service, s -> s.database(db -> db.storage("1Gi")));
    }
    return kit.build();
  }

  private void existing(String service, String file) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/" + service + "/migrations"));
    Files.writeString(dir.resolve(file), "SELECT 1;\n");
  }

  @Test
  void newMigration_writesUtcVersionedSkeletonAndUpdatesAtlasSum_whenOneService()
      throws IOException {
    existing("orders", "20250101000000_init.sql");
    MigrationTool migrations = MigrationTool.forRepository(repo);

    Path file = migrations.newMigration(kit("orders"), Optional.empty(), "add_users", CLOCK);

    assertThat(file)
        .isEqualTo(repo.resolve("services/orders/migrations/20261123160509_add_users.sql"));
    assertThat(Files.readString(file))
        .startsWith("-- 20261123160509_add_users: ")
        .contains("ADD COLUMN IF NOT EXISTS")
        .contains("nullable, backfill")
        .contains("own transaction");
    assertThat(Files.readString(repo.resolve("services/orders/migrations/atlas.sum")))
        .contains("20261123160509_add_users.sql h1:");
    assertThat(Generator.forRepository(repo).check(kit("orders")).isEmpty()).isTrue();
  }

  @Test
  void newMigration_skeletonSaysEachFileRunsInItsOwnTransaction_whenTxModeFile()
      throws IOException {
    assertThat(skeleton(TxMode.FILE))
        .contains(
            "\n\n-- Atlas applies this file once, in its own transaction (Atlas runs with --tx-mode"
                + " file).\n")
        .contains(
            "--   - CREATE INDEX CONCURRENTLY cannot run in a transaction: put \"-- atlas:txmode none\""
                + " above the first line,\n");
  }

  @Test
  void newMigration_skeletonSaysThereIsNoTransactionAndNoDirectiveIsNeeded_whenTxModeNone()
      throws IOException {
    assertThat(skeleton(TxMode.NONE))
        .isEqualTo(
            """
            -- 20261123160509_add_users: say in one line what this migration does and why.

            -- Atlas applies this file once, without a transaction (Atlas runs with --tx-mode none): a statement that fails
            -- leaves the ones before it applied, so each must be safe to run again.
            -- Keep it safe on a live database (mvn kit:check and kit:verify lint for these):
            --   - make it idempotent: CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS;
            --   - add a column as nullable, backfill it, and only then make it NOT NULL;
            --   - once merged, never edit it: undo or fix it in a new migration (mvn kit:new-migration -Dkit.revert=<version>).
            -- Then run 'mvn kit:generate' to update atlas.sum and the migrations ConfigMap, and 'mvn kit:verify' to try it.
            """);
  }

  @Test
  void newMigration_skeletonSaysOneTransactionForAllAndAdvisesNoDirective_whenTxModeAll()
      throws IOException {
    assertThat(skeleton(TxMode.ALL))
        .isEqualTo(
            """
            -- 20261123160509_add_users: say in one line what this migration does and why.

            -- Atlas applies this file once, in one transaction with every other pending file (Atlas runs with --tx-mode all):
            -- a statement that fails rolls back all of them.
            -- Keep it safe on a live database (mvn kit:check and kit:verify lint for these):
            --   - make it idempotent: CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS;
            --   - add a column as nullable, backfill it, and only then make it NOT NULL;
            --   - CREATE INDEX CONCURRENTLY cannot run in a transaction, and Atlas refuses "-- atlas:txmode none" under
            --     --tx-mode all: set the service's tx mode to FILE first (migrations(m -> m.txMode(TxMode.FILE)));
            --   - once merged, never edit it: undo or fix it in a new migration (mvn kit:new-migration -Dkit.revert=<version>).
            -- Then run 'mvn kit:generate' to update atlas.sum and the migrations ConfigMap, and 'mvn kit:verify' to try it.
            """);
  }

  /** The skeleton kit:new-migration writes for a service whose migrations run with {@code mode}. */
  private String skeleton(TxMode mode) throws IOException {
    existing("orders", "20250101000000_init.sql");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders", s -> s.database(db -> db.storage("1Gi")).migrations(m -> m.txMode(mode)))
            .build();
    Path file =
        MigrationTool.forRepository(repo).newMigration(kit, Optional.empty(), "add_users", CLOCK);
    return Files.readString(file);
  }

  @Test
  void newMigration_createsTheFolder_forAServiceWithoutMigrationsYet() {
    Path file =
        MigrationTool.forRepository(repo)
            .newMigration(kit("orders"), Optional.empty(), "init", CLOCK);

    assertThat(file).exists().hasParent(repo.resolve("services/orders/migrations"));
    assertThat(repo.resolve("services/orders/manifests/migrations/job.yaml")).exists();
  }

  @Test
  void newMigration_rejectsUnsafeNames() throws IOException {
    existing("orders", "20250101000000_init.sql");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders"), Optional.empty(), "../Add Users", CLOCK))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "newMigration.name: \"../Add Users\" is not a safe migration name "
                + "(use lower-case letters, digits, '_' and '-', such as \"add_users\")");
    assertThat(repo.resolve("services/orders/migrations"))
        .isDirectoryNotContaining("glob:**Users*");
  }

  @Test
  void newMigration_asksForTheService_whenThereAreSeveral() throws IOException {
    existing("orders", "20250101000000_init.sql");
    existing("payments", "20250101000000_init.sql");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders", "payments"), Optional.empty(), "x", CLOCK))
        .hasMessageContaining(
            "newMigration.service: there are 2 services with migrations "
                + "(name one with -Dkit.service=<name> (one of [orders, payments]))");

    Path file =
        MigrationTool.forRepository(repo)
            .newMigration(kit("orders", "payments"), Optional.of("payments"), "x", CLOCK);
    assertThat(file)
        .hasFileName("20261123160509_x.sql")
        .hasParent(repo.resolve("services/payments/migrations"));
  }

  @Test
  void newMigration_neverOverwrites_whenTheVersionIsTaken() throws IOException {
    existing("orders", "20261123160509_add_users.sql");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders"), Optional.empty(), "add_users", CLOCK))
        .hasMessageContaining(
            "version 20261123160509 is already taken by 20261123160509_add_users.sql");
    assertThat(
            Files.readString(
                repo.resolve("services/orders/migrations/20261123160509_add_users.sql")))
        .isEqualTo("SELECT 1;\n");
  }

  @Test
  void newMigration_refuses_whenTheNewFileWouldSortBeforeTheNewest() throws IOException {
    existing("orders", "20300101000000_future.sql");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders"), Optional.empty(), "late", CLOCK))
        .hasMessageContaining(
            "the new file 20261123160509_late.sql would sort before 20300101000000_future.sql");
  }

  @Test
  void newMigration_namesTheVersionNotTheClock_whenTheNewestVersionIsNotANumber()
      throws IOException {
    existing("orders", "V1__init.sql");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders"), Optional.empty(), "add_users", CLOCK))
        .hasMessageContaining("services[orders].migrations.files[V1__init.sql]")
        .hasMessageContaining("version \"V1\" is not a number")
        .hasMessageContaining("'atlas migrate import'")
        .hasMessageNotContaining("check the clock");
    assertThat(repo.resolve("services/orders/migrations/20261123160509_add_users.sql"))
        .doesNotExist();
  }

  @Test
  void newMigration_namesTheWidth_whenTheNewestVersionIsAShorterNumber() throws IOException {
    existing("orders", "1_create.sql");
    existing("orders", "9_alter.sql");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders"), Optional.empty(), "add_users", CLOCK))
        .hasMessageContaining("services[orders].migrations.files[9_alter.sql]")
        .hasMessageContaining("version \"9\" is a 1-digit number, not a timestamp")
        .hasMessageNotContaining("check the clock");
  }

  @Test
  void lint_namesEverySkeletonStillWithoutSql_whenNotFilledIn() throws IOException {
    existing("orders", "20250101000000_init.sql");
    existing("payments", "20250101000000_init.sql");
    MigrationTool migrations = MigrationTool.forRepository(repo);
    Path orders =
        migrations.newMigration(
            kit("orders", "payments"), Optional.of("orders"), "add_users", CLOCK);
    Path payments =
        migrations.newMigration(
            kit("orders", "payments"), Optional.of("payments"), "add_iban", CLOCK);

    assertThatThrownBy(() -> migrations.lint(kit("orders", "payments"), LintSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "services/orders/migrations/"
                + orders.getFileName()
                + ": has no SQL statement, only comments: write "
                + "the migration's SQL, or delete the file (Atlas records an empty migration as applied, so SQL added to it "
                + "later would never run)\n"
                + "services/payments/migrations/"
                + payments.getFileName()
                + ": has no SQL statement, only comments: write "
                + "the migration's SQL, or delete the file (Atlas records an empty migration as applied, so SQL added to it "
                + "later would never run)");
  }

  @Test
  void newMigration_writesNothing_whenTheRegenerationMeetsAFileInTheWay() throws IOException {
    existing("orders", "20250101000000_init.sql");
    Path handWritten =
        Files.createDirectories(repo.resolve("services/orders/manifests/database"))
            .resolve("cluster.yaml");
    Files.writeString(handWritten, "kind: Cluster\n");

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit("orders"), Optional.empty(), "add_users", CLOCK))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining("services/orders/manifests/database/cluster.yaml exists without");

    try (Stream<Path> files = Files.list(repo.resolve("services/orders/migrations"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly("20250101000000_init.sql");
    }
  }

  @Test
  void newMigration_createsNoFolder_whenTheDescriptionIsInvalid() {
    Kit invalid =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi").instances(0)))
            .build();

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(invalid, Optional.empty(), "init", CLOCK))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining("services[orders].database.instances");

    assertThat(repo.resolve("services")).doesNotExist();
  }

  @Test
  void newMigration_writesTheMigrationAndItsAtlasSumInOneCommit() throws IOException {
    existing("orders", "20250101000000_init.sql");

    MigrationTool.forRepository(repo)
        .newMigration(kit("orders"), Optional.empty(), "add_users", CLOCK);

    assertThat(repo.resolve(".kit-journal")).doesNotExist();
    try (Stream<Path> files = Files.walk(repo)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".kit-tmp"))).isEmpty();
    }
    assertThat(Files.readString(repo.resolve("services/orders/migrations/atlas.sum")))
        .contains("20250101000000_init.sql h1:")
        .contains("20261123160509_add_users.sql h1:");
  }

  @Test
  void newMigration_writesTheGivenSqlAndNamesTheSourceInTheRegeneratedHeaders_whenSqlIsGiven()
      throws IOException {
    existing("orders", "20250101000000_init.sql");

    Path file =
        MigrationTool.forRepository(repo)
            .source("com.acme.shop.ShopServices")
            .newMigration(
                kit("orders"),
                Optional.empty(),
                "revert_20250101000000",
                "DROP TABLE IF EXISTS t;\n",
                CLOCK);

    assertThat(file).hasFileName("20261123160509_revert_20250101000000.sql");
    assertThat(Files.readString(file)).isEqualTo("DROP TABLE IF EXISTS t;\n");
    assertThat(Files.readString(repo.resolve("services/orders/migrations/atlas.sum")))
        .contains("20261123160509_revert_20250101000000.sql h1:");
    assertThat(Files.readString(repo.resolve("services/orders/application.yaml")))
        .startsWith("# Code generated by kit from com.acme.shop.ShopServices. DO NOT EDIT.");
  }

  @Test
  void histories_connectAsTheSourcesOwner_whenTheClusterWasRestoredFromAService()
      throws IOException {
    existing("orders-restore", "20250101000000_create.sql");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("orders", "orders_owner")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
            .build();

    List<ServiceMigrations> histories = MigrationTool.forRepository(repo).histories(kit);

    assertThat(histories)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.service()).isEqualTo("orders-restore");
              assertThat(h.label()).isEqualTo("services/orders-restore/migrations");
              assertThat(h.owner()).isEqualTo("orders_owner");
            });
  }

  @Test
  void histories_refuse_whenTheDescriptionIsInvalid() {
    Kit invalid =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi").instances(0)))
            .build();

    assertThatThrownBy(() -> MigrationTool.forRepository(repo).histories(invalid))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining("services[orders].database.instances");
  }
}
