package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.ShopCluster;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Workspace reader on the conditions provider-opentofu sets, and on its connection Secret being
 * there or not.
 */
class WorkspaceReaderTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String WORKSPACE =
      """
      apiVersion: opentofu.m.upbound.io/v1beta1
      kind: Workspace
      metadata: {name: orders-database, namespace: orders, generation: 1}
      spec:
        providerConfigRef: {kind: ClusterProviderConfig, name: planetscale}
        writeConnectionSecretToRef: {name: orders-database}
        forProvider: {source: Inline, module: "# module"}
      """;

  private MockCluster mock;

  @BeforeEach
  void start() {
    mock = MockCluster.empty();
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private Finding read(String status) {
    return read(1, status);
  }

  private Finding read(long generation, String status) {
    return readLive(WORKSPACE.replace("generation: 1", "generation: " + generation) + status);
  }

  private Finding readLive(String yaml) {
    JsonNode body = YAML.readTree(WORKSPACE);
    PlannedObject object =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/manifests/database/workspace.yaml",
            "opentofu.m.upbound.io/v1beta1",
            "Workspace",
            "orders",
            "orders-database",
            true,
            body);
    JsonNode live = YAML.readTree(yaml);
    Inspection inspection =
        new Inspection(
            new ReadOnlyCluster(mock.client(), "mock"),
            new ReadOnlyCluster(mock.client(), "mock"),
            new Moments(ShopCluster.clock()),
            null,
            Optional.empty());
    assertThat(KindReaders.of(object)).isInstanceOf(WorkspaceReader.class);
    return KindReaders.of(object).read(object, live, inspection);
  }

  private static final String READY =
      """
      status:
        conditions:
        - {type: Synced, status: "True", reason: ReconcileSuccess}
        - {type: Ready, status: "True", reason: Available}
      """;

  private static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: orders-database, namespace: orders}
      """;

  @Test
  void read_isHealthy_whenReadyAndTheSecretIsThere() {
    mock.seed(SECRET);
    Finding finding = read(READY);
    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
    assertThat(finding.text()).isEqualTo("ready, Secret orders-database present");
  }

  @Test
  void read_waits_whenReadyButTheSecretIsMissing() {
    Finding finding = read(READY);
    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("ready, Secret orders-database missing");
  }

  @Test
  void read_isProgressing_whileCreating() {
    Finding finding =
        read(
            """
        status:
          conditions:
          - {type: Synced, status: "True", reason: ReconcileSuccess}
          - {type: Ready, status: "False", reason: Creating}
        """);
    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("applying (Creating)");
  }

  @Test
  void read_namesTheReasonAndMessage_whenNotReadyForAnotherReasonThanCreating() {
    Finding finding =
        read(
            """
        status:
          conditions:
          - {type: Synced, status: "True", reason: ReconcileSuccess}
          - {type: Ready, status: "False", reason: Unavailable, message: "no outputs yet"}
        """);
    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("not ready (Unavailable: no outputs yet)");
  }

  /** Crossplane reports a paused resource Synced=False, reason ReconcilePaused: no failure. */
  @Test
  void read_isSuspendedWithTheFix_whenPausedByTheAnnotation() {
    mock.seed(SECRET);
    Finding finding =
        read(
            """
        status:
          conditions:
          - {type: Synced, status: "False", reason: ReconcilePaused, message: "Reconciliation is paused via the pause annotation"}
          - {type: Ready, status: "True", reason: Available}
        """);
    assertThat(finding.health()).isEqualTo(Health.SUSPENDED);
    assertThat(finding.text())
        .isEqualTo("paused by the crossplane.io/paused annotation; remove it to resume");
    assertThat(finding.fix())
        .isEqualTo("kubectl annotate workspace orders-database -n orders crossplane.io/paused-");
  }

  @Test
  void read_isSuspended_whenAnnotatedPaused_beforeCrossplaneReportsIt() {
    Finding finding =
        readLive(
            WORKSPACE.replace(
                    "generation: 1", "generation: 2, annotations: {crossplane.io/paused: \"true\"}")
                + """
                status:
                  conditions:
                  - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 1}
                """);
    assertThat(finding.health()).isEqualTo(Health.SUSPENDED);
  }

  @Test
  void read_isDegradedWithTheFix_whenTheApplyFails() {
    Finding finding =
        read(
            """
        status:
          conditions:
          - {type: Synced, status: "False", reason: ReconcileError, message: "cannot apply tofu configuration: exit status 1"}
        """);
    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text()).isEqualTo("failed: cannot apply tofu configuration: exit status 1");
    assertThat(finding.fix()).startsWith("kubectl describe workspace orders-database -n orders");
  }

  /** kit's Argo CD check (WorkspaceHealth.SCRIPT) reads the failed apply before Ready. */
  @Test
  void read_isDegraded_whenTheLastAsyncOperationFailed_thoughReadyIsStillTrue() {
    mock.seed(SECRET);
    Finding finding =
        read(
            """
        status:
          conditions:
          - {type: Synced, status: "True", reason: ReconcileSuccess}
          - {type: Ready, status: "True", reason: Available}
          - {type: LastAsyncOperation, status: "False", reason: AsyncUpdateFailure, message: "async update failed: exit status 1"}
        """);
    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text()).isEqualTo("failed: async update failed: exit status 1");
    assertThat(finding.fix()).startsWith("kubectl describe workspace orders-database -n orders");
  }

  /**
   * While tofu apply runs for generation 2: Ready as provider-opentofu sets it (no
   * observedGeneration), Synced as the reconciler last stamped it.
   */
  @Test
  void read_isProgressing_whenSyncedDescribesAnOlderGeneration_thoughReadyIsTrue() {
    mock.seed(SECRET);
    Finding finding =
        read(
            2,
            """
        status:
          conditions:
          - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 1}
          - {type: Ready, status: "True", reason: Available}
        """);
    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("waiting for provider-opentofu to apply generation 2");
  }

  /** A failure of the previous generation says nothing of the current spec. */
  @Test
  void read_isProgressing_whenOnlyAnOlderGenerationFailed() {
    Finding finding =
        read(
            2,
            """
        status:
          conditions:
          - {type: Synced, status: "False", reason: ReconcileError, message: "cannot apply tofu configuration", observedGeneration: 1}
        """);
    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
  }

  @Test
  void read_isHealthy_onceSyncedDescribesTheCurrentGeneration() {
    mock.seed(SECRET);
    Finding finding =
        read(
            2,
            """
        status:
          conditions:
          - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 2}
          - {type: Ready, status: "True", reason: Available}
        """);
    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
  }

  @Test
  void needs_theTokenSecret_andProvidesTheConnectionSecret() {
    JsonNode body = YAML.readTree(WORKSPACE);
    PlannedObject object =
        new PlannedObject(
            Optional.of("orders"),
            "x",
            "opentofu.m.upbound.io/v1beta1",
            "Workspace",
            "orders",
            "orders-database",
            true,
            body);
    Needs needs = KindReaders.of(object).needs(object);
    assertThat(needs.provides()).containsExactly("orders-database");
    assertThat(needs.secrets())
        .singleElement()
        .satisfies(
            use -> {
              assertThat(use.namespace()).isEqualTo("crossplane-system");
              assertThat(use.name()).isEqualTo("planetscale-service-token");
              assertThat(use.keys()).containsExactly("id", "token");
            });
    assertThat(needs.kinds())
        .extracting(Needs.KindUse::kind)
        .containsExactly("ClusterProviderConfig", "Provider");
  }

  @Test
  void needs_providesTheAppSecret_whenTheModuleWritesIt() {
    String module =
        String.join(
            "\n",
            "resource \"kubernetes_secret_v1\" \"app\" {",
            "  metadata {",
            "    name      = \"orders-database-app\"",
            "    namespace = \"orders\"",
            "  }",
            "  data = local.app",
            "}");
    JsonNode body = YAML.readTree(WORKSPACE);
    ((tools.jackson.databind.node.ObjectNode) body.path("spec").path("forProvider"))
        .put("module", module);
    PlannedObject object =
        new PlannedObject(
            Optional.of("orders"),
            "x",
            "opentofu.m.upbound.io/v1beta1",
            "Workspace",
            "orders",
            "orders-database",
            true,
            body);
    assertThat(KindReaders.of(object).needs(object).provides())
        .containsExactly("orders-database", "orders-database-app");
  }
}
