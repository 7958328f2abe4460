package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.Expected;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop with what goes wrong before and around a first sync ({@code clusters/broken/README.md}):
 * each missing object with its likely cause, and each doctor finding with the services it affects
 * and the fix; exact outputs.
 */
class BrokenShopTest {

  @TempDir static Path repository;
  private static MockCluster mock;
  private static Kit kit;
  private static FilePlan plan;

  @BeforeAll
  static void breakTheShop() throws IOException {
    kit =
        new Shop()
            .describe().toBuilder()
                .service(
                    "billing",
                    billing ->
                        billing
                            .label("team", "billing")
                            .withoutMigrations()
                            .database(
                                db ->
                                    db.instances(1)
                                        .postgresMajor(17)
                                        .storage("1Gi")
                                        .role(
                                            "billing_reader",
                                            r -> r.login().passwordSecret("billing-reader"))
                                        .role(
                                            "billing_writer",
                                            r -> r.login().passwordSecret("billing-writer"))
                                        .role(
                                            "billing_auditor",
                                            r -> r.login().passwordSecret("billing-auditor"))))
                .service(
                    "ledger",
                    ledger ->
                        ledger
                            .label("team", "billing")
                            .database(db -> db.instances(1).postgresMajor(17).storage("1Gi"))
                            .patch(
                                Patch.set(
                                    Patch.Target.MIGRATION_JOB,
                                    "/spec/template/spec/hostNetwork",
                                    true)))
                .build();
    copyMigrations(Shop.repository(), repository);
    Files.createDirectories(repository.resolve("services/ledger/migrations"));
    Files.writeString(
        repository.resolve("services/ledger/migrations/20250101000000_create_entries.sql"),
        "CREATE TABLE IF NOT EXISTS entries (id bigint PRIMARY KEY);\n",
        StandardCharsets.UTF_8);
    plan = Generator.forRepository(repository).source("com.acme.shop.ShopServices").plan(kit);

    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    mock.seed(TestData.dir().getParent().resolve("kit-status/src/test/resources/clusters/broken"));
    var client = mock.client();
    mock.deleteCrd("scheduledbackups.postgresql.cnpg.io");
    // provider-opentofu's pod not available: Crossplane marks the package unhealthy.
    client
        .genericKubernetesResources("pkg.crossplane.io/v1", "Provider")
        .withName("provider-opentofu")
        .delete();
    mock.seed(
        """
        apiVersion: pkg.crossplane.io/v1
        kind: Provider
        metadata:
          name: provider-opentofu
        spec:
          package: xpkg.upbound.io/upbound/provider-opentofu:v1.0.2
        status:
          conditions:
          - lastTransitionTime: "2025-03-02T07:58:41Z"
            message: 'post establish runtime hook failed for package: provider package deployment has no condition of type "Available" yet'
            reason: UnhealthyPackageRevision
            status: "False"
            type: Healthy
          - lastTransitionTime: "2025-03-01T16:25:55Z"
            reason: ActivePackageRevision
            status: "True"
            type: Installed
          currentIdentifier: xpkg.upbound.io/upbound/provider-opentofu:v1.0.2
          currentRevision: provider-opentofu-4b1c7f2e9a3d
        """);
    client.storage().v1().storageClasses().withName("standard").delete();
    client
        .storage()
        .v1()
        .storageClasses()
        .withName("gp3")
        .edit(
            gp3 -> {
              gp3.getMetadata().setAnnotations(Map.of());
              return gp3;
            });
    client
        .secrets()
        .inNamespace("orders")
        .withName("orders-backup-s3")
        .edit(
            secret ->
                new SecretBuilder(secret)
                    .withData(Map.of("ACCESS_KEY_ID", "bm90LWEta2V5LWlk"))
                    .build());
    // Two roles' Secrets made by hand, one without CloudNativePG's reload label.
    for (String role : List.of("writer", "auditor")) {
      client
          .secrets()
          .inNamespace("billing")
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("billing-" + role)
                  .withNamespace("billing")
                  .withLabels(role.equals("auditor") ? Map.of("cnpg.io/reload", "true") : Map.of())
                  .endMetadata()
                  .withType("kubernetes.io/basic-auth")
                  .withData(Map.of("username", "YmlsbGluZw==", "password", "bm90LWEtcGFzc3dvcmQ="))
                  .build())
          .create();
    }
    client
        .configMaps()
        .inNamespace("argocd")
        .withName("argocd-cm")
        .edit(
            (ConfigMap cm) -> {
              cm.getData()
                  .keySet()
                  .removeIf(key -> key.contains("cnpg.io") || key.contains("atlasgo.io"));
              return cm;
            });
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  private static ClusterStatus cluster() {
    return ClusterStatus.of(mock.client())
        .clock(ShopCluster.clock())
        .repository(Shop.repository())
        .environment("prod");
  }

  @Test
  void status_saysWhyEachObjectIsMissing_andWhatTheAppsPodsWaitFor() {
    StatusReport report = cluster().status(kit, plan);

    Expected.assertEquals("broken-status.txt", report.table());
    assertThat(report.services())
        .filteredOn(s -> s.service().equals("ledger"))
        .singleElement()
        .satisfies(
            ledger ->
                assertThat(ledger.findings())
                    .allSatisfy(f -> assertThat(f.health()).isEqualTo(Health.MISSING)));
  }

  @Test
  void doctor_namesWhatIsMissingTheServicesAndTheFix() {
    DoctorReport report = cluster().doctor(kit, plan);

    Expected.assertEquals("broken-doctor.txt", report.text());
    assertThat(report.checks())
        .filteredOn(check -> !check.passed())
        .extracting(DoctorCheck::text)
        .contains(
            "CRD scheduledbackups.postgresql.cnpg.io missing",
            "StorageClass \"standard\" does not exist",
            "Secret orders-backup-s3 (namespace orders) has no key ACCESS_SECRET_KEY",
            "Secret billing-reader (namespace billing) missing",
            "Secret billing-writer (namespace billing) lacks label cnpg.io/reload");
    assertThat(report.checks())
        .filteredOn(DoctorCheck::passed)
        .extracting(DoctorCheck::text)
        .contains(
            "Secret billing-auditor (namespace billing) has password and username for the Cluster"
                + " billing-cluster (managed role billing_auditor)");
    // A managed role's Secret: basic-auth, its username the role's, which the command fills in.
    assertThat(report.checks())
        .filteredOn(check -> check.text().startsWith("Secret billing-reader "))
        .singleElement()
        .extracting(DoctorCheck::fix)
        .asString()
        .endsWith(
            "kubectl create secret generic billing-reader -n billing"
                + " --type=kubernetes.io/basic-auth --from-literal=password=..."
                + " --from-literal=username=billing_reader"
                + " && kubectl label secret billing-reader -n billing cnpg.io/reload=true");
    assertThat(report.checks())
        .filteredOn(check -> check.text().startsWith("Secret billing-writer "))
        .singleElement()
        .extracting(DoctorCheck::fix)
        .isEqualTo(
            "CloudNativePG applies a new password from an unlabelled Secret only at its next"
                + " resync, while the pods that read the Secret get the new one at their next start"
                + " and fail to log in until then: kubectl label secret billing-writer -n billing"
                + " cnpg.io/reload=true");
  }

  private static void copyMigrations(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from.resolve("services"))) {
      for (Path file :
          files.filter(f -> f.getParent().getFileName().toString().equals("migrations")).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }
}
