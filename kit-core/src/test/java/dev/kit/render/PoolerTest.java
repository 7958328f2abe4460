package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.App;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * PgBouncer presents the cluster's server certificate (CNPG: the Pooler's client TLS defaults to
 * the cluster's server TLS Secret), so the pooler's Service names go into that certificate and the
 * app verifies it like the direct path; the Poolers sit in the database's wave, not in the
 * migration hook's.
 */
class PoolerTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path repo;

  private FilePlan plan(boolean readOnly, App.Connection connection) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(
        dir.resolve("20250101120000_init.sql"),
        "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n");
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.namespace("shop")
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .instances(2)
                                    .pooler(
                                        p ->
                                            p.instances(2)
                                                .poolMode(Pooler.PoolMode.TRANSACTION)
                                                .readOnly(readOnly)))
                        .app("ghcr.io/acme/orders:1.4.2", a -> a.connection(connection)))
            .build();
    return Generator.forRepository(repo).source("test").plan(kit);
  }

  private static JsonNode yaml(FilePlan plan, String file) {
    return YAML.readTree(plan.text("services/orders/manifests/" + file));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  private static JsonNode env(JsonNode deployment, String name) {
    for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
      if (env.path("name").asString().equals(name)) {
        return env;
      }
    }
    return MissingNode.getInstance();
  }

  @Test
  void cluster_putsEveryPoolerServiceNameInItsServerCertificate_whenTheDatabaseHasPoolers()
      throws IOException {
    JsonNode cluster = yaml(plan(true, App.Connection.POOLER), "database/cluster.yaml");

    // The names CNPG gives its own -rw/-ro/-r Services, with its default cluster domain, for each
    // Pooler's Service (named like the Pooler).
    assertThat(strings(cluster.at("/spec/certificates/serverAltDNSNames")))
        .containsExactly(
            "orders-cluster-pooler-rw",
            "orders-cluster-pooler-rw.shop",
            "orders-cluster-pooler-rw.shop.svc",
            "orders-cluster-pooler-rw.shop.svc.cluster.local",
            "orders-cluster-pooler-ro",
            "orders-cluster-pooler-ro.shop",
            "orders-cluster-pooler-ro.shop.svc",
            "orders-cluster-pooler-ro.shop.svc.cluster.local");
  }

  @Test
  void cluster_addsNoCertificateNames_whenTheDatabaseHasNoPooler() throws IOException {
    Files.createDirectories(repo.resolve("services/orders"));
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    JsonNode cluster =
        yaml(Generator.forRepository(repo).source("test").plan(kit), "database/cluster.yaml");

    assertThat(cluster.at("/spec").has("certificates")).isFalse();
  }

  @Test
  void app_verifiesThePoolersCertificateAgainstTheClusterCa_whenConnectingThroughThePooler()
      throws IOException {
    FilePlan plan = plan(false, App.Connection.POOLER);
    JsonNode deployment = yaml(plan, "app/deployment.yaml");
    JsonNode cluster = yaml(plan, "database/cluster.yaml");

    assertThat(env(deployment, "PGSSLMODE").path("value").asString()).isEqualTo("verify-full");
    assertThat(env(deployment, "PGSSLROOTCERT").path("value").asString())
        .isEqualTo("/etc/kit/db-ca/ca.crt");
    // verify-full checks the host name: the one the app dials must be in the certificate.
    assertThat(strings(cluster.at("/spec/certificates/serverAltDNSNames")))
        .contains(env(deployment, "PGHOST").path("value").asString());
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(pod.at("/volumes"))
        .anySatisfy(
            volume ->
                assertThat(volume.path("secret"))
                    .isEqualTo(
                        YAML.readTree(
                            "{secretName: orders-cluster-ca, items: [{key: ca.crt, path: ca.crt}]}")));
    assertThat(pod.at("/containers/0/volumeMounts"))
        .anySatisfy(
            mount -> assertThat(mount.path("mountPath").asString()).isEqualTo("/etc/kit/db-ca"));
  }

  @Test
  void poolers_sitInTheDatabasesWave_notInTheMigrationHooksWave() throws IOException {
    FilePlan plan = plan(true, App.Connection.POOLER);
    String hookWave =
        yaml(plan, "migrations/job.yaml")
            .at("/metadata/annotations")
            .path("argocd.argoproj.io/sync-wave")
            .asString();
    String clusterWave =
        yaml(plan, "database/cluster.yaml")
            .at("/metadata/annotations")
            .path("argocd.argoproj.io/sync-wave")
            .asString();

    for (String pooler : List.of("database/pooler-rw.yaml", "database/pooler-ro.yaml")) {
      String wave =
          yaml(plan, pooler)
              .at("/metadata/annotations")
              .path("argocd.argoproj.io/sync-wave")
              .asString();
      assertThat(wave).as(pooler).isEqualTo(clusterWave).isNotEqualTo(hookWave);
    }
  }
}
