package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kit.model.PlanetScale;
import dev.kit.provider.planetscale.CrossplaneObjects;
import dev.kit.provider.planetscale.PlanetScaleModule;
import dev.kit.provider.planetscale.ProviderHealth;
import dev.kit.provider.planetscale.WorkspaceHealth;
import dev.kit.testing.ArgoLuaHealth;
import dev.kit.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects that run a PlanetScale module from Argo CD: the Workspace, the ClusterProviderConfig
 * and the Provider against the vendored CRDs (strict), the Workspace's module against the reviewed
 * file, and the Workspace's health as Argo CD's built-in {@code _.upbound.io} script and kit's own
 * see it.
 */
class PlanetScaleObjectsTest {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();
  private static final Path UPBOUND = TestData.resolve("conformance/argocd-health/_.upbound.io/_");
  private static final Map<String, String> WAVE =
      Map.of(
          "argocd.argoproj.io/sync-wave",
          "-2",
          "argocd.argoproj.io/sync-options",
          CrossplaneObjects.KEEP);

  private static UpstreamSchemas schemas;

  @BeforeAll
  static void loadSchemas() {
    schemas = UpstreamSchemas.load(TestData.dir());
  }

  private static String module() {
    PlanetScale ps =
        PlanetScale.builder()
            .organization("acme")
            .database("shop")
            .clusterSize("PS_10_AWS_ARM")
            .replicas(2)
            .bouncer(b -> b.size("PGB_10"))
            .build();
    return PlanetScaleModule.render("com.acme.Shop", "orders", "orders", 17, ps);
  }

  private static ObjectNode workspace() {
    return JSON.valueToTree(
        CrossplaneObjects.workspace(
            "orders", "orders", Map.of("app.kubernetes.io/part-of", "shop"), WAVE, module()));
  }

  @Test
  void workspace_matchesTheCrdStrictly() {
    assertThat(schemas.validate("workspace", workspace())).isEmpty();
  }

