package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.model.PostgresImages;
import dev.kit.model.S3Credentials;
import dev.kit.testing.TestPostgres;
import dev.kit.verify.ServiceMigrations;
import dev.kit.verify.VerifyOptions;
import dev.kit.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationChecksTest {

  @Test
  void histories_connectAsTheSourcesOwner_whenTheClusterWasRestoredFromAService(@TempDir Path root) throws IOException {
    Path migrations = Files.createDirectories(root.resolve("services/orders-restore/migrations"));
    Files.writeString(migrations.resolve("20250101000000_create.sql"), "CREATE TABLE IF NOT EXISTS t (id int);\n");
    Kit kit = Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi").bootstrap("orders", "orders_owner")
            .backups("s3://acme-backups/orders/", b -> b.credentials(S3Credentials.fromSecret("s3", "ID", "KEY")))))
        .service("orders-restore", s -> s.namespace("orders").database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
        .build();

    List<ServiceMigrations> histories = MigrationChecks.histories(kit, dev.kit.plan.RepositoryRoot.of(root));

    assertThat(histories).singleElement().satisfies(h -> {
      assertThat(h.owner()).isEqualTo("orders_owner");
    });
  }

  private static dev.kit.model.Service service(java.util.function.UnaryOperator<dev.kit.model.Database.Builder> db) {
    return dev.kit.model.Service.builder("orders").database(d -> db.apply(d.storage("1Gi"))).build();
  }

  @Test
  void minorNote_isEmpty_whenTheClusterRunsTheMinorKitVerified() {
    assertThat(MigrationChecks.minorNote(service(db -> db.postgresMajor(17)), "17.11")).isEmpty();
    assertThat(MigrationChecks.minorNote(service(db -> db.imageName("ghcr.io/cloudnative-pg/postgresql:17.11-202608310816-standard-trixie")),
        "17.11")).isEmpty();
  }

  @Test
  void minorNote_namesBothMinors_whenTheClusterImageRunsAnother() {
    assertThat(MigrationChecks.minorNote(service(db -> db.imageName("registry.acme.com/postgresql:17.4-standard-trixie@sha256:"
        + "0123456789abcdef0123456789abcdef")), "17.11")).contains(
        "orders: the cluster runs PostgreSQL 17.4 (registry.acme.com/postgresql:17.4-standard-trixie@sha256:"
            + "0123456789abcdef0123456789abcdef); kit:verify ran 17.11, the release it pins for PostgreSQL 17");
  }

  @Test
  void minorNote_saysTheTagNamesNoMinor_whenTheImageFollowsAMajor() {
    assertThat(MigrationChecks.minorNote(service(db -> db.imageName("localhost:5000/postgresql:17-standard-trixie")), "17.11")).contains(
        "orders: the cluster's image localhost:5000/postgresql:17-standard-trixie names no minor release; "
            + "kit:verify ran 17.11, the release it pins for PostgreSQL 17");
  }

  @Test
  void verify_notesTheClusterMinor_whenTheImageRunsAnotherThanKitVerified(@TempDir Path root) throws IOException {
    Path migrations = Files.createDirectories(root.resolve("services/orders/migrations"));
    Files.writeString(migrations.resolve("20250101000000_create.sql"), "CREATE TABLE IF NOT EXISTS t (id int);\n");
    Kit kit = Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> s.database(db -> db.storage("1Gi").imageName("ghcr.io/cloudnative-pg/postgresql:17.4-standard-trixie")))
        .build();

    VerifyReport report = Generator.forRepository(root)
        .verify(kit, VerifyOptions.of(TestPostgres.binaries()).withWorkDirectory(TestPostgres.workDirectory()));

    String ran = PostgresImages.minor(17).orElseThrow();
    assertThat(report.services()).singleElement().satisfies(v -> {
      assertThat(v.postgresVersion()).isEqualTo(ran);
      assertThat(v.notes()).contains("orders: the cluster runs PostgreSQL 17.4 (ghcr.io/cloudnative-pg/postgresql:17.4-standard-trixie); "
          + "kit:verify ran " + ran + ", the release it pins for PostgreSQL 17");
    });
  }
}
