package dev.kit.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitInputsTest {

  @TempDir Path repo;

  private static Kit.Builder shop() {
    return Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
  }

  private void write(String path, String content) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void read_readsMigrationsAndSchema_fromTheServiceFolders() throws IOException {
    write("services/orders/db/20250101120000_init.sql", "CREATE TABLE t (id int);\n");
    write("services/catalog/schema.sql", "CREATE TABLE c (id int);\n");
    Kit kit =
        shop()
            .service(
                "orders",
                s -> s.database(db -> db.storage("1Gi")).migrations(m -> m.directory("db")))
            .service(
                "catalog",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .declarativeSchema(DeclarativeSchema.of("schema.sql")))
            .build();

    KitInputs inputs = KitInputs.read(RepositoryRoot.of(repo), kit);

    assertThat(inputs.migrations("orders"))
        .get()
        .extracting(dir -> dir.files().get(0).name())
        .isEqualTo("20250101120000_init.sql");
    assertThat(inputs.schema("catalog")).contains("CREATE TABLE c (id int);\n");
    assertThat(inputs.migrations("catalog")).isEmpty();
    assertThat(inputs.problems()).isEmpty();
  }

  @Test
  void read_readsNothing_whenANameOrAFolderWouldLeaveTheServiceFolder() throws IOException {
    write("evil/migrations/20250101120000_init.sql", "DROP TABLE t;\n");
    write("services/x/20250101120000_init.sql", "DROP TABLE t;\n");
    Kit kit =
        shop()
            .service("../evil", s -> s.database(db -> db.storage("1Gi")))
            .service(
                "orders",
                s -> s.database(db -> db.storage("1Gi")).migrations(m -> m.directory("../x")))
            .build();

    KitInputs inputs = KitInputs.read(RepositoryRoot.of(repo), kit);

    assertThat(inputs.migrations("../evil")).isEmpty();
    assertThat(inputs.migrations("orders")).isEmpty();
  }

  @Test
  void release_letsGoOfAServicesMigrations_onceRendered() throws IOException {
    write("services/orders/migrations/20250101120000_init.sql", "CREATE TABLE t (id int);\n");
    Kit kit = shop().service("orders", s -> s.database(db -> db.storage("1Gi"))).build();
    KitInputs inputs = KitInputs.read(RepositoryRoot.of(repo), kit);

    inputs.release("orders");

    assertThat(inputs.migrations("orders")).isEmpty();
  }
}
