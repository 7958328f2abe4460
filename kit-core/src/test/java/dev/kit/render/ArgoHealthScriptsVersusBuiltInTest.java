package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.testing.ArgoLuaHealth;
import dev.kit.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * kit's {@code argocd-cm} health checks and Argo CD's built-in ones (vendored in test-data), run on
 * the same objects: every CloudNativePG Cluster phase and every Atlas operator Ready reason. Argo
 * CD waits on a wave while an object is Progressing or Suspended and fails the sync when one is
 * Degraded (gitops-engine {@code pkg/sync/sync_context.go}), and it does not retry a failed
 * revision by itself (argo-cd {@code controller/appcontroller.go}, "Skipping auto-sync: failed
 * previous sync attempt"): a routine, transient state must never be Degraded.
 */
class ArgoHealthScriptsVersusBuiltInTest {

  private static final Path BUILT_IN = TestData.resolve("conformance/argocd-health");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** What a state is, and so what it must do to a sync wave. */
  enum Kind {
    /** Healthy: the next wave starts. */
    HEALTHY("next wave"),
    /** The operator gets there by itself: the wave waits. */
    TRANSIENT("waits"),
    /**
     * A person acts on the live cluster (promote, wake up, re-enable): the wave waits and goes on
     * by itself after.
     */
    PERSON("waits"),
    /** Something is wrong that waiting will not fix: the sync fails at once and says why. */
    FAILURE("fails the sync");

    final String gate;

    Kind(String gate) {
      this.gate = gate;
    }
  }

  /** What gitops-engine does with a non-hook resource of the current wave in this health. */
  private static String gate(String health) {
    return switch (health) {
      case "Healthy" -> "next wave";
      case "Degraded" -> "fails the sync";
      default -> "waits";
    };
  }

  /**
   * One state: the fixture's phase (Cluster) or name (the others), what kind of state it is, and
   * the health Argo CD's built-in check and kit's check give it.
   */
  record Expectation(String state, Kind kind, String builtIn, String kit) {
    @Override
    public String toString() {
      return state;
    }
  }

  private static Expectation e(String state, Kind kind, String builtIn, String kit) {
    return new Expectation(state, kind, builtIn, kit);
  }

  /**
   * Every phase CloudNativePG sets (api/v1/cluster_types.go, and two literals in the cluster
   * controller).
   */
  static final List<Expectation> CLUSTER_PHASES =
      List.of(
          e("Cluster in healthy state", Kind.HEALTHY, "Healthy", "Healthy"),
          e("Setting up primary", Kind.TRANSIENT, "Progressing", "Progressing"),
          e("Creating a new replica", Kind.TRANSIENT, "Progressing", "Progressing"),
          e("Upgrading cluster", Kind.TRANSIENT, "Progressing", "Progressing"),
          e("Upgrading Postgres major version", Kind.TRANSIENT, "Degraded", "Progressing"),
          e("Cluster upgrade delayed", Kind.TRANSIENT, "Degraded", "Progressing"),
          e(
              "Waiting for the instances to become active",
              Kind.TRANSIENT,
              "Progressing",
              "Progressing"),
          e("Promoting to primary cluster", Kind.TRANSIENT, "Progressing", "Progressing"),
          e("Switchover in progress", Kind.TRANSIENT, "Degraded", "Progressing"),
          e("Failing over", Kind.TRANSIENT, "Degraded", "Progressing"),
          e(
              "Primary instance is being restarted in-place",
              Kind.TRANSIENT,
              "Degraded",
              "Progressing"),
          e(
              "Primary instance is being restarted without a switchover",
              Kind.TRANSIENT,
              "Degraded",
              "Progressing"),
          e("Online upgrade in progress", Kind.TRANSIENT, "Degraded", "Progressing"),
          e("Applying configuration", Kind.TRANSIENT, "Degraded", "Progressing"),
          e(
              "Cluster cannot proceed to reconciliation due to an unknown plugin being required",
              Kind.TRANSIENT,
              "Suspended",
              "Progressing"),
          e("Waiting for user action", Kind.PERSON, "Degraded", "Suspended"),
          e(
              "Cluster is unrecoverable and needs manual intervention",
              Kind.FAILURE,
              "Suspended",
              "Degraded"),
          e("Unable to create required cluster objects", Kind.FAILURE, "Suspended", "Degraded"),
          e(
              "Cluster has incomplete or invalid image catalog",
              Kind.FAILURE,
              "Suspended",
              "Degraded"),
          e(
              "Cluster cannot execute instance online upgrade due to missing architecture binary",
              Kind.FAILURE,
              "Degraded",
              "Degraded"),
          e(
              "Cluster cannot proceed to reconciliation due to an error while interacting with plugins",
              Kind.FAILURE,
              "Unknown",
              "Degraded"),
          e("Not enough disk space", Kind.FAILURE, "Unknown", "Degraded"),
          e(
              "Instance Status Extraction Error: HTTP communication issue",
              Kind.FAILURE,
              "Unknown",
              "Degraded"));

  /**
   * Cluster states beside the phase: hibernation, reconciliation switched off, no status yet, an
   * unknown phase.
   */
  static final List<Expectation> CLUSTER_STATES =
      List.of(
          e("hibernated", Kind.PERSON, "Suspended", "Suspended"),
          e("hibernating", Kind.TRANSIENT, "Degraded", "Progressing"),
          e("rehydrating", Kind.TRANSIENT, "Suspended", "Progressing"),
          e("hibernation-annotation-invalid", Kind.FAILURE, "Degraded", "Degraded"),
          e("reconciliation-disabled", Kind.PERSON, "Suspended", "Suspended"),
          // Argo CD's script reads obj.status.phaseReason of a nil status: a Lua error, which Argo
          // CD shows as Unknown.
          e("just-created", Kind.TRANSIENT, "Unknown", "Progressing"),
          e("newer-operator-phase", Kind.TRANSIENT, "Unknown", "Progressing"),
          // Managed roles, which the primary reconciles after the phase is healthy: the next wave's
          // migrations grant to them.
          e("roles-reconciled", Kind.HEALTHY, "Healthy", "Healthy"),
          e("roles-pending", Kind.TRANSIENT, "Healthy", "Progressing"),
          e("roles-not-reported-yet", Kind.TRANSIENT, "Healthy", "Progressing"),
          e("roles-drop-pending", Kind.TRANSIENT, "Healthy", "Progressing"),
          // A drop PostgreSQL refuses (2BP01) stays in cannotReconcile until a person acts.
          e("roles-cannot-reconcile", Kind.FAILURE, "Healthy", "Degraded"));

  /**
   * Every Ready reason of the Atlas operator (api/v1alpha1/reason.go and its controllers), by
   * fixture name.
   */
  static final List<Expectation> ATLAS =
      List.of(
          e("atlasmigration-00", Kind.TRANSIENT, "Progressing", "Progressing"), // no conditions yet
          e("atlasmigration-01", Kind.HEALTHY, "Healthy", "Healthy"), // Applied
          e("atlasmigration-02", Kind.TRANSIENT, "Progressing", "Progressing"), // Reconciling
          e("atlasmigration-03", Kind.TRANSIENT, "Degraded", "Progressing"), // GettingDevDB
          e("atlasmigration-04", Kind.PERSON, "Degraded", "Suspended"), // ApprovalPending
          e("atlasmigration-05", Kind.FAILURE, "Degraded", "Degraded"), // ReadingMigrationData
          e("atlasmigration-06", Kind.FAILURE, "Degraded", "Degraded"), // WhoAmI
          e("atlasmigration-07", Kind.FAILURE, "Degraded", "Degraded"), // Migrating
          e("atlasmigration-08", Kind.FAILURE, "Degraded", "Degraded"), // ProtectedFlowError
          e("atlasmigration-09", Kind.FAILURE, "Degraded", "Degraded"), // PlanRejected
          e("atlasmigration-10", Kind.FAILURE, "Degraded", "Degraded"), // StoringDirState
          e("atlasschema-11", Kind.TRANSIENT, "Progressing", "Progressing"), // no conditions yet
          e("atlasschema-12", Kind.HEALTHY, "Healthy", "Healthy"), // Applied
          e(
              "atlasschema-13",
              Kind.TRANSIENT,
              "Progressing",
              "Progressing"), // Reconciling, message "Reconciling"
          e(
              "atlasschema-14",
              Kind.TRANSIENT,
              "Degraded",
              "Progressing"), // Reconciling after a schema change
          e("atlasschema-15", Kind.TRANSIENT, "Degraded", "Progressing"), // GettingDevDB
          e("atlasschema-16", Kind.PERSON, "Degraded", "Suspended"), // ApprovalPending
          e("atlasschema-17", Kind.FAILURE, "Degraded", "Degraded"), // ReadSchema
          e("atlasschema-18", Kind.FAILURE, "Degraded", "Degraded"), // CreatingWorkingDir
          e("atlasschema-19", Kind.FAILURE, "Degraded", "Degraded"), // CreatingAtlasClient
          e("atlasschema-20", Kind.FAILURE, "Degraded", "Degraded"), // CalculatingHash
          e("atlasschema-21", Kind.FAILURE, "Degraded", "Degraded"), // WhoAmI
          e("atlasschema-22", Kind.FAILURE, "Degraded", "Degraded"), // LintPolicyError
          e("atlasschema-23", Kind.FAILURE, "Degraded", "Degraded"), // ModifyingAtlasHCL
          e("atlasschema-24", Kind.FAILURE, "Degraded", "Degraded"), // SchemaPush
          e("atlasschema-25", Kind.FAILURE, "Degraded", "Degraded"), // SchemaPlan
          e("atlasschema-26", Kind.FAILURE, "Degraded", "Degraded"), // ListingPlans
          e("atlasschema-27", Kind.FAILURE, "Degraded", "Degraded"), // VerifyingFirstRun
          e("atlasschema-28", Kind.FAILURE, "Degraded", "Degraded"), // ApplyingSchema
          // A new spec (new migrations, a new ConfigMap name) the operator has not reconciled: its
          // Ready=True is stale.
          e("atlasmigration-29", Kind.TRANSIENT, "Healthy", "Progressing"),
          e("atlasschema-30", Kind.TRANSIENT, "Healthy", "Progressing"));

  /**
   * kit's checks for the newest Argo CD, which has every built-in check: the checks must replace
   * them there too.
   */
  private static Map<String, ? extends CharSequence> kitChecks() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().version("3.5").build()))
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .build();
    return ArgoHealthChecks.configMap(new PlatformContext(kit)).data();
  }

  private static String kitCheck(String groupKind) {
    CharSequence script = kitChecks().get("resource.customizations.health." + groupKind);
    assertThat(script).as("kit's argocd-cm check for %s", groupKind).isNotNull();
    return script.toString();
  }

  private static List<JsonNode> fixtures(String file) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        YAML.readerFor(JsonNode.class)
            .readValues(
                ArgoHealthScriptsVersusBuiltInTest.class.getResourceAsStream(
                    "/argocd-health/" + file))) {
      docs.forEachRemaining(
          doc -> {
            if (doc != null && doc.isObject() && !doc.isEmpty()) {
              objects.add(doc);
            }
          });
    }
    return objects;
  }

  private static JsonNode fixture(String file, Predicate<JsonNode> which) {
    List<JsonNode> found = fixtures(file).stream().filter(which).toList();
    assertThat(found).as("fixtures in %s", file).hasSize(1);
    return found.get(0);
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asString();
  }

  private static void assertHealth(
      Expectation expected, JsonNode object, Path builtInScript, String kitScript) {
    ArgoLuaHealth.Result builtIn = ArgoLuaHealth.run(ArgoLuaHealth.read(builtInScript), object);
    ArgoLuaHealth.Result kit = ArgoLuaHealth.run(kitScript, object);

    assertThat(builtIn.status())
        .as("Argo CD's built-in check (%s)", builtIn.message())
        .isEqualTo(expected.builtIn());
    assertThat(kit.status()).as("kit's check (%s)", kit.message()).isEqualTo(expected.kit());
    assertThat(gate(kit.status()))
        .as("what kit's check does to the sync wave")
        .isEqualTo(expected.kind().gate);
    if (expected.kind() == Kind.TRANSIENT) {
      assertThat(kit.status()).as("kit's check of a transient state").isNotEqualTo("Degraded");
    }
    assertThat(kit.message()).as("kit's message").isNotBlank();
  }

  static Stream<Expectation> clusterPhases() {
    return CLUSTER_PHASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusterPhases")
  void clusterCheck_waitsOnTransientPhases_andFailsOnlyOnFailures(Expectation expected) {
    JsonNode cluster =
        fixture(
            "cnpg-clusters.yaml",
            c ->
                name(c).startsWith("phase-")
                    && c.path("status").path("phase").asString().equals(expected.state()));

    assertHealth(
        expected,
        cluster,
        BUILT_IN.resolve("postgresql.cnpg.io/Cluster/health.lua"),
        kitCheck("postgresql.cnpg.io_Cluster"));
  }

  static Stream<Expectation> clusterStates() {
    return CLUSTER_STATES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusterStates")
  void clusterCheck_handlesHibernationAndSuspendedReconciliation(Expectation expected) {
    JsonNode cluster = fixture("cnpg-clusters.yaml", c -> name(c).equals(expected.state()));

    assertHealth(
        expected,
        cluster,
        BUILT_IN.resolve("postgresql.cnpg.io/Cluster/health.lua"),
        kitCheck("postgresql.cnpg.io_Cluster"));
  }

  @Test
  void clusterCheck_namesThePhaseAndCnpgsReason_inItsMessage() {
    JsonNode cluster =
        fixture(
            "cnpg-clusters.yaml",
            c ->
                c.path("status").path("phase").asString().equals("Applying configuration")
                    && name(c).startsWith("phase-"));

    assertThat(ArgoLuaHealth.run(kitCheck("postgresql.cnpg.io_Cluster"), cluster))
        .isEqualTo(
            new ArgoLuaHealth.Result(
                "Progressing", "Applying configuration: PostgreSQL configuration changed"));
  }

  @Test
  void clusterCheck_namesTheRolesItWaitsFor_andWhyCnpgCannotReconcileOne() {
    String check = kitCheck("postgresql.cnpg.io_Cluster");

    assertThat(
            ArgoLuaHealth.run(
                check,
                fixture("cnpg-clusters.yaml", c -> name(c).equals("roles-not-reported-yet"))))
        .isEqualTo(
            new ArgoLuaHealth.Result(
                "Progressing",
                "Waiting for CloudNativePG to reconcile the managed roles (a password's Secret must"
                    + " exist): readers, reporting"));
    assertThat(
            ArgoLuaHealth.run(
                check,
                fixture("cnpg-clusters.yaml", c -> name(c).equals("roles-cannot-reconcile"))))
        .isEqualTo(
            new ArgoLuaHealth.Result(
                "Degraded",
                "Managed roles CloudNativePG cannot reconcile: legacy_etl (could not perform DELETE"
                    + " on role legacy_etl: owner of table orders.daily_totals)"));
  }

  @Test
  void clusterFixtures_holdEveryPhaseOnce_andKitsTableNamesEachOfThem() {
    List<String> fixturePhases =
        fixtures("cnpg-clusters.yaml").stream()
            .filter(c -> name(c).startsWith("phase-"))
            .map(c -> c.path("status").path("phase").asString())
            .toList();
    List<String> expected = CLUSTER_PHASES.stream().map(Expectation::state).toList();

    assertThat(fixturePhases).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ArgoHealthChecks.CNPG_PHASES.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void runbook_saysWhatKitsCheckShows_whenASupervisedUpdateWaitsForAPerson() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(
                        db ->
                            db.instances(3)
                                .storage("1Gi")
                                .primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED)))
            .build();

    String runbook = Runbooks.render("test", kit, kit.services().get(0));

    assertThat(runbook)
        .contains(
            "shows the Cluster "
                + ArgoHealthChecks.CNPG_PHASES.get("Waiting for user action")
                + " in Argo CD");
  }

  static Stream<Expectation> atlas() {
    return ATLAS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("atlas")
  void atlasCheck_waitsForTheDevDatabaseAndApproval_andFailsOnFailedReasons(Expectation expected) {
    JsonNode object = fixture("atlas-operator.yaml", o -> name(o).equals(expected.state()));
    String kind = object.path("kind").asString();

    assertHealth(
        expected,
        object,
        BUILT_IN.resolve("db.atlasgo.io").resolve(kind).resolve("health.lua"),
        kitCheck("db.atlasgo.io_" + kind));
  }

  @Test
  void atlasFixtures_areAllExpected() {
    assertThat(
            fixtures("atlas-operator.yaml").stream()
                .map(ArgoHealthScriptsVersusBuiltInTest::name)
                .toList())
        .containsExactlyElementsOf(ATLAS.stream().map(Expectation::state).toList());
  }
}
