package dev.kit.provider.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.render.Connection;
import dev.kit.render.DatabaseProviders;
import dev.kit.render.ServiceKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale as the third provider on the seam: listed, its connection, its kinds only for its
 * databases.
 */
class PlanetScaleProviderTest {

  private static final Service ORDERS =
      Service.builder("orders")
          .namespace("shop")
          .database(
              db -> db.planetScale(ps -> ps.organization("acme").database("shop").branch("main")))
          .build();

  private static Kit kit(Service service) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(service)
        .build();
  }

  @Test
  void all_listsPlanetScaleThird() {
    assertThat(DatabaseProviders.all()).last().isInstanceOf(PlanetScaleProvider.class);
    assertThat(DatabaseProviders.of(ORDERS)).isInstanceOf(PlanetScaleProvider.class);
  }

  @Test
  void connection_isTheMigratorsSecretDirectly_andTheAppsThroughPgBouncer_againstTheSystemRoots() {
    assertThat(DatabaseProviders.of(ORDERS).connection(kit(ORDERS), ORDERS))
        .isEqualTo(
            new Connection(
                "orders-database",
                "acme/shop/main",
                5432,
                "orders-database-app",
                Optional.empty(),
                6432,
                Optional.empty(),
                "the system's trusted roots"));
  }

  @Test
  void kinds_areTheWorkspaceAndTheModule_andNoneOfCloudNativePgs() {
    assertThat(dev.kit.render.ServiceKinds.of(kit(ORDERS), ORDERS))
        .map(ServiceKind::file)
        .containsExactly(
            "application.yaml",
            "manifests/database/workspace.yaml",
            "database/main.tf",
            "manifests/app/",
            "manifests/migrations/configmap.yaml",
            "manifests/migrations/job.yaml",
            "migrations/atlas.sum",
            "atlas.hcl",
            "RUNBOOK.md");
  }

  @Test
  void kinds_leaveOutTheWorkspace_whenModuleOnly() {
    Service orders =
        Service.builder("orders")
            .database(
                db -> db.planetScale(ps -> ps.organization("acme").database("shop").moduleOnly()))
            .build();
    assertThat(dev.kit.render.ServiceKinds.of(kit(orders), orders))
        .map(ServiceKind::file)
        .contains("database/main.tf")
        .doesNotContain("manifests/database/workspace.yaml");
  }
}
