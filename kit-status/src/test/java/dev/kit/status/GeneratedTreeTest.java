package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the status reads from the plan: each service's objects, its Application, its migrations, its own workloads. */
class GeneratedTreeTest {

  @TempDir
  Path repository;

  @Test
  void application_isTheOneTheApplicationSetMakes_whenTheDeliveryIsAnApplicationSet() throws IOException {
    Kit kit = Kit.builder()
        .repository("shop", repo -> repo.gitUrl("https://github.com/acme/shop.git")
            .argoCd(ArgoCd.builder().namespace("gitops").delivery(ArgoCd.Delivery.APPLICATION_SET).build()))
        .service("orders", orders -> orders.database(db -> db.storage("1Gi")))
        .build();
    Files.createDirectories(repository.resolve("services/orders/migrations"));
    Files.writeString(repository.resolve("services/orders/migrations/20250101120000_create_orders.sql"),
        "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n");
    Files.createDirectories(repository.resolve("services/orders/manifests/app"));
    Files.writeString(repository.resolve("services/orders/manifests/app/workloads.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: orders
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: orders-cache
          namespace: caches
        """);

    GeneratedTree.ServiceTree orders = GeneratedTree.of(kit, Generator.forRepository(repository).plan(kit),
        Optional.of(repository)).services().get(0);

    assertThat(orders.application()).hasValueSatisfying(app -> {
      assertThat(app.title()).isEqualTo("Application orders");
      assertThat(app.namespace()).isEqualTo("gitops");
    });
    assertThat(orders.migrationsPath()).isEqualTo("services/orders/migrations");
    assertThat(orders.newestVersion()).contains("20250101120000");
    assertThat(orders.objects()).filteredOn(o -> !o.generated())
        .extracting(PlannedObject::title, PlannedObject::namespace)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Deployment orders", "orders"),
            org.assertj.core.groups.Tuple.tuple("StatefulSet orders-cache", "caches"));
  }
}
