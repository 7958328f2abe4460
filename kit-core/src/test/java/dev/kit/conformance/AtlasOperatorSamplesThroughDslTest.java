package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The atlas-operator samples through the DSL. kit connects with {@code credentials} built from
 * CNPG's Secret and Service (the contract), where the samples use {@code urlFrom}; the
 * escape hatch swaps one for the other, and everything else must come out equal. kit also pins the
 * operator's dev database to the cluster's major ({@code devDB}, {@code devURL}), which the samples
 * leave to the operator's {@code postgres:latest}.
 */
class AtlasOperatorSamplesThroughDslTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path repo;

  private static JsonNode upstream(String file, String kind) throws IOException {
    try (MappingIterator<JsonNode> docs =
        YAML.readerFor(JsonNode.class)
            .readValues(
                TestData.resolve("conformance/upstream-samples/atlas-operator")
                    .resolve(file)
                    .toFile())) {
      for (JsonNode doc : docs.readAll()) {
        if (doc != null && kind.equals(doc.path("kind").asString())) {
          return doc;
        }
      }
    }
    throw new AssertionError("no " + kind + " in " + file);
  }

  private FilePlan plan(UnaryOperator<Service.Builder> service) {
    Kit kit =
        Kit.builder()
            .repository("upstream", r -> r.gitUrl("https://github.com/ariga/atlas-operator.git"))
            .service("sample", s -> service.apply(s.database(db -> db.storage("1Gi"))))
            .build();
    return Generator.forRepository(repo).plan(kit);
  }

  /** The migration directory the samples use, written from the sample ConfigMap's data. */
  private JsonNode writeSampleMigrations() throws IOException {
    JsonNode data = upstream("atlasmigration-configmap-dir.yaml", "ConfigMap").get("data");
    Path dir = Files.createDirectories(repo.resolve("services/sample/migrations"));
    for (var entry : data.properties()) {
      if (!entry.getKey().equals("atlas.sum")) {
        Files.writeString(
            dir.resolve(entry.getKey()), entry.getValue().asString(), StandardCharsets.UTF_8);
      }
    }
    return data;
  }

  @Test
  void migrationsConfigMap_carriesTheSampleDirectory_byteForByte() throws IOException {
    JsonNode sampleData = writeSampleMigrations();

    FilePlan plan = plan(s -> s.migrations(m -> m.engine(Migrations.Engine.OPERATOR)));

    JsonNode configMap =
        YAML.readTree(plan.text("services/sample/manifests/migrations/configmap.yaml"));
    assertThat(configMap.get("data")).isEqualTo(sampleData);
  }

  @Test
  void atlasMigration_reproducesTheConfigMapRefSample_withUrlFromThroughTheEscapeHatch()
      throws IOException {
    writeSampleMigrations();
    JsonNode sample = upstream("atlasmigration-configmapref.yaml", "AtlasMigration");

    FilePlan plan =
        plan(
            s ->
                s.migrations(m -> m.engine(Migrations.Engine.OPERATOR))
                    .patch(Patch.remove(Patch.Target.ATLAS_MIGRATION, "/spec/credentials"))
                    .patch(Patch.remove(Patch.Target.ATLAS_MIGRATION, "/spec/revisionsSchema"))
                    .patch(Patch.remove(Patch.Target.ATLAS_MIGRATION, "/spec/devDB"))
                    .patch(Patch.remove(Patch.Target.ATLAS_MIGRATION, "/spec/devURL"))
                    .patch(
                        Patch.set(
                            Patch.Target.ATLAS_MIGRATION,
                            "/spec/urlFrom",
                            Map.of("secretKeyRef", Map.of("key", "url", "name", "db-credentials"))))
                    .patch(
                        Patch.set(
                            Patch.Target.ATLAS_MIGRATION,
                            "/spec/dir/configMapRef/name",
                            "migration-dir")));

    JsonNode rendered =
        YAML.readTree(plan.text("services/sample/manifests/migrations/atlasmigration.yaml"));
    assertThat(rendered.get("spec")).isEqualTo(sample.get("spec"));
  }

  @Test
  void atlasMigration_setsBackoffLimit_onlyWhenTheDescriptionSetsOne() throws IOException {
    writeSampleMigrations();
    // Left out by default: the operator's own 20 retries outlast a database restart.
    JsonNode byDefault =
        YAML.readTree(
            plan(s -> s.migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
                .text("services/sample/manifests/migrations/atlasmigration.yaml"));
    JsonNode five =
        YAML.readTree(
            plan(s -> s.migrations(m -> m.engine(Migrations.Engine.OPERATOR).backoffLimit(5)))
                .text("services/sample/manifests/migrations/atlasmigration.yaml"));

    // Set to the Job's default, it is still the description's: 3, not the operator's 20.
    JsonNode three =
        YAML.readTree(
            plan(s -> s.migrations(m -> m.engine(Migrations.Engine.OPERATOR).backoffLimit(3)))
                .text("services/sample/manifests/migrations/atlasmigration.yaml"));

    assertThat(byDefault.path("spec").has("backoffLimit")).isFalse();
    assertThat(five.path("spec").path("backoffLimit").asInt()).isEqualTo(5);
    assertThat(three.path("spec").path("backoffLimit").asInt()).isEqualTo(3);
  }

  @Test
  void atlasMigration_connectsWithCnpgCredentials_byDefault() throws IOException {
    writeSampleMigrations();

    FilePlan plan = plan(s -> s.migrations(m -> m.engine(Migrations.Engine.OPERATOR)));
    JsonNode spec =
        YAML.readTree(plan.text("services/sample/manifests/migrations/atlasmigration.yaml"))
            .get("spec");

    assertThat(spec.at("/credentials/host").asString()).isEqualTo("sample-cluster-rw.sample");
    assertThat(spec.at("/credentials/passwordFrom/secretKeyRef/name").asString())
        .isEqualTo("sample-cluster-app");
    assertThat(spec.at("/credentials/passwordFrom/secretKeyRef/key").asString())
        .isEqualTo("password");
    assertThat(spec.at("/credentials/parameters/sslmode").asString()).isEqualTo("require");
    assertThat(spec.at("/dir/configMapRef/name").asString())
        .matches("sample-migrations-[0-9a-f]{10}")
        .isEqualTo(
            YAML.readTree(plan.text("services/sample/manifests/migrations/configmap.yaml"))
                .at("/metadata/name")
                .asString());
  }

  @Test
  void atlasSchema_reproducesTheSample_withUrlFromThroughTheEscapeHatch() throws IOException {
    JsonNode sample = upstream("atlasschema.yaml", "AtlasSchema");
    Files.createDirectories(repo.resolve("services/sample"));
    Files.writeString(
        repo.resolve("services/sample/schema.sql"),
        sample.at("/spec/schema/sql").asString(),
        StandardCharsets.UTF_8);

    FilePlan plan =
        plan(
            s ->
                s.declarativeSchema(DeclarativeSchema.of("schema.sql"))
                    .patch(Patch.remove(Patch.Target.ATLAS_SCHEMA, "/spec/credentials"))
                    .patch(Patch.remove(Patch.Target.ATLAS_SCHEMA, "/spec/devDB"))
                    .patch(Patch.remove(Patch.Target.ATLAS_SCHEMA, "/spec/devURL"))
                    .patch(
                        Patch.set(
                            Patch.Target.ATLAS_SCHEMA,
                            "/spec/urlFrom",
                            Map.of(
                                "secretKeyRef", Map.of("key", "url", "name", "db-credentials")))));

    JsonNode rendered =
        YAML.readTree(plan.text("services/sample/manifests/migrations/atlasschema.yaml"));
    assertThat(rendered.get("spec")).isEqualTo(sample.get("spec"));
  }

  /**
   * {@code atlasmigration-local.yaml} inlines the directory in {@code spec.dir.local}; kit always
   * ships SQL in ConfigMaps (reviewable files, several of them past 1 MiB), so that form is not
   * rendered: a pinned gap.
   */
  @Test
  void localDirSample_isNotRenderedByDesign() throws IOException {
    writeSampleMigrations();
    assertThat(upstream("atlasmigration-local.yaml", "AtlasMigration").at("/spec/dir").has("local"))
        .isTrue();

    JsonNode dir =
        YAML.readTree(
                plan(s -> s.migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
                    .text("services/sample/manifests/migrations/atlasmigration.yaml"))
            .at("/spec/dir");

    assertThat(dir.propertyNames()).containsExactly("configMapRef");
  }
}