  /**
   * Two environments on one cluster ({@code namespaceRule("{namespace}-dev")} and {@code
   * ("{namespace}-staging")}) give the service two Workspaces of one name on one
   * ClusterProviderConfig: provider-opentofu selects the OpenTofu workspace named by the external
   * name, and the kubernetes backend keeps its state in Secret {@code
   * tfstate-<workspace>-planetscale}, labelled {@code tfstateWorkspace=<workspace>}.
   */
  @Test
  void workspace_keepsItsOwnState_whenTwoEnvironmentsShareACluster() {
    List<String> names = new ArrayList<>();
    for (String namespace : List.of("orders-dev", "orders-staging")) {
      JsonNode ws =
          JSON.valueToTree(
              CrossplaneObjects.workspace("orders", namespace, Map.of(), WAVE, module()));
      assertThat(ws.path("metadata").path("name").asString()).isEqualTo("orders-database");
      String external =
          ws.path("metadata").path("annotations").path("crossplane.io/external-name").asString();
      names.add(external);
      String secret = "tfstate-" + external + "-" + CrossplaneObjects.CONFIG_NAME;
      assertThat(secret)
          .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
      assertThat(external).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][-a-z0-9.]*[a-z0-9]");
    }
    assertThat(names)
        .containsExactly("orders-dev.orders-database", "orders-staging.orders-database");
  }

  @Test
  void providerConfig_matchesTheCrdStrictly() {
    JsonNode config =
        JSON.valueToTree(
            CrossplaneObjects.providerConfig(
                Map.of(), Map.of("argocd.argoproj.io/sync-wave", "-13")));
    assertThat(schemas.validate("providerconfig", config)).isEmpty();
  }

  @Test
  void provider_matchesTheCrdStrictly() {
    JsonNode provider =
        JSON.valueToTree(
            CrossplaneObjects.provider(Map.of(), Map.of("argocd.argoproj.io/sync-wave", "-14")));
    assertThat(schemas.validate("provider", provider)).isEmpty();
    assertThat(provider.path("spec").path("package").asString())
        .isEqualTo(CrossplaneObjects.PROVIDER_PACKAGE);
  }

  @Test
  void validation_fails_whenTheWorkspaceHasAFieldTheCrdLacks() {
    ObjectNode broken = workspace();
    ((ObjectNode) broken.path("spec").path("forProvider")).put("moduel", "x");
    assertThat(schemas.validate("workspace", broken)).isNotEmpty();
  }

  @Test
  void workspace_runsExactlyTheReviewedModule() {
    ObjectNode ws = workspace();
    assertThat(ws.path("spec").path("forProvider").path("source").asString()).isEqualTo("Inline");
    assertThat(ws.path("spec").path("forProvider").path("module").asString()).isEqualTo(module());
    assertThat(ws.path("spec").path("writeConnectionSecretToRef").path("name").asString())
        .isEqualTo("orders-database");
    assertThat(ws.path("metadata").path("namespace").asString()).isEqualTo("orders");
  }

  @Test
  void providerConfig_readsTheTokenFromASecret_andKeepsStateInKubernetes_likeUpstream() {
    JsonNode config = JSON.valueToTree(CrossplaneObjects.providerConfig(Map.of(), Map.of()));
    JsonNode upstream =
        ArgoLuaHealth.yaml(
            TestData.resolve(
                "conformance/upstream-samples/provider-opentofu/clusterproviderconfig.yaml"));
    assertThat(config.path("kind").asString()).isEqualTo(upstream.path("kind").asString());
    assertThat(config.path("spec").path("credentials"))
        .allSatisfy(
            c -> {
              assertThat(c.path("source").asString()).isEqualTo("Secret");
              assertThat(c.path("secretRef").path("name").asString())
                  .isEqualTo(CrossplaneObjects.TOKEN_SECRET);
            });
    String configuration = config.path("spec").path("configuration").asString();
    assertThat(configuration)
        .contains(
            "backend \"kubernetes\"",
            "in_cluster_config = true",
            "secret_suffix",
            "service_token_id = trimspace(file(\"planetscale-service-token-id\"))");
    assertThat(configuration).doesNotContainPattern("pscale_tkn_|service_token\\s*=\\s*\"");
  }

  private static JsonNode status(String yaml) {
    ObjectNode ws = workspace();
    ((ObjectNode) ws.path("metadata")).put("generation", 2);
    if (!yaml.isEmpty()) {
      ws.set("status", ArgoLuaHealth.yaml(yaml));
    }
    return ws;
  }

  private static ArgoLuaHealth.Result builtIn(JsonNode object) {
    return ArgoLuaHealth.run(ArgoLuaHealth.read(UPBOUND.resolve("health.lua")), object);
  }

  private static ArgoLuaHealth.Result kits(JsonNode object) {
    return ArgoLuaHealth.run(WorkspaceHealth.SCRIPT, object);
  }

  private static final String CREATING =
      """
      conditions:
      - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 2}
      - {type: Ready, status: "False", reason: Creating, observedGeneration: 2}
      """;
  private static final String READY =
      """
      conditions:
      - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 2}
      - {type: Ready, status: "True", reason: Available, observedGeneration: 2}
      """;
  private static final String FAILED =
      """
      conditions:
      - {type: Synced, status: "False", reason: ReconcileError, message: "cannot apply tofu configuration", observedGeneration: 2}
      - {type: Ready, status: "False", reason: Creating, observedGeneration: 2}
      """;
  private static final String STALE =
      """
      conditions:
      - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 1}
      - {type: Ready, status: "True", reason: Available, observedGeneration: 1}
      """;

  @Test
  void builtInCheck_callsAWorkspaceWithoutStatusHealthy_soKitReplacesIt() {
    // Argo CD's _.upbound.io script: `obj.status == nil or (next(obj.status) == nil and
    // contains(...))`.
    assertThat(builtIn(status("")).status()).isEqualTo("Healthy");
    assertThat(kits(status("")).status()).isEqualTo("Progressing");
  }

  @Test
  void kitsCheck_holdsTheMigrationWave_untilTheWorkspaceIsReady() {
    assertThat(kits(status(CREATING)).status()).isEqualTo("Progressing");
    assertThat(builtIn(status(CREATING)).status()).isEqualTo("Progressing");
    assertThat(kits(status(READY)))
        .isEqualTo(new ArgoLuaHealth.Result("Healthy", "Resource is up-to-date."));
    assertThat(builtIn(status(READY))).isEqualTo(kits(status(READY)));
  }

  @Test
  void kitsCheck_failsTheSync_likeTheBuiltIn_whenTheApplyFails() {
    assertThat(kits(status(FAILED)))
        .isEqualTo(new ArgoLuaHealth.Result("Degraded", "cannot apply tofu configuration"));
    assertThat(builtIn(status(FAILED))).isEqualTo(kits(status(FAILED)));
  }

  @Test
  void kitsCheck_waits_whenTheConditionsDescribeAnOlderModule() {
    assertThat(kits(status(STALE)).status()).isEqualTo("Progressing");
  }

  /**
   * What provider-opentofu writes while {@code tofu apply} runs for generation 2: Ready as set by
   * {@code SetConditions(Available())} (no observedGeneration), Synced as last stamped by the
   * reconciler.
   */
  private static final String APPLYING =
      """
      conditions:
      - {type: Synced, status: "True", reason: ReconcileSuccess, observedGeneration: 1}
      - {type: Ready, status: "True", reason: Available}
      """;

  @Test
  void kitsCheck_waits_whileTheChangedModuleIsApplied_thoughAnOldReadyIsTrue() {
    assertThat(kits(status(APPLYING)))
        .isEqualTo(
            new ArgoLuaHealth.Result(
                "Progressing", "Waiting for provider-opentofu to apply generation 2"));
  }

  @Test
  void kitsCheck_isHealthy_onceSyncedDescribesTheCurrentGeneration() {
    String applied = APPLYING.replace("observedGeneration: 1", "observedGeneration: 2");
    assertThat(kits(status(applied)).status()).isEqualTo("Healthy");
  }

  @Test
  void kitsCheck_waits_whenOnlyAnOlderGenerationFailed() {
    String failedBefore = FAILED.replace("observedGeneration: 2", "observedGeneration: 1");
    assertThat(kits(status(failedBefore)).status()).isEqualTo("Progressing");
  }

  @Test
  void kitsCheck_isSuspended_whenPaused_thoughSyncedIsFalse() {
    String paused =
        """
        conditions:
        - {type: Synced, status: "False", reason: ReconcilePaused, message: "Reconciliation is paused via the pause annotation"}
        - {type: Ready, status: "True", reason: Available}
        """;
    assertThat(kits(status(paused)))
        .isEqualTo(
            new ArgoLuaHealth.Result(
                "Suspended", "Paused by the crossplane.io/paused annotation; remove it to resume"));
    ObjectNode annotated = (ObjectNode) status("");
    ((ObjectNode) annotated.path("metadata"))
        .putObject("annotations")
        .put("crossplane.io/paused", "true");
    assertThat(kits(annotated).status()).isEqualTo("Suspended");
  }

  @ParameterizedTest
  @ValueSource(strings = {"testdata/managedresource_failedupdate_degraded.yaml"})
  void kitsCheck_agreesWithArgoCdsTestData_forAManagedResource(String input) {
    JsonNode object = ArgoLuaHealth.yaml(UPBOUND.resolve(input));
    assertThat(kits(object)).isEqualTo(builtIn(object));
    assertThat(kits(object).status()).isEqualTo("Degraded");
  }

  private static final Path CROSSPLANE =
      TestData.resolve("conformance/argocd-health/_.crossplane.io/_");

  private static JsonNode provider(String status) {
    ObjectNode provider = JSON.valueToTree(CrossplaneObjects.provider(Map.of(), Map.of()));
    if (!status.isEmpty()) {
      provider.set("status", ArgoLuaHealth.yaml(status));
    }
    return provider;
  }

  @Test
  void builtInCrossplaneCheck_callsAProviderWithoutStatusHealthy_soKitReplacesIt() {
    String builtIn = ArgoLuaHealth.read(CROSSPLANE.resolve("health.lua"));
    assertThat(ArgoLuaHealth.run(builtIn, provider("")).status()).isEqualTo("Healthy");
    assertThat(ArgoLuaHealth.run(ProviderHealth.SCRIPT, provider("")).status())
        .isEqualTo("Progressing");
  }

  /**
   * Argo CD's health_test.yaml expects Degraded for this file (of a newer script than the vendored
   * one, which says Progressing): kit waits, since Crossplane reports it while the Deployment
   * starts.
   */
  @Test
  void kitsProviderCheck_waitsForAnUnhealthyPackage_fromArgoCdsTestData() {
    JsonNode degraded = ArgoLuaHealth.yaml(CROSSPLANE.resolve("testdata/provider_degraded.yaml"));
    ArgoLuaHealth.Result result = ArgoLuaHealth.run(ProviderHealth.SCRIPT, degraded);
    assertThat(
            ArgoLuaHealth.run(ArgoLuaHealth.read(CROSSPLANE.resolve("health.lua")), degraded)
                .status())
        .isEqualTo("Progressing");
    assertThat(result.status()).isEqualTo("Progressing");
    assertThat(result.message())
        .startsWith("UnhealthyPackageRevision: Package runtime health is \"False\"");
  }

  @Test
  void kitsProviderCheck_keepsTheHealthyReason_whenInstalledIsNotSetYet() {
    ArgoLuaHealth.Result result =
        ArgoLuaHealth.run(
            ProviderHealth.SCRIPT,
            provider(
                """
        conditions:
        - {type: Healthy, status: "Unknown", reason: UnknownPackageRevisionHealth, message: "waiting"}
        """));
    assertThat(result)
        .isEqualTo(
            new ArgoLuaHealth.Result("Progressing", "UnknownPackageRevisionHealth: waiting"));
  }

  /** crossplane/crossplane#4196: a package that cannot be pulled leaves the old one healthy. */
  @Test
  void kitsProviderCheck_waits_whileTheOldPackageStillRuns() {
    JsonNode provider =
        provider(
            """
        conditions:
        - {type: Healthy, status: "True", reason: HealthyPackageRevision}
        - {type: Installed, status: "True", reason: ActivePackageRevision}
        currentIdentifier: xpkg.upbound.io/upbound/provider-opentofu:v1.0.1
        """);
    ArgoLuaHealth.Result result = ArgoLuaHealth.run(ProviderHealth.SCRIPT, provider);
    assertThat(result.status()).isEqualTo("Progressing");
    assertThat(result.message())
        .isEqualTo(
            "Running xpkg.upbound.io/upbound/provider-opentofu:v1.0.1, not "
                + provider.path("spec").path("package").asString());
  }

  @Test
  void kitsProviderCheck_isHealthy_whenInstalledAndHealthy() {
    assertThat(
            ArgoLuaHealth.run(
                    ProviderHealth.SCRIPT,
                    provider(
                        """
        conditions:
        - {type: Healthy, status: "True", reason: HealthyPackageRevision}
        - {type: Installed, status: "True", reason: ActivePackageRevision}
        currentIdentifier: xpkg.upbound.io/upbound/provider-opentofu:v1.0.2
        """))
                .status())
        .isEqualTo("Healthy");
    assertThat(
            ArgoLuaHealth.run(
                    ProviderHealth.SCRIPT,
                    provider(
                        """
        conditions:
        - {type: Installed, status: "True", reason: ActivePackageRevision}
        """))
                .status())
        .isEqualTo("Progressing");
  }
}
