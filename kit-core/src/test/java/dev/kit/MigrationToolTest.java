package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.lint.LintSettings;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
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
