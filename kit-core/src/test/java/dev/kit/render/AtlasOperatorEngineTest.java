package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Atlas operator path: its dev database runs the cluster's PostgreSQL major, and the
 * AtlasMigration names a ConfigMap that changes with the migrations, so a stale {@code Ready=True}
 * cannot pass the sync wave.
 */
class AtlasOperatorEngineTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String INIT = "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n";

  @TempDir Path repo;

  private FilePlan plan(String service, int major, String... migrations) throws IOException {
    Path dir =
        Files.createDirectories(repo.resolve("services").resolve(service).resolve("migrations"));
    try (var old = Files.list(dir)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    for (int i = 0; i < migrations.length; i++) {
      Files.writeString(dir.resolve("2025010112000" + i + "_m" + i + ".sql"), migrations[i]);
    }
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                service,
                s ->
                    s.database(db -> db.storage("1Gi").postgresMajor(major))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .build();
    return Generator.forRepository(repo).source("test").plan(kit);
  }

  private static JsonNode yaml(FilePlan plan, String service, String file) {
    return YAML.readTree(plan.text("services/" + service + "/manifests/" + file));
  }

  @Test
  void atlasMigration_runsItsDevDatabaseOnTheClustersMajor_notPostgresLatest() throws IOException {
    JsonNode migration = yaml(plan("orders", 16, INIT), "orders", "migrations/atlasmigration.yaml");

    JsonNode container = migration.at("/spec/devDB/spec/containers/0");
    assertThat(container.path("image").asString()).isEqualTo("postgres:16");
    // The operator swaps the host for the dev pod's IP; a custom devDB needs the URL
    // (atlas-operator devdb.go).
    assertThat(migration.at("/spec/devURL").asString())
        .isEqualTo("postgres://postgres@localhost:5432/postgres?sslmode=disable");
  }

  @Test
  void atlasSchema_runsItsDevDatabaseOnTheClustersMajor() throws IOException {
    Files.createDirectories(repo.resolve("services/catalog"));
    Files.writeString(repo.resolve("services/catalog/schema.sql"), INIT);
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "catalog",
                s ->
                    s.database(db -> db.storage("1Gi").postgresMajor(18))
                        .declarativeSchema(DeclarativeSchema.of("schema.sql")))
            .build();

    JsonNode schema =
        yaml(
            Generator.forRepository(repo).source("test").plan(kit),
            "catalog",
            "migrations/atlasschema.yaml");

    assertThat(schema.at("/spec/devDB/spec/containers/0/image").asString())
        .isEqualTo("postgres:18");
    assertThat(schema.at("/spec/devURL").asString())
        .isEqualTo("postgres://postgres@localhost:5432/postgres?sslmode=disable");
  }

  @Test
  void atlasMigration_namesAnotherConfigMap_whenOnlyTheMigrationsChange() throws IOException {
    FilePlan before = plan("orders", 17, INIT);
    FilePlan after =
        plan("orders", 17, INIT, "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;\n");

    String beforeName =
        yaml(before, "orders", "migrations/atlasmigration.yaml")
            .at("/spec/dir/configMapRef/name")
            .asString();
    String afterName =
        yaml(after, "orders", "migrations/atlasmigration.yaml")
            .at("/spec/dir/configMapRef/name")
            .asString();

    assertThat(beforeName).matches("orders-migrations-[0-9a-f]{10}");
    assertThat(afterName).matches("orders-migrations-[0-9a-f]{10}").isNotEqualTo(beforeName);
    assertThat(yaml(after, "orders", "migrations/configmap.yaml").at("/metadata/name").asString())
        .isEqualTo(afterName);
    assertThat(
            plan("orders", 17, INIT)
                .text("services/orders/manifests/migrations/atlasmigration.yaml"))
        .as("same migrations, same name")
        .contains(beforeName);
  }

  @Test
  void runbook_citesTheContentAddressedConfigMap_andTheDevDatabaseImage() throws IOException {
    FilePlan plan = plan("orders", 15, INIT);
    String name = yaml(plan, "orders", "migrations/configmap.yaml").at("/metadata/name").asString();

    assertThat(plan.text("services/orders/RUNBOOK.md"))
        .contains("ConfigMap `" + name + "`")
        .doesNotContain("ConfigMap `orders-migrations`")
        .contains("image `postgres:15`");
  }

  @Test
  void contentAddressedConfigMap_isPrunedOnlyAfterTheSync_soTheOldAtlasMigrationKeepsItsDirectory()
      throws IOException {
    JsonNode configMap = yaml(plan("orders", 17, INIT), "orders", "migrations/configmap.yaml");

    // Pruned in its own wave (-2), the old ConfigMap would vanish while the old AtlasMigration
    // still reads it.
    assertThat(
            configMap
                .at("/metadata/annotations")
                .path("argocd.argoproj.io/sync-options")
                .asString()
                .split(","))
        .contains("PruneLast=true", "ServerSideApply=true");
  }

  @Test
  void contentAddressedConfigMap_hasAValidName_forTheLongestServiceName() throws IOException {
    String longest =
        "s".repeat(63 - "-migrate".length()); // the Job's name, <service>-migrate, is a label
    Path dir =
        Files.createDirectories(repo.resolve("services").resolve(longest).resolve("migrations"));
    Files.writeString(dir.resolve("20250101120000_init.sql"), INIT);
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                longest,
                s ->
                    s.database(db -> db.clusterName("db").storage("1Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .build();

    FilePlan plan = Generator.forRepository(repo).source("test").plan(kit);

    String name = yaml(plan, longest, "migrations/configmap.yaml").at("/metadata/name").asString();

    assertThat(name).hasSizeLessThanOrEqualTo(253).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void jobEngine_keepsItsFixedConfigMapName_becauseTheHookJobIsRecreatedOnEverySync()
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(dir.resolve("20250101120000_init.sql"), INIT);
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    FilePlan plan = Generator.forRepository(repo).source("test").plan(kit);

    assertThat(yaml(plan, "orders", "migrations/configmap.yaml").at("/metadata/name").asString())
        .isEqualTo("orders-migrations");
  }
}
