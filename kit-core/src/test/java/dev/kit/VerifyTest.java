package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.Kit;
import dev.kit.testing.TestPostgres;
import dev.kit.verify.PostgresBinaries;
import dev.kit.verify.ServiceVerification;
import dev.kit.verify.VerifyOptions;
import dev.kit.verify.VerifyReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Generator#verify} over several services: each is verified on its own, and every error names its service. */
class VerifyTest {

  @TempDir Path repo;

  /** Services on PostgreSQL 17 that keep CNPG's default bootstrap database and owner, app/app. */
  private static Kit kit(String... services) {
    Kit.Builder kit = Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
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
  void verify_appliesEachHistoryOnItsOwnDatabase_whenTwoServicesOnOneMajorKeepTheDefaultDatabase() throws IOException {
    // The same table in both: in one shared database the second CREATE TABLE would fail.
    migration("orders", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration("payments", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, iban text);\n");

    VerifyReport report = Generator.forRepository(repo).verify(kit("orders", "payments"), TestPostgres.options());

    assertThat(report.failures()).isEmpty();
    assertThat(report.servers()).extracting(VerifyReport.Server::major).containsExactly(17);
    assertThat(report.services()).extracting(ServiceVerification::service).containsExactly("orders", "payments");
    assertThat(report.services()).allSatisfy(s -> {
      assertThat(s.files()).isEqualTo(1);
      assertThat(s.statements()).isEqualTo(1);
    });
  }

  @Test
  void verify_namesTheFailingService_whenAnotherServiceOnTheSameServerPasses() throws IOException {
    migration("orders", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration("payments", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration("payments", "20250102000000_typo.sql", "ALTER TABLE acounts ADD COLUMN iban text;\n");

    VerifyReport report = Generator.forRepository(repo).verify(kit("orders", "payments"), TestPostgres.options());

    assertThat(report.services()).extracting(ServiceVerification::passed).containsExactly(true, false);
    assertThat(report.failures()).containsExactly(
        "services/payments/migrations/20250102000000_typo.sql:1:1: ERROR: relation \"acounts\" does not exist\n"
            + "  kit: in the statement at line 1: ALTER TABLE acounts ADD COLUMN iban text;");
  }

  @Test
  void verify_namesTheServices_whenTheirBinariesAreMissing(@TempDir Path nowhere) throws IOException {
    migration("orders", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    migration("payments", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");

    assertThatThrownBy(() -> Generator.forRepository(repo).verify(kit("orders", "payments"),
        VerifyOptions.of(PostgresBinaries.inDirectory(nowhere)).withWorkDirectory(TestPostgres.workDirectory())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("orders, payments: the PostgreSQL 17 binaries are missing (");
  }

  @Test
  void verify_namesTheServices_whenTheirServerDoesNotStart(@TempDir Path jars) throws IOException {
    migration("orders", "20250101000000_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
    Path notBinaries = jars.resolve("not-binaries.jar");
    try (OutputStream out = Files.newOutputStream(notBinaries); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("README"));
    }

    assertThatThrownBy(() -> Generator.forRepository(repo).verify(kit("orders"),
        VerifyOptions.of(PostgresBinaries.of(major -> notBinaries)).withWorkDirectory(TestPostgres.workDirectory())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("orders: PostgreSQL 17 did not start: " + notBinaries + " holds no PostgreSQL archive");
  }
}
