package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.testing.ArgoSyncOrder;
import dev.kit.testing.SyncWaveContract;
import dev.kit.write.Drift;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed services/ tree is exactly what the description renders, and syncs in the right order. */
class ShopServicesTest {

  private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  @Test
  void generate_wouldChangeNothing_inTheCommittedTree() {
    Drift drift = Generator.forRepository(REPO).source(ShopServices.class.getName()).check(new ShopServices().describe());

    assertThat(drift.missing()).isEmpty();
    assertThat(drift.stale()).isEmpty();
    assertThat(drift.extra()).isEmpty();
    assertThat(drift.conflicts()).isEmpty();
    assertThat(drift.unchanged()).hasSize(21);
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "payments"})
  void syncOrder_isClusterThenMigrationThenApp_forEachService(String service) {
    SyncWaveContract.assertHolds(REPO.resolve("services").resolve(service).resolve("manifests"));
  }

  @Test
  void syncOrder_ofOrders_isTheDocumentedOne() {
    List<String> order = ArgoSyncOrder.of(REPO.resolve("services/orders/manifests")).stream()
        .map(s -> s.wave() + " " + s.kind() + " " + s.name())
        .toList();

    assertThat(order).containsExactly(
        "-3 ObjectStore orders-cluster-backups",
        "-2 ConfigMap orders-migrations",
        "-2 Cluster orders-cluster",
        "-1 Job orders-migrate",
        "-1 Pooler orders-cluster-pooler-rw",
        "0 Deployment orders",
        "0 PodMonitor orders-cluster",
        "0 PrometheusRule orders-cluster-alerts",
        "0 ScheduledBackup orders-cluster-backup");
  }
}
