package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.validate.KitValidationException;
import dev.kit.write.KitWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kit's link policy: reads follow links only inside the repository, writes never go through a link.
 */
class RepositoryLinksTest {

  private static final String INIT = "20250101000000_init.sql";

  @TempDir Path temp;
  private Path repo;
  private Path outside;

  @BeforeEach
  void folders() throws IOException {
    repo = Files.createDirectories(temp.resolve("repo"));
    outside = Files.createDirectories(temp.resolve("outside"));
  }

  private static Kit kit() {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> s.database(db -> db.storage("1Gi")))
        .build();
  }

  private static Path sql(Path dir, String name) throws IOException {
    return Files.writeString(
        Files.createDirectories(dir).resolve(name), "CREATE TABLE t (id int);\n");
  }

  private List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void generate_refusesAndWritesNothing_whenTheMigrationsFolderLinksOutsideTheRepository()
      throws IOException {
    sql(outside.resolve("migrations"), INIT);
    Files.createDirectories(repo.resolve("services/orders"));
    Files.createSymbolicLink(
        repo.resolve("services/orders/migrations"), outside.resolve("migrations"));

    assertThatThrownBy(() -> Generator.forRepository(repo).generate(kit()))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services[orders].migrations.directory: services/orders/migrations is a symbolic link to "
                + outside.resolve("migrations")
                + ", outside the repository (kit reads and writes only inside the repository: "
                + "replace the link with the file or folder itself)");

    assertThat(filesIn(outside)).containsExactly(outside.resolve("migrations/" + INIT));
    assertThat(repo.resolve("services/orders/manifests")).doesNotExist();
  }

  @Test
  void generate_refusesAndWritesNothing_whenAServiceFolderLinksOutsideTheRepository()
      throws IOException {
    sql(outside.resolve("orders/migrations"), INIT);
    Files.createDirectories(repo.resolve("services"));
    Files.createSymbolicLink(repo.resolve("services/orders"), outside.resolve("orders"));

    assertThatThrownBy(() -> Generator.forRepository(repo).generate(kit()))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services[orders].migrations.directory: services/orders is a symbolic link to "
                + outside.resolve("orders")
                + ", outside the repository");

    assertThat(filesIn(outside))
        .as("no RUNBOOK.md, atlas.sum or manifest written there")
        .containsExactly(outside.resolve("orders/migrations/" + INIT));
  }

  @Test
  void generate_refuses_whenAMigrationFileLinksOutsideTheRepository() throws IOException {
    Path secret = sql(outside, "secret.sql");
    sql(repo.resolve("services/orders/migrations"), INIT);
    Files.createSymbolicLink(
        repo.resolve("services/orders/migrations/20250102000000_more.sql"), secret);

    assertThatThrownBy(() -> Generator.forRepository(repo).generate(kit()))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services[orders].migrations.files[20250102000000_more.sql]: "
                + "services/orders/migrations/20250102000000_more.sql is a symbolic link to "
                + secret
                + ", outside the repository");
    assertThat(repo.resolve("services/orders/migrations/atlas.sum")).doesNotExist();
  }

  @Test
  void generate_reportsADanglingMigrationLink_insteadOfDroppingTheMigration() throws IOException {
    sql(repo.resolve("services/orders/migrations"), INIT);
    Files.createSymbolicLink(
        repo.resolve("services/orders/migrations/20250102000000_more.sql"), Path.of("gone.sql"));

    assertThatThrownBy(() -> Generator.forRepository(repo).generate(kit()))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services[orders].migrations.files[20250102000000_more.sql]: "
                + "services/orders/migrations/20250102000000_more.sql is a symbolic link to gone.sql, which does not exist "
                + "(restore what it points to, or delete the link)");
    assertThat(repo.resolve("services/orders/migrations/atlas.sum")).doesNotExist();
  }

  @Test
  void generate_readsAMigrationLinkedInsideTheRepository() throws IOException {
    sql(repo.resolve("services/orders/migrations"), INIT);
    Path common = sql(repo.resolve("common"), "20250102000000_audit.sql");
    Files.createSymbolicLink(
        repo.resolve("services/orders/migrations/20250102000000_audit.sql"),
        Path.of("../../../common/20250102000000_audit.sql"));

    Generator.forRepository(repo).generate(kit());

    assertThat(Files.readString(repo.resolve("services/orders/migrations/atlas.sum")))
        .contains("20250102000000_audit.sql h1:");
    assertThat(
            Files.isSymbolicLink(
                repo.resolve("services/orders/migrations/20250102000000_audit.sql")))
        .isTrue();
    assertThat(common).hasContent("CREATE TABLE t (id int);");
  }

  @Test
  void generate_neverWritesThroughALink_evenOneThatStaysInsideTheRepository() throws IOException {
    sql(repo.resolve("services/orders/migrations"), INIT);
    Files.createDirectories(repo.resolve("elsewhere"));
    Files.createSymbolicLink(repo.resolve("services/orders/manifests"), Path.of("../../elsewhere"));

    assertThatThrownBy(() -> Generator.forRepository(repo).generate(kit()))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/orders/manifests/database/cluster.yaml cannot be written: services/orders/manifests "
                + "is a symbolic link (to ../../elsewhere), and kit never writes through a link; replace it with a real folder");

    assertThat(repo.resolve("elsewhere")).isEmptyDirectory();
    assertThat(repo.resolve("services/orders/RUNBOOK.md")).doesNotExist();
  }

  @Test
  void generate_refusesAServiceFolderLink_whenTheCacheWouldSkipTheService() throws IOException {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")).withoutMigrations())
            .build();
    Generator cached = Generator.forRepository(repo).cache(temp.resolve("cache"));
    cached.generate(kit);
    Files.move(repo.resolve("services/orders"), outside.resolve("orders"));
    Files.createSymbolicLink(repo.resolve("services/orders"), outside.resolve("orders"));

    assertThatThrownBy(() -> cached.generate(kit))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/orders/RUNBOOK.md cannot be written: services/orders is a symbolic link");
  }

  @Test
  void generate_refuses_whenTheDeclarativeSchemaLinksOutsideTheRepository() throws IOException {
    Path schema = sql(outside, "schema.sql");
    Files.createDirectories(repo.resolve("services/orders"));
    Files.createSymbolicLink(repo.resolve("services/orders/schema.sql"), schema);
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .withoutMigrations()
                        .declarativeSchema(DeclarativeSchema.of("schema.sql")))
            .build();

    assertThatThrownBy(() -> Generator.forRepository(repo).generate(kit))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services[orders].declarativeSchema.file: services/orders/schema.sql is a symbolic link to "
                + schema
                + ", outside the repository");
  }

  @Test
  void newMigration_writesNothingOutside_whenTheMigrationsFolderLinksOutsideTheRepository()
      throws IOException {
    sql(outside.resolve("migrations"), INIT);
    Files.createDirectories(repo.resolve("services/orders"));
    Files.createSymbolicLink(
        repo.resolve("services/orders/migrations"), outside.resolve("migrations"));
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    assertThatThrownBy(
            () ->
                MigrationTool.forRepository(repo)
                    .newMigration(kit(), Optional.empty(), "add_users", clock))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services/orders/migrations is a symbolic link to " + outside.resolve("migrations"));

    assertThat(filesIn(outside)).containsExactly(outside.resolve("migrations/" + INIT));
  }

  @Test
  void check_refuses_whenTheMigrationsFolderLinksOutsideTheRepository() throws IOException {
    sql(outside.resolve("migrations"), INIT);
    Files.createDirectories(repo.resolve("services/orders"));
    Files.createSymbolicLink(
        repo.resolve("services/orders/migrations"), outside.resolve("migrations"));

    assertThatThrownBy(() -> Generator.forRepository(repo).check(kit()))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "services/orders/migrations is a symbolic link to " + outside.resolve("migrations"));
  }
}
