package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.write.Drift;
import dev.kit.write.WriteReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regenerated {@code cluster.yaml} that CloudNativePG's webhook refuses as a change of the
 * existing Cluster (cloudnative-pg {@code validateClusterChanges}) warns at {@code kit:generate}
 * and {@code kit:check}: read from the committed file, not from the description.
 */
class ClusterChangeTest {

  private static final String CLUSTER = "services/orders/manifests/database/cluster.yaml";
  private static final String WHERE =
      "service orders: "
          + CLUSTER
          + " changes the existing Cluster in a way CloudNativePG's webhook refuses, so Argo CD's"
          + " sync fails and leaves the Cluster as it is: ";

  @TempDir Path repo;
  private Generator generator;

  @BeforeEach
  void setUp() {
    generator = Generator.forRepository(repo).source("ShopServices");
  }

  private static Kit kit(UnaryOperator<Database.Builder> database) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> s.withoutMigrations().database(database))
        .build();
  }

  private List<String> changes(WriteReport report) {
    return report.warnings().stream().filter(w -> w.contains("CloudNativePG's webhook")).toList();
  }

  @Test
  void generate_warns_whenTheStorageShrinks() {
    generator.generate(kit(db -> db.storage("20Gi")));

    assertThat(changes(generator.generate(kit(db -> db.storage("10Gi")))))
        .containsExactly(
            WHERE
                + "storage.size 20Gi -> 10Gi shrinks a volume (\"can't shrink existing storage"
                + " from 20Gi to 10Gi\"). A volume can only grow: keep"
                + " services[orders].database.storage at \"20Gi\" or more; a smaller volume is a"
                + " new Cluster, restored from a backup.");
  }

  @Test
  void generate_warns_whenTheWalStorageShrinks() {
    generator.generate(kit(db -> db.storage("20Gi").walStorage("5Gi")));

    assertThat(changes(generator.generate(kit(db -> db.storage("20Gi").walStorage("4096Mi")))))
        .containsExactly(
            WHERE
                + "walStorage.size 5Gi -> 4096Mi shrinks a volume (\"can't shrink existing storage"
                + " from 5Gi to 4096Mi\"). A volume can only grow: keep"
                + " services[orders].database.walStorage at \"5Gi\" or more; a smaller volume is a"
                + " new Cluster, restored from a backup.");
  }

  @Test
  void generate_warns_whenTheWalStorageIsRemoved() {
    generator.generate(kit(db -> db.storage("20Gi").walStorage("5Gi")));

    assertThat(changes(generator.generate(kit(db -> db.storage("20Gi")))))
        .containsExactly(
            WHERE
                + "it removes walStorage (\"walStorage cannot be disabled once the cluster is"
                + " created\"). Keep walStorage(\"5Gi\") on services[orders].database; a Cluster"
                + " without a WAL volume is a new Cluster, restored from a backup.");
  }

  @Test
  void generate_warns_whenTheMajorGoesBack() {
    generator.generate(kit(db -> db.storage("1Gi").postgresMajor(17)));

    assertThat(changes(generator.generate(kit(db -> db.storage("1Gi").postgresMajor(16)))))
        .singleElement()
        .asString()
        .startsWith(WHERE + "imageName ghcr.io/cloudnative-pg/postgresql:17.")
        .contains(
            " goes back from PostgreSQL 17 to 16 (\"can't downgrade from majors\"). Set"
                + " services[orders].database.postgresMajor(17) back; data reaches an older major"
                + " only by a logical import into a new Cluster.");
  }

  @Test
  void generate_warns_whenTheImageAndTheParametersChangeTogether() {
    generator.generate(
        kit(
            db ->
                db.storage("1Gi")
                    .imageName("ghcr.io/cloudnative-pg/postgresql:17.5-standard-trixie")
                    .parameter("shared_buffers", "256MB")));

    assertThat(
            changes(
                generator.generate(
                    kit(
                        db ->
                            db.storage("1Gi")
                                .imageName("ghcr.io/cloudnative-pg/postgresql:17.6-standard-trixie")
                                .parameter("shared_buffers", "512MB")))))
        .containsExactly(
            WHERE
                + "imageName ghcr.io/cloudnative-pg/postgresql:17.5-standard-trixie ->"
                + " ghcr.io/cloudnative-pg/postgresql:17.6-standard-trixie comes with a change of"
                + " its PostgreSQL parameters (\"Can't change image name and configuration at the"
                + " same time\"). Split them into two syncs: generate and merge the image change"
                + " with the parameters as committed, let Argo CD sync it, then change the"
                + " parameters of services[orders].database in a second change (or the other way"
                + " round).");
  }

  @Test
  void generate_saysNothingOfTheMajor_whenAPatchedImageIsADigestWithoutATag() {
    generator.generate(kit(db -> db.storage("20Gi")));
    Kit digest =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(db -> db.storage("20Gi"))
                        .patch(
                            dev.kit.model.Patch.set(
                                dev.kit.model.Patch.Target.CLUSTER,
                                "/spec/imageName",
                                "ghcr.io/cloudnative-pg/postgresql@sha256:"
                                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")))
            .build();

    // No major can be read from a digest: nothing is said of one, rather than "goes back to 0".
    assertThat(changes(generator.generate(digest))).isEmpty();
  }

  @Test
  void generate_saysNothing_whenEachChangeIsOneCnpgAccepts() {
    generator.generate(
        kit(
            db ->
                db.storage("10Gi")
                    .walStorage("1Gi")
                    .postgresMajor(16)
                    .parameter("work_mem", "4MB")));
    // Grown volumes, a new major alone, then new parameters alone, then a new WAL volume.
    assertThat(
            changes(
                generator.generate(
                    kit(
                        db ->
                            db.storage("20Gi")
                                .walStorage("2Gi")
                                .postgresMajor(16)
                                .parameter("work_mem", "4MB")))))
        .isEmpty();
    assertThat(
            changes(
                generator.generate(
                    kit(
                        db ->
                            db.storage("20Gi")
                                .walStorage("2Gi")
                                .postgresMajor(17)
                                .parameter("work_mem", "4MB")))))
        .isEmpty();
    assertThat(
            changes(
                generator.generate(
                    kit(
                        db ->
                            db.storage("20Gi")
                                .walStorage("2Gi")
                                .postgresMajor(17)
                                .parameter("work_mem", "8MB")))))
        .isEmpty();
    generator.generate(kit(db -> db.storage("20Gi")));
    assertThat(changes(generator.generate(kit(db -> db.storage("20Gi").walStorage("1Gi")))))
        .isEmpty();
  }

  @Test
  void generate_namesTheEnvironment_whenItsClusterShrinks() {
    generator.generate(inProd("20Gi"));

    assertThat(changes(generator.generate(inProd("10Gi"))))
        .singleElement()
        .asString()
        .startsWith(
            "service orders, environment prod:"
                + " services/orders/envs/prod/manifests/database/cluster.yaml changes the existing"
                + " Cluster")
        .contains(
            "keep services[orders].database.storage (in in(\"prod\", ...) or the service's own)"
                + " at \"20Gi\" or more");
  }

  private static Kit inProd(String size) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .environment("prod", e -> e.destinationName("prod-eu"))
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage(size)))
        .build();
  }

  @Test
  void check_warnsAsGenerateWould_whileTheClusterIsStale() {
    generator.generate(kit(db -> db.storage("20Gi")));

    Drift drift = generator.check(kit(db -> db.storage("10Gi")));

    assertThat(drift.stale()).contains(CLUSTER);
    assertThat(drift.warnings())
        .singleElement()
        .asString()
        .startsWith(WHERE + "storage.size 20Gi -> 10Gi shrinks a volume");
    assertThat(generator.check(kit(db -> db.storage("20Gi"))).warnings()).isEmpty();
  }

  @Test
  void generate_warns_whenAManagedRoleLeavesTheDescription_notWhenItIsDropped() {
    generator.generate(
        kit(
            db ->
                db.storage("1Gi")
                    .role("readers", r -> r)
                    .role("reporting", r -> r.login().inRole("readers"))
                    .dropRole("legacy_etl")));

    List<String> warnings =
        generator.generate(kit(db -> db.storage("1Gi").role("readers", r -> r))).warnings();

    assertThat(warnings)
        .filteredOn(w -> w.contains("managed role"))
        .containsExactly(
            "service orders: "
                + CLUSTER
                + " no longer lists the managed role reporting: CloudNativePG stops managing it and"
                + " leaves it in the database as it is. To remove it, call"
                + " dropRole(\"reporting\") on services[orders].database instead, and keep it"
                + " until the change has synced (PostgreSQL refuses to drop a role that still owns"
                + " objects or holds privileges: revoke them first).");
    assertThat(generator.generate(kit(db -> db.storage("1Gi").dropRole("readers"))).warnings())
        .noneMatch(w -> w.contains("managed role"));
  }
}
