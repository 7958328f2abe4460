package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.TxMode;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Atlas Job runs {@code atlas migrate apply --env k8s} from the {@code atlas.hcl} kit ships in
 * the migrations ConfigMap, so the database URL (and its password) reaches Atlas through the
 * environment, never through argv.
 */
class MigrationJobTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String BASE = "services/orders/";
  private static final String SQL = "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n";

  @TempDir Path repo;

  private FilePlan plan(UnaryOperator<Migrations.Builder> migrations) throws IOException {
    return plan(db -> db, migrations);
  }

  @Test
  void job_allowsADirtyFirstRun_whenTheCnpgDatabaseCreatesSchemasOrExtensionsFirst()
      throws IOException {
    assertThat(args(yaml(plan(db -> db.schema("reporting"), m -> m), JOB)))
        .endsWith("--allow-dirty");
    assertThat(args(yaml(plan(db -> db.extension("vector"), m -> m), JOB)))
        .endsWith("--allow-dirty");
    // A baseline passes Atlas's check on its own; without anything created first, the check stays.
    assertThat(
            args(yaml(plan(db -> db.schema("reporting"), m -> m.baseline("20250101120000")), JOB)))
        .doesNotContain("--allow-dirty");
    assertThat(args(yaml(plan(m -> m), JOB))).doesNotContain("--allow-dirty");
  }

  private static final String JOB = "manifests/migrations/job.yaml";

  private FilePlan plan(
      UnaryOperator<Database.Builder> database, UnaryOperator<Migrations.Builder> migrations)
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(dir.resolve("20250101120000_init.sql"), SQL);
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(db -> database.apply(db.storage("1Gi").postgresMajor(16)))
                        .migrations(migrations))
            .build();
    return Generator.forRepository(repo).source("test").plan(kit);
  }

  private static JsonNode yaml(FilePlan plan, String path) {
    return YAML.readTree(plan.text(BASE + path));
  }

  private static List<String> args(JsonNode job) {
    List<String> args = new ArrayList<>();
    job.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asString()));
    return args;
  }

  private static JsonNode env(JsonNode job, String name) {
    for (JsonNode env : job.at("/spec/template/spec/containers/0/env")) {
      if (env.path("name").asString().equals(name)) {
        return env;
      }
    }
    return MissingNode.getInstance();
  }

  @Test
  void job_runsTheK8sEnvOfTheShippedProjectFile_withNoUrlInItsArguments() throws IOException {
    JsonNode job = yaml(plan(m -> m), "manifests/migrations/job.yaml");

    // kubelet expands $(VAR) in args into the process's command line, readable in
    // /proc/<pid>/cmdline.
    assertThat(args(job))
        .containsExactly(
            "migrate", "apply", "--env", "k8s", "--config", "file:///migrations/atlas.hcl");
    assertThat(String.join(" ", args(job))).doesNotContain("$(", "DATABASE_URL", "--url");
    assertThat(env(job, "DATABASE_URL").at("/valueFrom/secretKeyRef"))
        .isEqualTo(YAML.readTree("{name: orders-cluster-app, key: uri}"));
  }

  @Test
  void job_turnsOffAtlasUpdateCheck_always() throws IOException {
    JsonNode job = yaml(plan(m -> m), "manifests/migrations/job.yaml");

    // Atlas's main skips the vercheck.ariga.io request when this variable is non-empty
    // (cmd/atlas/main.go).
    assertThat(env(job, "ATLAS_NO_UPDATE_NOTIFIER"))
        .isEqualTo(YAML.readTree("{name: ATLAS_NO_UPDATE_NOTIFIER, value: '1'}"));
  }

  @Test
  void job_keepsTheTxModeFlag_whenSet_becauseAtlasHclHasNoPlaceForIt() throws IOException {
    JsonNode job =
        yaml(
            plan(m -> m.txMode(TxMode.ALL).baseline("20250101120000")),
            "manifests/migrations/job.yaml");

    assertThat(args(job))
        .containsExactly(
            "migrate",
            "apply",
            "--env",
            "k8s",
            "--config",
            "file:///migrations/atlas.hcl",
            "--tx-mode",
            "all");
  }

  @Test
  void projectFile_k8sEnv_carriesWhatTheFlagsCarried_andReadsTheUrlFromTheEnvironment()
      throws IOException {
    String hcl =
        plan(m -> m.revisionsSchema("ops").baseline("20250101120000")).text(BASE + "atlas.hcl");
    String k8s = hcl.substring(hcl.indexOf("env \"k8s\""));

    assertThat(k8s)
        .contains(
            "url = \"${getenv(\"DATABASE_URL\")}?sslmode=verify-full&sslrootcert=/etc/kit/db-ca/ca.crt\"",
            "dir              = \"file:///migrations\"",
            "revisions_schema = \"ops\"",
            "baseline         = \"20250101120000\"");
  }

  @Test
  void configMap_shipsAtlasHcl_byteIdenticalToTheRenderedProjectFile() throws IOException {
    FilePlan plan = plan(m -> m.txMode(TxMode.NONE));
    JsonNode configMap = yaml(plan, "manifests/migrations/configmap.yaml");

    String shipped = configMap.at("/data/atlas.hcl").asString();
    assertThat(shipped).isEqualTo(plan.text(BASE + "atlas.hcl"));
    assertThat(shipped.getBytes(StandardCharsets.UTF_8))
        .isEqualTo(plan.content(BASE + "atlas.hcl"));
    JsonNode job = yaml(plan, "manifests/migrations/job.yaml");
    assertThat(job.at("/spec/template/spec/containers/0/volumeMounts/0/mountPath").asString())
        .isEqualTo("/migrations");
  }

  @Test
  void configMaps_countAtlasHclAgainstTheBudget_whenTheHistoryFillsTheFirstConfigMap()
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    // Two files that, with atlas.sum, leave less room in the first ConfigMap than atlas.hcl needs.
    String first = "20250101120000_a.sql";
    String second = "20250102120000_b.sql";
    int sumBytes =
        200; // atlas.sum for two files: one total line and one line per file, well under this
    int firstSize = MigrationDirectory.CONFIGMAP_BUDGET_BYTES / 2;
    int secondSize =
        MigrationDirectory.CONFIGMAP_BUDGET_BYTES
            - firstSize
            - first.length()
            - second.length()
            - sumBytes;
    Files.writeString(dir.resolve(first), "-- a\n" + "x".repeat(firstSize - 6) + "\n");
    Files.writeString(dir.resolve(second), "-- b\n" + "y".repeat(secondSize - 6) + "\n");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    FilePlan plan = Generator.forRepository(repo).source("test").plan(kit);

    List<String> keys = new ArrayList<>();
    for (String path :
        plan.paths().stream().filter(p -> p.contains("/manifests/migrations/configmap")).toList()) {
      JsonNode data = YAML.readTree(plan.text(path)).path("data");
      long payload = 0;
      for (var entry : data.properties()) {
        payload +=
            entry.getKey().length()
                + entry.getValue().asString().getBytes(StandardCharsets.UTF_8).length;
        keys.add(entry.getKey());
      }
      assertThat(payload)
          .as("keys + values of %s", path)
          .isLessThanOrEqualTo(MigrationDirectory.CONFIGMAP_BUDGET_BYTES);
    }
    assertThat(keys).containsExactlyInAnyOrder("atlas.hcl", "atlas.sum", first, second);
  }
}
