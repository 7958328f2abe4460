package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.App;
import dev.kit.model.Kit;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import dev.kit.provider.existing.ExistingDatabaseProvider;
import dev.kit.provider.planetscale.PlanetScaleProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseProvidersTest {

  private static Kit kit(Service service) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(service)
        .build();
  }

  @Test
  void all_listsCloudNativePgFirst_thenTheExistingDatabase_thenPlanetScale() {
    assertThat(DatabaseProviders.all())
        .map(Object::getClass)
        .containsExactly(
            CloudNativePgProvider.class, ExistingDatabaseProvider.class, PlanetScaleProvider.class);
  }

  @Test
  void connection_namesCnpgsSecretsAndService_forACloudNativePgDatabase() {
    Service orders =
        Service.builder("orders")
            .namespace("shop")
            .database(db -> db.storage("1Gi"))
            .app("ghcr.io/acme/orders:1.0.0", a -> a.connection(App.Connection.URI))
            .build();

    assertThat(DatabaseProviders.connection(kit(orders), orders))
        .isEqualTo(
            new Connection(
                "orders-cluster-app",
                "orders-cluster-rw.shop",
                5432,
                "orders-cluster-app",
                Optional.empty(),
                5432,
                Optional.of(new SecretKey("orders-cluster-ca", "ca.crt")),
                "orders-cluster-ca"));
  }

  @Test
  void connection_leadsTheAppToThePooler_whenItConnectsThroughIt() {
    Service orders =
        Service.builder("orders")
            .database(db -> db.storage("1Gi").pooler(p -> p.instances(2)))
            .app("ghcr.io/acme/orders:1.0.0", a -> a.connection(App.Connection.POOLER))
            .build();

    assertThat(DatabaseProviders.connection(kit(orders), orders).appHost())
        .contains("orders-cluster-pooler-rw");
  }

  @Test
  void connection_isTheTeamsSecretAndHost_forAnExistingDatabase() {
    Service orders =
        Service.builder("orders")
            .database(
                db ->
                    db.bootstrap("orders", "orders_owner")
                        .existing(
                            e -> e.secret("orders-db").host("orders.db.acme.internal").port(6432)))
            .build();

    assertThat(DatabaseProviders.connection(kit(orders), orders))
        .isEqualTo(
            new Connection(
                "orders-db",
                "orders.db.acme.internal",
                6432,
                "orders-db",
                Optional.empty(),
                6432,
                Optional.empty(),
                "the system's trusted roots"));
  }

  @Test
  void of_leavesOutCloudNativePgsKinds_forAnExistingDatabase() {
    Service orders =
        Service.builder("orders")
            .database(
                db ->
                    db.bootstrap("orders", "orders_owner")
                        .existing(e -> e.secret("orders-db").host("orders.db.acme.internal")))
            .build();

    assertThat(ServiceKinds.of(kit(orders), orders))
        .map(ServiceKind::file)
        .containsExactly(
            "application.yaml",
            "manifests/app/",
            "manifests/migrations/configmap.yaml",
            "manifests/migrations/job.yaml",
            "migrations/atlas.sum",
            "atlas.hcl",
            "RUNBOOK.md");
  }
}
