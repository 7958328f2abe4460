package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An object kit generated that the cluster does not have, explained from the Application: a
 * migration Job hook may have run and been removed by its delete policy or a TTL, or failed; any
 * object is missing for good while Argo CD cannot build the Application's target state.
 */
class MissingObjectTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String REVISION = "9f2c1e4b7a5d3c2e1f0a9b8c7d6e5f4a3b2c1d0e";

  private MockCluster mock;

  /** A cluster that runs Argo CD: it serves Application, and holds nothing else. */
  @BeforeEach
  void start() throws IOException {
    mock =
        MockCluster.empty()
            .createCrd(Files.readString(TestData.resolve("crds/argoproj.io/application-crd.yaml")));
  }

  /**
   * Without Argo CD nothing kit writes gets deployed, and applying an Application fails ("no
   * matches for kind"): each missing object, the Application too, says so, not "apply it" or
   * "install its operator".
   */
  @Test
  void status_saysArgoCdIsNotInstalled_whenTheClusterServesNoApplication() {
    try (MockCluster bare = MockCluster.empty()) {
      StatusReport report =
          ClusterStatus.of(bare.client())
              .clock(ShopCluster.clock())
              .repository(Shop.repository())
              .environment("prod")
              .status(new Shop().describe(), Shop.plan());

      List<Finding> orders =
          report.services().stream()
              .filter(service -> service.service().equals("orders"))
              .findFirst()
              .orElseThrow()
              .findings();
      assertThat(orders).isNotEmpty().allMatch(finding -> finding.health() == Health.MISSING);
      assertThat(orders)
          .extracting(Finding::fix)
          .containsOnly(
              "Argo CD is not installed in this cluster (it serves no argoproj.io/v1alpha1"
                  + " Application), and Argo CD deploys what kit writes: install it, or, when it"
                  + " runs in a cluster of its own, name that cluster's context with"
                  + " -Dkit.argoContext=<context>");
      assertThat(report.table())
          .doesNotContain("install its operator")
          .doesNotContain("kubectl apply -f");
    }
  }

  @Test
  void status_asksWhetherArgoContextIsArgoCdsCluster_whenThatClusterServesNoApplication() {
    try (MockCluster environment = MockCluster.empty();
        MockCluster argoCd = MockCluster.empty()) {
      StatusReport report =
          ClusterStatus.of(environment.client(), argoCd.client())
              .clock(ShopCluster.clock())
              .repository(Shop.repository())
              .environment("prod")
              .status(new Shop().describe(), Shop.plan());

      assertThat(report.services())
          .flatExtracting(ServiceStatus::findings)
          .extracting(Finding::fix)
          .containsOnly(
              "the cluster -Dkit.argoContext names serves no argoproj.io/v1alpha1 Application: is"
                  + " it the context of Argo CD's cluster? If it is, install Argo CD there");
    }
  }

  /** An Argo CD kind the cluster lacks is Argo CD's to install, not an operator's. */
  @Test
  void missing_saysInstallArgoCd_whenTheClusterLacksAnArgoCdKind() {
    PlannedObject project =
        new PlannedObject(
            Optional.of("orders"),
            "platform/appproject.yaml",
            "argoproj.io/v1alpha1",
            "AppProject",
            "argocd",
            "shop",
            true,
            YAML.readTree("{}"));

    Finding finding =
        missing(project, Column.ARGO, "{metadata: {name: orders, namespace: argocd}}");

    assertThat(finding.fix())
        .isEqualTo(
            "the cluster does not serve argoproj.io/v1alpha1 AppProject: install Argo CD (mvn"
                + " kit:doctor checks its CRDs)");
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private Finding missing(String hookPhase, String syncedRevision) {
    mock.seed(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: orders}
        """);
    PlannedObject job =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/manifests/migrations/job.yaml",
            "batch/v1",
            "Job",
            "orders",
            "orders-migrate",
            true,
            YAML.readTree(
                """
                metadata:
                  annotations: {argocd.argoproj.io/hook: Sync, argocd.argoproj.io/sync-wave: "-1"}
                """));
    return missing(
        job,
        Column.MIGRATIONS,
        """
            metadata: {name: orders, namespace: argocd}
            status:
              sync: {status: Synced, revision: %s}
              health: {status: Healthy}
              operationState:
                phase: Succeeded
                syncResult:
                  revision: %s
                  resources:
                  - {group: batch, version: v1, kind: Job, namespace: orders, name: orders-migrate,
                     status: Synced, hookType: Sync, hookPhase: %s, message: "%s", syncPhase: Sync}
            """
            .formatted(
                syncedRevision,
                REVISION,
                hookPhase,
                hookPhase.equals("Failed")
                    ? "Job has reached the specified backoff limit"
                    : "Reached expected number of succeeded pods"));
  }

  /** {@code object}, missing, as service orders' Application {@code application} explains it. */
  private Finding missing(PlannedObject object, Column column, String application) {
    PlannedObject app =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/application.yaml",
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            "orders",
            true,
            YAML.readTree("{}"));
    var service =
        new GeneratedTree.ServiceTree(
            "orders",
            "orders",
            List.of(app, object),
            Optional.of(app),
            "",
            new TreeMap<>(),
            Optional.empty());
    ReadOnlyCluster cluster = new ReadOnlyCluster(mock.client(), "mock");
    return new Inspection(
            cluster,
            cluster,
            new Moments(ShopCluster.clock()),
            service,
            Optional.of(YAML.readTree(application)))
        .missing(object, column);
  }

  @Test
  void missing_namesTheApplicationsError_beforeItsMissingNamespaceOrASync() {
    // No namespace orders either: the error, not "Argo CD creates it on the first sync", is why.
    PlannedObject configMap =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/manifests/migrations/configmap.yaml",
            "v1",
            "ConfigMap",
            "orders",
            "orders-migrations",
            true,
            YAML.readTree("{}"));

    Finding finding =
        missing(
            configMap,
            Column.MIGRATIONS,
            """
            metadata: {name: orders, namespace: argocd}
            status:
              sync: {status: Unknown}
              health: {status: Healthy}
              conditions:
              - {type: ComparisonError, message: "Failed to load target state: authentication required"}
            """);

    assertThat(finding.health()).isEqualTo(Health.MISSING);
    assertThat(finding.fix())
        .isEqualTo(
            "Application orders cannot sync it: Argo CD reports ComparisonError: Failed to load"
                + " target state: authentication required; fix what it names (the repository, its"
                + " path or credentials, or the manifests), then argocd app get orders --refresh");
    assertThat(finding.facts()).containsEntry("cause", "application error");
  }

  @Test
  void missing_isHealthy_whenTheHookSucceededInTheSyncOfTheWantedRevision() {
    Finding finding = missing("Succeeded", REVISION);
    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
    assertThat(finding.text())
        .isEqualTo(
            "Job orders-migrate ran in the last sync; removed since by its delete policy or a TTL");
  }

  @Test
  void missing_saysTheHookHasNotRun_whenItSucceededForAnOlderRevision() {
    Finding finding = missing("Succeeded", "0000000000000000000000000000000000000000");
    assertThat(finding.health()).isEqualTo(Health.MISSING);
    assertThat(finding.text()).isEqualTo("Job orders-migrate not run yet");
  }

  @Test
  void missing_isDegradedWithTheHooksMessage_whenTheHookFailed() {
    Finding finding = missing("Failed", REVISION);
    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo(
            "Job orders-migrate failed in the last sync: Job has reached the specified backoff"
                + " limit");
    assertThat(finding.fix())
        .isEqualTo(
            "argocd app get orders shows the hook's result; fix the cause, then argocd app sync"
                + " orders runs it again");
  }
}
