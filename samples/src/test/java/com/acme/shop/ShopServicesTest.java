package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.testing.ArgoSyncOrder;
import dev.kit.testing.SyncWaveContract;
import dev.kit.write.Drift;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed services/ and platform/ trees are exactly what the description renders, and sync in
 * the right order.
 */
class ShopServicesTest {

  private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  @Test
  void generate_wouldChangeNothing_inTheCommittedTree() {
    Drift drift =
        Generator.forRepository(REPO)
            .source(ShopServices.class.getName())
            .check(new ShopServices().describe());

    assertThat(drift.missing()).isEmpty();
    assertThat(drift.stale()).isEmpty();
    assertThat(drift.extra()).isEmpty();
    assertThat(drift.conflicts()).isEmpty();
    assertThat(drift.unchanged()).hasSize(93);
  }

  /**
   * The restore a prod runbook shows, pasted into the description as it stands: it validates and
   * renders, and only the restored service's files are new.
   */
  @Test
  void restoreSnippet_ofTheProdRunbook_generatesAsPasted() throws java.io.IOException {
    String snippet =
        """
        .service("orders-restore", s -> s.namespace("orders").withoutMigrations().onlyIn("prod")
            .database(db -> db.postgresMajor(17).storage("20Gi", "standard")
                .restore(Restore.fromService("orders").pointInTime(Instant.parse("YYYY-MM-DDThh:mm:ssZ")))))
        """;
    assertThat(java.nio.file.Files.readString(REPO.resolve("services/orders/envs/prod/RUNBOOK.md")))
        .contains(snippet);
    Kit withRestore =
        new ShopServices()
            .describe().toBuilder()
                .service(
                    "orders-restore",
                    s ->
                        s.namespace("orders")
                            .withoutMigrations()
                            .onlyIn("prod")
                            .database(
                                db ->
                                    db.postgresMajor(17)
                                        .storage("20Gi", "standard")
                                        .restore(
                                            Restore.fromService("orders")
                                                .pointInTime(
                                                    Instant.parse("2026-01-01T00:00:00Z")))))
                .build();

    Drift drift =
        Generator.forRepository(REPO).source(ShopServices.class.getName()).check(withRestore);

    assertThat(drift.missing())
        .isNotEmpty()
        .allSatisfy(file -> assertThat(file).contains("orders-restore"));
    assertThat(drift.stale()).isEmpty();
    assertThat(drift.conflicts()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "orders, dev",
    "orders, prod",
    "payments, dev",
    "payments, prod",
    "catalog, dev",
    "catalog, prod",
    "inventory, dev",
    "inventory, prod"
  })
  void syncOrder_isClusterThenMigrationThenApp_forEachServiceInEachEnvironment(
      String service, String environment) {
    SyncWaveContract.assertHolds(
        REPO.resolve("services")
            .resolve(service)
            .resolve("envs")
            .resolve(environment)
            .resolve("manifests"));
  }

  @Test
  void rootApplication_syncsProdsPlatformBeforeEveryServiceApplication()
      throws java.io.IOException {
    List<Path> files = new java.util.ArrayList<>();
    for (String platform :
        List.of(
            "appproject.yaml",
            "cert-manager.yaml",
            "cloudnative-pg.yaml",
            "plugin-barman-cloud.yaml",
            "atlas-operator.yaml")) {
      files.add(REPO.resolve("platform/prod").resolve(platform));
    }
    for (String service : List.of("catalog", "orders", "payments")) {
      files.add(REPO.resolve("services").resolve(service).resolve("envs/prod/application.yaml"));
    }

    List<String> order =
        ArgoSyncOrder.of(files).stream()
            .map(s -> s.wave() + " " + s.kind() + " " + s.name())
            .toList();

    assertThat(order)
        .containsExactly(
            "-20 AppProject shop-prod",
            "-16 Application cert-manager-prod",
            "-15 Application atlas-operator-prod",
            "-15 Application cloudnative-pg-prod",
            "-14 Application plugin-barman-cloud-prod",
            "0 Application catalog-prod",
            "0 Application orders-prod",
            "0 Application payments-prod");
  }

  @Test
  void syncOrder_ofCatalog_isClusterThenAtlasMigration() {
    List<String> order =
        ArgoSyncOrder.of(REPO.resolve("services/catalog/envs/prod/manifests")).stream()
            .map(s -> s.wave() + " " + s.kind() + " " + s.name())
            .toList();

    // The operator's ConfigMap is named after its content, so a changed history changes the
    // AtlasMigration too.
    assertThat(order).hasSize(3);
    assertThat(order.get(0)).matches("-2 ConfigMap catalog-migrations-[0-9a-f]{10}");
    assertThat(order.subList(1, 3))
        .containsExactly("-2 Cluster catalog-cluster", "-1 AtlasMigration catalog-migrate");
  }

  @Test
  void syncOrder_ofOrdersInProd_isTheDocumentedOne() {
    List<String> order =
        ArgoSyncOrder.of(REPO.resolve("services/orders/envs/prod/manifests")).stream()
            .map(s -> s.wave() + " " + s.kind() + " " + s.name())
            .toList();

    assertThat(order)
        .containsExactly(
            "-3 ObjectStore orders-cluster-backups",
            "-2 ConfigMap orders-migrations",
            "-2 Cluster orders-cluster",
            "-2 Pooler orders-cluster-pooler-rw",
            "-1 Job orders-migrate",
            "0 Deployment orders",
            "0 PodMonitor orders-cluster",
            "0 PrometheusRule orders-cluster-alerts",
            "0 ScheduledBackup orders-cluster-backup");
  }

  @Test
  void syncOrder_ofOrdersInDev_isTheSameWithoutBackupsOrAlerts() {
    List<String> order =
        ArgoSyncOrder.of(REPO.resolve("services/orders/envs/dev/manifests")).stream()
            .map(s -> s.wave() + " " + s.kind() + " " + s.name())
            .toList();

    assertThat(order)
        .containsExactly(
            "-2 ConfigMap orders-migrations",
            "-2 Cluster orders-cluster",
            "-2 Pooler orders-cluster-pooler-rw",
            "-1 Job orders-migrate",
            "0 Deployment orders",
            "0 PodMonitor orders-cluster");
  }
}
