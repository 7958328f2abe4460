package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.PostgresImages;
import dev.kit.model.Service;
import dev.kit.validate.KitValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MigrationVerification}: kit:verify over several services (each verified on its own, every
 * error naming its service), the note on a cluster image's other minor, and a revert migration
 * written and proved.
 */
class MigrationVerificationTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T16:05:09Z"), ZoneOffset.UTC);

  @TempDir Path repo;

  /** Services on PostgreSQL 17 that keep CNPG's default bootstrap database and owner, app/app. */
  private static Kit kit(String... services) {
    Kit.Builder kit =
        Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
    for (String service : services) {
      kit.service(service, s -> s.database(db -> db.postgresMajor(17).storage("1Gi")));
    }
    return kit.build();
  }

  private void migration(String service, String file, String sql) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/" + service + "/migrations"));
    Files.writeString(dir.resolve(file), sql);
  }

  @Test
  void verify_appliesEachHistoryOnItsOwnDatabase_whenTwoServicesOnOneMajorKeepTheDefaultDatabase()
      throws IOException {
    // The same table in both: in one shared database the second CREATE TABLE would fail.
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration(
        "payments",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY, iban text);\n");

    VerifyReport report =
        MigrationVerification.forRepository(repo)
            .verify(kit("orders", "payments"), TestPostgres.options());

    assertThat(report.failures()).isEmpty();
    assertThat(report.servers()).extracting(VerifyReport.Server::major).containsExactly(17);
    assertThat(report.services())
        .extracting(ServiceVerification::service)
        .containsExactly("orders", "payments");
    assertThat(report.services())
        .allSatisfy(
            s -> {
              assertThat(s.files()).isEqualTo(1);
              assertThat(s.statements()).isEqualTo(1);
            });
  }

  @Test
  void verify_runsOnTheClustersDatabase_whenTheDescriptionNamesItsDatabaseExtensionsAndSchemas()
      throws IOException {
    migration(
        "orders",
        "20250101000000_report.sql",
        "DO $$ BEGIN IF current_database() <> 'shop' THEN RAISE EXCEPTION 'on %', current_database();"
            + " END IF; END $$;\n"
            + "CREATE TABLE reporting.totals (id uuid PRIMARY KEY DEFAULT gen_random_uuid());\n");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(
                        db ->
                            db.postgresMajor(17)
                                .storage("1Gi")
                                .bootstrap("shop", "shop")
                                .extension("pgcrypto")
                                .schema("reporting")))
            .build();

    VerifyReport report =
        MigrationVerification.forRepository(repo).verify(kit, TestPostgres.options());

    assertThat(report.failures()).isEmpty();
    assertThat(report.services())
        .singleElement()
        .satisfies(s -> assertThat(s.statements()).isEqualTo(2));
  }

  @Test
  void verify_runsAPlanetScaleServicesMigrations_onAnEmbeddedPostgresOfItsMajor()
      throws IOException {
    migration(
        "inventory",
        "20250101000000_stock.sql",
        "CREATE TABLE stock (sku text PRIMARY KEY, quantity integer NOT NULL);\n");
    migration(
        "inventory", "20250102000000_typo.sql", "ALTER TABLE stok ADD COLUMN warehouse text;\n");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "inventory",
                s ->
                    s.database(
                        db ->
                            db.postgresMajor(17)
                                .planetScale(ps -> ps.organization("acme").database("shop"))))
            .build();

    VerifyReport report =
        MigrationVerification.forRepository(repo).verify(kit, TestPostgres.options());

    assertThat(report.servers()).extracting(VerifyReport.Server::major).containsExactly(17);
    assertThat(report.failures())
        .containsExactly(
            "services/inventory/migrations/20250102000000_typo.sql:1:1: ERROR: relation \"stok\" does not exist\n"
                + "  kit: in the statement at line 1: ALTER TABLE stok ADD COLUMN warehouse text;");
  }

  @Test
  void verify_namesTheFailingService_whenAnotherServiceOnTheSameServerPasses() throws IOException {
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration(
        "payments",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration("payments", "20250102000000_typo.sql", "ALTER TABLE acounts ADD COLUMN iban text;\n");

    VerifyReport report =
        MigrationVerification.forRepository(repo)
            .verify(kit("orders", "payments"), TestPostgres.options());

    assertThat(report.services())
        .extracting(ServiceVerification::passed)
        .containsExactly(true, false);
    assertThat(report.failures())
        .containsExactly(
            "services/payments/migrations/20250102000000_typo.sql:1:1: ERROR: relation \"acounts\" does not exist\n"
                + "  kit: in the statement at line 1: ALTER TABLE acounts ADD COLUMN iban text;");
  }

  @Test
  void verify_namesTheServices_whenTheirBinariesAreMissing(@TempDir Path nowhere)
      throws IOException {
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration(
        "payments",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");

    assertThatThrownBy(
            () ->
                MigrationVerification.forRepository(repo)
                    .verify(
                        kit("orders", "payments"),
                        VerifyOptions.of(PostgresBinaries.inDirectory(nowhere))
                            .withWorkDirectory(TestPostgres.workDirectory())))
        .isInstanceOfSatisfying(
            ServerStartException.class,
            e -> assertThat(e.services()).containsExactly("orders", "payments"))
        .hasMessageStartingWith("orders, payments: the PostgreSQL 17 binaries are missing (");
  }

  @Test
  void verify_namesTheServices_whenTheirServerDoesNotStart(@TempDir Path jars) throws IOException {
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    Path notBinaries = jars.resolve("not-binaries.jar");
    try (OutputStream out = Files.newOutputStream(notBinaries);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("README"));
    }

    assertThatThrownBy(
            () ->
                MigrationVerification.forRepository(repo)
                    .verify(
                        kit("orders"),
                        VerifyOptions.of(PostgresBinaries.of(major -> notBinaries))
                            .withWorkDirectory(TestPostgres.workDirectory())))
        .isInstanceOfSatisfying(
            ServerStartException.class, e -> assertThat(e.services()).containsExactly("orders"))
        .hasMessageStartingWith(
            "orders: PostgreSQL 17 did not start: " + notBinaries + " holds no PostgreSQL archive");
  }

  private static Service service(UnaryOperator<Database.Builder> db) {
    return Service.builder("orders").database(d -> db.apply(d.storage("1Gi"))).build();
  }

  @Test
  void minorNote_isEmpty_whenTheClusterRunsTheMinorKitVerified() {
    assertThat(MigrationVerification.minorNote(service(db -> db.postgresMajor(17)), "17.11"))
        .isEmpty();
    assertThat(
            MigrationVerification.minorNote(
                service(
                    db ->
                        db.imageName(
                            "ghcr.io/cloudnative-pg/postgresql:17.11-202608310816-standard-trixie")),
                "17.11"))
        .isEmpty();
  }

  @Test
  void minorNote_namesBothMinors_whenTheClusterImageRunsAnother() {
    assertThat(
            MigrationVerification.minorNote(
                service(
                    db ->
                        db.imageName(
                            "registry.acme.com/postgresql:17.4-standard-trixie@sha256:"
                                + "0123456789abcdef0123456789abcdef")),
                "17.11"))
        .contains(
            "orders: the cluster runs PostgreSQL 17.4 (registry.acme.com/postgresql:17.4-standard-trixie@sha256:"
                + "0123456789abcdef0123456789abcdef); kit:verify ran 17.11, the release it pins for PostgreSQL 17");
  }

  @Test
  void minorNote_saysTheTagNamesNoMinor_whenTheImageFollowsAMajor() {
    assertThat(
            MigrationVerification.minorNote(
                service(db -> db.imageName("localhost:5000/postgresql:17-standard-trixie")),
                "17.11"))
        .contains(
            "orders: the cluster's image localhost:5000/postgresql:17-standard-trixie names no minor release; "
                + "kit:verify ran 17.11, the release it pins for PostgreSQL 17");
  }

  @Test
  void verify_notesTheClusterMinor_whenTheImageRunsAnotherThanKitVerified() throws IOException {
    migration("orders", "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS t (id int);\n");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(
                        db ->
                            db.storage("1Gi")
                                .imageName(
                                    "ghcr.io/cloudnative-pg/postgresql:17.4-standard-trixie")))
            .build();

    VerifyReport report =
        MigrationVerification.forRepository(repo).verify(kit, TestPostgres.options());

    String ran = PostgresImages.minor(17).orElseThrow();
    assertThat(report.services())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.postgresVersion()).isEqualTo(ran);
              assertThat(v.notes())
                  .contains(
                      "orders: the cluster runs PostgreSQL 17.4 (ghcr.io/cloudnative-pg/postgresql:17.4-standard-trixie); "
                          + "kit:verify ran "
                          + ran
                          + ", the release it pins for PostgreSQL 17");
            });
  }

  @Test
  void revert_writesTheDownMigrationThatVerifyProves_whenTheVersionApplies() throws IOException {
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY);\n");
    migration(
        "orders",
        "20250102000000_iban.sql",
        "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS iban text;\n");
    MigrationVerification verification =
        MigrationVerification.forRepository(repo).source("MigrationVerificationTest");

    MigrationVerification.Revert revert =
        verification.revert(
            kit("orders"), Optional.empty(), "20250102000000", TestPostgres.options(), CLOCK);

    assertThat(revert.file())
        .isEqualTo(
            repo.resolve("services/orders/migrations/20261123160509_revert_20250102000000.sql"));
    assertThat(Files.readString(revert.file()))
        .isEqualTo(revert.down().sql())
        .startsWith("-- kit:revert 20250102000000\n")
        .contains("DROP COLUMN IF EXISTS iban");
    assertThat(Files.readString(repo.resolve("services/orders/migrations/atlas.sum")))
        .contains("20261123160509_revert_20250102000000.sql h1:");
    VerifyReport verified = verification.verify(kit("orders"), TestPostgres.options());
    assertThat(verified.failures()).isEmpty();
    assertThat(verified.services())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.notes())
                    .contains(
                        "services/orders/migrations/20261123160509_revert_20250102000000.sql restores the 1 catalog objects "
                            + "20250102000000_iban.sql changed"));
  }

  @Test
  void revert_namesTheVersions_whenNoMigrationHasTheOneGiven() throws IOException {
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY);\n");

    assertThatThrownBy(
            () ->
                MigrationVerification.forRepository(repo)
                    .revert(
                        kit("orders"),
                        Optional.empty(),
                        "20990101000000",
                        TestPostgres.options(),
                        CLOCK))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "newMigration.revert: there is no migration with version 20990101000000 in "
                + "services/orders/migrations (versions: [20250101000000]) (name the version of a migration of service "
                + "\"orders\" that applies)");
    try (Stream<Path> files = Files.list(repo.resolve("services/orders/migrations"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly("20250101000000_accounts.sql");
    }
  }

  @Test
  void revert_saysToMendTheMigration_whenTheHistoryUpToTheVersionDoesNotApply() throws IOException {
    migration(
        "orders",
        "20250101000000_accounts.sql",
        "CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY);\n");
    migration(
        "orders",
        "20250102000000_iban.sql",
        "ALTER TABLE acounts ADD COLUMN IF NOT EXISTS iban text;\n");

    assertThatThrownBy(
            () ->
                MigrationVerification.forRepository(repo)
                    .revert(
                        kit("orders"),
                        Optional.empty(),
                        "20250102000000",
                        TestPostgres.options(),
                        CLOCK))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "newMigration.revert: the history up to 20250102000000_iban.sql does not apply")
        .hasMessageContaining("acounts")
        .hasMessageContaining(
            "(mend the migration PostgreSQL refuses (mvn kit:verify runs the whole history of"
                + " service \"orders\" and names it), then derive the revert again)")
        .hasMessageNotContaining("that applies");
  }
}
