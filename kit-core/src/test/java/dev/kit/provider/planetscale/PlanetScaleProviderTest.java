package dev.kit.provider.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
import dev.kit.model.Service;
import dev.kit.model.SslMode;
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

  private static Service rotated(int rotation, boolean moduleOnly) {
    return Service.builder("orders")
        .namespace("shop")
        .database(
            db ->
                db.planetScale(
                    ps -> {
                      ps.organization("acme").database("shop").passwordRotation(rotation);
                      return moduleOnly ? ps.moduleOnly() : ps;
                    }))
        .app("ghcr.io/acme/orders:1.4.2", a -> a)
        .build();
  }

  private static String runbook(Service service) {
    Kit kit = kit(service);
    return (String)
        DatabaseProviders.of(service)
            .runbook(kit, service, DatabaseProviders.of(service).connection(kit, service))
            .get("databaseSection");
  }

  @Test
  void appPodAnnotations_carryTheRotation_onlyOnceRaised() {
    Service never = rotated(0, false);
    Service twice = rotated(2, false);
    assertThat(DatabaseProviders.of(never).appPodAnnotations(kit(never), never)).isEmpty();
    assertThat(DatabaseProviders.of(twice).appPodAnnotations(kit(twice), twice))
        .isEqualTo(java.util.Map.of("kit.dev/password-rotation", "2"));
  }

  @Test
  void runbook_rotatesByRaisingTheNumber_andNamesTheGap() {
    assertThat(runbook(rotated(2, false)))
        .contains("db.planetScale(ps -> ps.passwordRotation(3))")
        .contains("(it is 2)")
        .contains("`replace_triggered_by` replaces both roles: each is dropped, then created")
        .contains("once it is Ready (wave -2)")
        .contains("annotation `kit.dev/password-rotation`")
        .contains("the app cannot open new connections")
        .doesNotContain("-replace=")
        .doesNotContain("applyArgs");
    assertThat(runbook(rotated(0, true)))
        .contains("db.planetScale(ps -> ps.passwordRotation(1))")
        .contains("Your pipeline applies it (`tofu apply`)")
        .contains("kubectl -n shop rollout restart deployment/orders")
        .doesNotContain("-replace=");
  }

  @Test
  void runbook_saysWhichKeyVerifiesTheServer_andNotTheUri() {
    assertThat(runbook(rotated(0, false)))
        .contains("`JDBC_URL` (the Secret's `jdbc-uri` plus `sslmode=verify-full`")
        .contains("the Secret's `uri` (`DATABASE_URL`) has no `sslmode`");
    PlanetScale ps = (PlanetScale) rotated(0, false).database().host();
    assertThat(PlanetScaleModule.render("s", "orders", "shop", 17, ps))
        .doesNotContain("sslrootcert")
        .doesNotContain("kit adds sslmode=verify-full to the URIs");
  }

  @Test
  void runbook_saysTheMigrationsVerifyTheServer_onlyWhenTheirSslModeDoes() {
    assertThat(runbook(rotated(0, false)))
        .contains(
            "the Job adds `sslmode=verify-full` to the Secret's `uri`, verified against the system's"
                + " trusted roots (PlanetScale's certificates are publicly trusted) |");
    Service require =
        rotated(0, false).toBuilder().migrations(m -> m.sslMode(SslMode.REQUIRE)).build();
    assertThat(runbook(require))
        .contains(
            "the Job adds `sslmode=require` to the Secret's `uri`, encrypted, the server not verified |")
        .doesNotContain("`sslmode=require` to the Secret's `uri`, verified");
  }

  @Test
  void runbook_saysWhichPsqlKnowsTheSystemRoots_whereItUsesThem() {
    assertThat(runbook(rotated(0, false)))
        .contains("?sslmode=verify-full&sslrootcert=system\"   # psql 16 or later\n")
        .contains("`PGSSLROOTCERT=system` (libpq 16 or later) verify the server");
  }

  @Test
  void runbook_releasesAStuckStateLock_byItsLease() {
    assertThat(runbook(rotated(0, false)))
        .contains("get lease lock-tfstate-shop.orders-database-planetscale ")
        .contains(
            "kubectl -n crossplane-system delete lease"
                + " lock-tfstate-shop.orders-database-planetscale`")
        .contains("Never delete the `tfstate-` Secret");
  }

  @Test
  void runbook_pointsAtPlanetScalesBackups_beforeDroppingData() {
    Service orders = rotated(0, false);
    Kit kit = kit(orders);
    assertThat(
            DatabaseProviders.of(orders)
                .runbook(kit, orders, DatabaseProviders.of(orders).connection(kit, orders))
                .get("backupBeforeChange"))
        .asString()
        .contains("PlanetScale backs up branch `acme/shop/main`");
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
