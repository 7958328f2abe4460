package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the status reads from the plan: each service's objects, its Application, its migrations, its
 * own workloads.
 */
class GeneratedTreeTest {

  @TempDir Path repository;

  @Test
  void application_isTheOneTheApplicationSetMakes_whenTheDeliveryIsAnApplicationSet()
      throws IOException {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                repo ->
                    repo.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .namespace("gitops")
                                .delivery(ArgoCd.Delivery.APPLICATION_SET)
                                .build()))
            .service("orders", orders -> orders.database(db -> db.storage("1Gi")))
            .build();
    Files.createDirectories(repository.resolve("services/orders/migrations"));
    Files.writeString(
        repository.resolve("services/orders/migrations/20250101120000_create_orders.sql"),
        "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n");
    Files.createDirectories(repository.resolve("services/orders/manifests/app"));
    Files.writeString(
        repository.resolve("services/orders/manifests/app/workloads.yaml"),
        """
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

    GeneratedTree.ServiceTree orders =
        GeneratedTree.of(
                kit,
                Generator.forRepository(repository).plan(kit),
                Optional.of(repository),
                Optional.empty())
            .services()
            .get(0);

    assertThat(orders.application())
        .hasValueSatisfying(
            app -> {
              assertThat(app.title()).isEqualTo("Application orders");
              assertThat(app.namespace()).isEqualTo("gitops");
            });
    assertThat(orders.migrationsPath()).isEqualTo("services/orders/migrations");
    assertThat(orders.newestVersion()).contains("20250101120000");
    assertThat(orders.objects())
        .filteredOn(o -> !o.generated())
        .extracting(PlannedObject::title, PlannedObject::namespace)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Deployment orders", "orders"),
            org.assertj.core.groups.Tuple.tuple("StatefulSet orders-cache", "caches"));
  }

  @Test
  void services_areTheEnvironmentsTree_whenTheDescriptionHasEnvironments() throws IOException {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                repo ->
                    repo.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .project("shop")
                                .delivery(ArgoCd.Delivery.APP_OF_APPS)
                                .build()))
            .platform(dev.kit.model.Platform.defaults())
            .environment("dev", e -> e.namespaceRule("{namespace}-dev").project("shop-dev"))
            .environment("prod", e -> e.destinationName("prod-eu").project("shop-prod"))
            .service(
                "orders",
                orders ->
                    orders
                        .database(db -> db.storage("1Gi"))
                        .in("prod", prod -> prod.database(db -> db.instances(3))))
            .service(
                "sandbox",
                sandbox ->
                    sandbox.onlyIn("dev").withoutMigrations().database(db -> db.storage("1Gi")))
            .build();
    Files.createDirectories(repository.resolve("services/orders/migrations"));
    Files.writeString(
        repository.resolve("services/orders/migrations/20250101120000_create_orders.sql"),
        "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n");
    var plan = Generator.forRepository(repository).plan(kit);

    GeneratedTree prod = GeneratedTree.of(kit, plan, Optional.of(repository), Optional.of("prod"));
    GeneratedTree dev = GeneratedTree.of(kit, plan, Optional.of(repository), Optional.of("dev"));

    assertThat(prod.environment()).contains("prod");
    assertThat(prod.services())
        .extracting(GeneratedTree.ServiceTree::name)
        .containsExactly("orders");
    assertThat(dev.services())
        .extracting(GeneratedTree.ServiceTree::name, GeneratedTree.ServiceTree::namespace)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders", "orders-dev"),
            org.assertj.core.groups.Tuple.tuple("sandbox", "sandbox-dev"));
    GeneratedTree.ServiceTree orders = prod.services().get(0);
    assertThat(orders.application())
        .hasValueSatisfying(app -> assertThat(app.title()).isEqualTo("Application orders-prod"));
    assertThat(orders.objects()).allMatch(o -> o.path().startsWith("services/orders/envs/prod/"));
    assertThat(orders.objects())
        .filteredOn(o -> o.kind().equals("Cluster"))
        .allMatch(o -> o.body().at("/spec/instances").asInt() == 3);
    assertThat(orders.migrationsPath()).isEqualTo("services/orders/migrations");
    assertThat(orders.newestVersion()).contains("20250101120000");
    assertThat(prod.platform()).isNotEmpty().allMatch(o -> o.path().startsWith("platform/prod/"));
  }

  @Test
  void platform_holdsWhatItsSubfoldersHold_suchAsTheProviderPackage() {
    GeneratedTree prod =
        GeneratedTree.of(
            new dev.kit.status.testing.Shop().describe(),
            dev.kit.status.testing.Shop.plan(),
            Optional.empty(),
            Optional.of("prod"));

    assertThat(prod.platform())
        .filteredOn(o -> o.kind().equals("Provider"))
        .extracting(PlannedObject::path)
        .containsExactly("platform/prod/planetscale-provider/provider-opentofu.yaml");
  }

  @Test
  void of_asksForAnEnvironment_whenTheDescriptionHasEnvironmentsAndNoneIsNamed() {
    Kit kit =
        Kit.builder()
            .repository("shop", repo -> repo.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.namespaceRule("{namespace}-dev"))
            .environment("prod", e -> e)
            .service(
                "orders", orders -> orders.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();
    var plan = Generator.forRepository(repository).plan(kit);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GeneratedTree.of(kit, plan, Optional.empty(), Optional.empty()))
        .hasMessage(
            "the description has environments [dev, prod]: say which one this cluster runs (kit.environment, "
                + "or ClusterStatus.environment(name))");
  }

  @Test
  void table_hasAnEnvColumn_whenTheTreeIsAnEnvironments() {
    StatusReport report =
        new StatusReport(
            List.of(new ServiceStatus("orders", "orders", List.of())), Optional.of("prod"));
    assertThat(report.table().lines().findFirst().orElseThrow()).startsWith("service  env ");
    assertThat(report.table().lines().skip(1).findFirst().orElseThrow())
        .startsWith("orders   prod ");
  }
}
