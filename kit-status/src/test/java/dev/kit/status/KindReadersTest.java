package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.ArgoCd;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Platform;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Each reader on the states its kind reports, from upstream test data where there is some (Argo
 * CD's CNPG Cluster health test data) and otherwise from the CRDs' status shapes; none of these
 * reads the cluster.
 */
class KindReadersTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /** The readers here read only what they are given; one that lists pods would fail. */
  private static final ReadOnlyCluster NO_CLUSTER = new ReadOnlyCluster(null, "no cluster");

  private static FilePlan plan;
  private static GeneratedTree tree;

  /**
   * Services run by the Atlas operator at the versions of Argo CD's test data: orders's migrations
   * end at the version its AtlasMigration files applied, catalog's schema is declarative.
   */
  private static GeneratedTree atlas;

  @BeforeAll
  static void plan(@TempDir Path repository) throws IOException {
    plan = Shop.plan();
    tree = GeneratedTree.of(new Shop().describe(), plan, Optional.empty(), Optional.of("prod"));
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
            .platform(Platform.defaults())
            .service(
                "orders",
                orders ->
                    orders
                        .database(db -> db.storage("1Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .service(
                "catalog",
                catalog ->
                    catalog
                        .database(db -> db.storage("1Gi"))
                        .declarativeSchema(DeclarativeSchema.of("schema.sql")))
            .build();
    Files.createDirectories(repository.resolve("services/orders/migrations"));
    Files.writeString(
        repository.resolve("services/orders/migrations/20230316085611_create_users.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    Files.createDirectories(repository.resolve("services/catalog"));
    Files.writeString(
        repository.resolve("services/catalog/schema.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    atlas =
        GeneratedTree.of(
            kit, Generator.forRepository(repository).plan(kit), Optional.empty(), Optional.empty());
  }

  /**
   * Argo CD's built-in check calls "Failing over" Degraded (its test file's name); kit's calls it
   * Progressing, and so does the status.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      cluster_healthy.yaml             | HEALTHY     | 3/3 ready, primary cluster-example-1
      cluster_progressing.yaml         | PROGRESSING | Setting up primary: Creating primary instance cluster-example-1, 0/3 ready
      cluster_degraded.yaml            | PROGRESSING | Failing over: Initiating a failover from cluster-example-2, 2/3 ready, primary cluster-example-2
      cluster_suspended.yaml           | SUSPENDED   | hibernated, 0/3 ready, primary cluster-example-1
      cluster_reconcile_suspended.yaml | SUSPENDED   | reconciliation disabled, 3/3 ready, primary cluster-example-1
      """)
  void cnpgCluster_readsPhaseReadyAndPrimary_fromArgoCdsTestData(
      String file, Health health, String text) throws IOException {
    JsonNode live =
        YAML.readTree(
            Files.readString(
                TestData.resolve(
                    "conformance/argocd-health/postgresql.cnpg.io/Cluster/testdata/" + file)));

    Finding finding = read("orders", "Cluster", live);

    assertThat(finding.health()).isEqualTo(health);
    assertThat(finding.text()).isEqualTo(text);
    assertThat(finding.fix().isEmpty()).isEqualTo(health == Health.HEALTHY);
  }

  /**
   * kit:status reads the managed roles as kit's Argo CD check does: the same fixtures, whose Lua
   * verdicts kit-core's ArgoHealthScriptsVersusBuiltInTest holds (Healthy, Progressing for the
   * transient states, Degraded for a role PostgreSQL refuses).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      roles-reconciled       | HEALTHY
      roles-pending          | PROGRESSING
      roles-not-reported-yet | PROGRESSING
      roles-drop-pending     | PROGRESSING
      roles-cannot-reconcile | DEGRADED
      """)
  void cnpgCluster_readsTheManagedRoles_asKitsArgoCdCheckDoes(String fixture, Health health)
      throws IOException {
    String all =
        Files.readString(
            TestData.dir()
                .getParent()
                .resolve("kit-core/src/test/resources/argocd-health/cnpg-clusters.yaml"));
    JsonNode live = null;
    for (String document : all.split("\n---\n", -1)) {
      JsonNode cluster = YAML.readTree(document);
      if (cluster.path("metadata").path("name").asString("").equals(fixture)) {
        live = cluster;
      }
    }
    assertThat(live).as(fixture).isNotNull();

    assertThat(read("orders", "Cluster", live).health()).isEqualTo(health);
  }

  @Test
  void cnpgCluster_isDegradedWithTheFix_whenThePhaseNeedsAPerson() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"}, "spec": {"instances": 3},
         "status": {"phase": "Not enough disk space", "phaseReason": "Insufficient disk space detected", "instances": 3,
                    "readyInstances": 2, "currentPrimary": "orders-cluster-1",
                    "lastSuccessfulBackup": "2025-03-01T02:00:05Z", "firstRecoverabilityPoint": "2025-02-01T02:00:04Z"}}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo(
            "Not enough disk space: Insufficient disk space detected, 2/3 ready, primary"
                + " orders-cluster-1, last backup 2025-03-01 02:00 (30h ago)");
    assertThat(finding.fix()).startsWith("kubectl cnpg status orders-cluster -n orders");
    assertThat(finding.facts())
        .containsEntry("lastSuccessfulBackup", "2025-03-01T02:00:05Z")
        .containsEntry("firstRecoverabilityPoint", "2025-02-01T02:00:04Z");
  }

  /**
   * The CRD's {@code status.instances} counts PVC groups, which may outnumber the instances: the
   * desired count is {@code spec.instances}.
   */
  @Test
  void cnpgCluster_countsTheDesiredInstances_notItsPvcGroups() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"},
         "spec": {"instances": 2},
         "status": {"phase": "Cluster in healthy state", "instances": 3, "readyInstances": 2,
                    "currentPrimary": "orders-cluster-1"}}"""));

    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
    assertThat(finding.text()).isEqualTo("2/2 ready, primary orders-cluster-1");
  }

  /**
   * "Cluster in healthy state" is Healthy in kit's Argo CD check and in Argo CD's own, whatever
   * {@code readyInstances} says; the count stays in the text.
   */
  @Test
  void cnpgCluster_isHealthyAsArgoCdSays_whenHealthyStateHasAReplicaNotReady() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"},
         "spec": {"instances": 3},
         "status": {"phase": "Cluster in healthy state", "instances": 3, "readyInstances": 2,
                    "currentPrimary": "orders-cluster-1"}}"""));

    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
    assertThat(finding.text()).isEqualTo("2/3 ready, primary orders-cluster-1");
    assertThat(finding.fix()).isEmpty();
  }

  /**
   * A WAL archive that fails leaves the phase at "Cluster in healthy state" and sets {@code
   * ContinuousArchiving=False} (cloudnative-pg walarchive, also for the Barman Cloud plugin): kit's
   * backup check calls it Degraded, as it does a failed backup on the ObjectStore.
   */
  @Test
  void cnpgCluster_isDegradedWithTheMessage_whenWalArchivingFails() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            healthyCluster(
                """
            {"type": "ContinuousArchiving", "status": "False", "reason": "ContinuousArchivingFailing",
             "message": "unexpected failure invoking barman-cloud-wal-archive: exit status 4"}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo(
            "WAL archiving failing: unexpected failure invoking barman-cloud-wal-archive: exit"
                + " status 4, 3/3 ready, primary orders-cluster-1");
    assertThat(finding.fix())
        .startsWith("kit's backup check, not Argo CD's")
        .contains("kubectl cnpg status orders-cluster -n orders")
        .doesNotContain("kubectl get backups");
    assertThat(finding.facts())
        .containsEntry(
            "archivingError",
            "unexpected failure invoking barman-cloud-wal-archive: exit status 4");
  }

  /**
   * The primary reconciles {@code spec.managed.roles} after the phase is healthy: as kit's Argo CD
   * check, a role not reconciled yet is Progressing (the next wave's migrations grant to it), and
   * one PostgreSQL refuses is Degraded.
   */
  @Test
  void cnpgCluster_waitsForItsManagedRoles_andIsDegradedWhenPostgresRefusesOne() {
    String cluster =
        """
        {"metadata": {"name": "orders-cluster", "namespace": "orders", "generation": 3},
         "spec": {"instances": 1,
                  "managed": {"roles": [{"name": "readers"},
                                        {"name": "reporting", "login": true,
                                         "passwordSecret": {"name": "orders-reporting"}},
                                        {"name": "legacy_etl", "ensure": "absent"}]}},
         "status": {"phase": "Cluster in healthy state", "readyInstances": 1,
                    "currentPrimary": "orders-cluster-1",
                    "managedRolesStatus": %s}}""";

    Finding waiting =
        read(
            "orders",
            "Cluster",
            json(cluster.formatted("{\"byStatus\": {\"reconciled\": [\"readers\"]}}")));
    Finding refused =
        read(
            "orders",
            "Cluster",
            json(
                cluster.formatted(
                    """
                    {"byStatus": {"reconciled": ["readers", "reporting"],
                                  "pending-reconciliation": ["legacy_etl"]},
                     "cannotReconcile": {"legacy_etl": ["could not perform DELETE on role legacy_etl: owner of table orders.daily_totals"]}}""")));
    Finding reconciled =
        read(
            "orders",
            "Cluster",
            json(
                cluster.formatted(
                    "{\"byStatus\": {\"reconciled\": [\"readers\", \"reporting\"],"
                        + " \"not-managed\": [\"legacy_etl\"]}}")));

    assertThat(waiting.health()).isEqualTo(Health.PROGRESSING);
    assertThat(waiting.text())
        .isEqualTo("waiting for the managed roles reporting, 1/1 ready, primary orders-cluster-1");
    assertThat(waiting.fix())
        .contains(
            "a role with a password waits for its Secret: kubectl get secret orders-reporting -n"
                + " orders (type kubernetes.io/basic-auth, username the role's name)");
    assertThat(refused.health()).isEqualTo(Health.DEGRADED);
    assertThat(refused.text())
        .startsWith(
            "managed roles CloudNativePG cannot reconcile: legacy_etl (could not perform DELETE on"
                + " role legacy_etl: owner of table orders.daily_totals)");
    assertThat(refused.fix())
        .startsWith("kit's Argo CD check says the same: PostgreSQL refuses what the Cluster asks");
    assertThat(reconciled.health()).isEqualTo(Health.HEALTHY);
  }

  /** kit:doctor checks a managed role's password Secret: basic-auth, so username and password. */
  @Test
  void cnpgCluster_needsTheSecretOfEachManagedRolesPassword_notOfOneDropped() {
    PlannedObject object =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/manifests/database/cluster.yaml",
            "postgresql.cnpg.io/v1",
            "Cluster",
            "orders",
            "orders-cluster",
            true,
            json(
                """
                {"metadata": {"name": "orders-cluster", "namespace": "orders"},
                 "spec": {"instances": 1, "storage": {"size": "1Gi"},
                          "managed": {"roles": [
                            {"name": "reporting", "login": true, "passwordSecret": {"name": "orders-reporting"}},
                            {"name": "legacy_etl", "ensure": "absent", "passwordSecret": {"name": "orders-legacy"}}]}}}"""));

    assertThat(KindReaders.of(object).needs(object).secrets())
        .singleElement()
        .satisfies(
            use -> {
              assertThat(use.namespace()).isEqualTo("orders");
              assertThat(use.name()).isEqualTo("orders-reporting");
              assertThat(use.keys()).containsExactly("password", "username");
              assertThat(use.reader())
                  .isEqualTo("the Cluster orders-cluster (managed role reporting)");
            });
  }

  /** A failed backup sets {@code LastBackupSucceeded=False} on the Cluster, in-tree or plugin. */
  @Test
  void cnpgCluster_isDegradedWithTheMessage_whenTheLastBackupFailed() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            healthyCluster(
                """
            {"type": "LastBackupSucceeded", "status": "False", "reason": "LastBackupFailed",
             "message": "can't execute backup: no credentials"}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo(
            "last backup failed: can't execute backup: no credentials, 3/3 ready, primary"
                + " orders-cluster-1");
    assertThat(finding.fix())
        .startsWith("kit's backup check, not Argo CD's")
        .contains("kubectl get backups -n orders");
  }

  /**
   * Not failures: a backup that is starting (LastBackupSucceeded False, reason BackupStarted), and
   * the archiving error of a former primary during a switchover, which the new primary's next WAL
   * file replaces.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      LastBackupSucceeded | BackupStarted              | New Backup starting up
      ContinuousArchiving | ContinuousArchivingFailing | switchover in progress, refusing archiving
      """)
  void cnpgCluster_staysHealthy_whenTheConditionIsNoFailure(
      String type, String reason, String message) {
    Finding finding =
        read(
            "orders",
            "Cluster",
            healthyCluster(
                """
            {"type": "%s", "status": "False", "reason": "%s", "message": "%s"}"""
                    .formatted(type, reason, message)));

    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
    assertThat(finding.fix()).isEmpty();
  }

  /** As a Workspace's Synced: a failure reported for an older generation may be fixed already. */
  @Test
  void cnpgCluster_isProgressing_whenTheFailureIsOfAnOlderGeneration() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            healthyCluster(
                """
            {"type": "ContinuousArchiving", "status": "False", "reason": "ContinuousArchivingFailing",
             "message": "exit status 4", "observedGeneration": 2}"""));

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).startsWith("WAL archiving failing: exit status 4");
    assertThat(finding.fix()).contains("generation 3");
  }

  /** A current failure beside an older one is still a failure. */
  @Test
  void cnpgCluster_isDegraded_whenOneFailureIsCurrent() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            healthyCluster(
                """
            {"type": "ContinuousArchiving", "status": "False", "reason": "ContinuousArchivingFailing",
             "message": "exit status 4", "observedGeneration": 2},
            {"type": "LastBackupSucceeded", "status": "False", "reason": "LastBackupFailed",
             "message": "no credentials"}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .startsWith("WAL archiving failing: exit status 4, last backup failed: no credentials");
    assertThat(finding.fix())
        .contains("kubectl cnpg status orders-cluster -n orders")
        .contains("kubectl get backups -n orders");
  }

  /**
   * A supervised update waits for a switchover or a restart of the primary alone
   * (docs/src/rolling_update.md); {@code kubectl cnpg restart <cluster>} restarts every instance.
   */
  @Test
  void cnpgCluster_namesThePrimaryToRestart_whenASupervisedUpdateWaits() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"}, "spec": {"instances": 3},
         "status": {"phase": "Waiting for user action",
                    "phaseReason": "User must issue a supervised switchover", "readyInstances": 3,
                    "currentPrimary": "orders-cluster-1"}}"""));

    assertThat(finding.health()).isEqualTo(Health.SUSPENDED);
    assertThat(finding.fix())
        .contains("kubectl cnpg promote orders-cluster <updated replica> -n orders")
        .contains("kubectl cnpg restart orders-cluster orders-cluster-1 -n orders")
        .doesNotContain("kubectl cnpg restart orders-cluster -n orders");
  }

  /** Without {@code currentPrimary} (not yet reported) the fix says which instance to look up. */
  @Test
  void cnpgCluster_namesAPlaceholder_whenASupervisedUpdateWaitsWithoutAPrimary() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"}, "spec": {"instances": 3},
         "status": {"phase": "Waiting for user action",
                    "phaseReason": "User must issue a supervised switchover", "readyInstances": 3}}"""));

    assertThat(finding.health()).isEqualTo(Health.SUSPENDED);
    assertThat(finding.fix())
        .contains("kubectl cnpg restart orders-cluster <current primary> -n orders");
    assertThat(finding.text()).doesNotContain("primary ");
  }

  /**
   * The fix follows the hibernation condition's reason and the annotation: CloudNativePG removes
   * the condition once the annotation is off, so a condition left with it off only waits for the
   * operator.
   */
  @ParameterizedTest(name = "{0} with annotation {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      True  | Hibernated          | on  | SUSPENDED   | set it to off to wake it
      True  | Hibernated          | off | SUSPENDED   | the operator wakes the cluster on its next reconcile
      False | DeletingPods        | on  | PROGRESSING | is taking it down
      False | WaitingPodsDeletion | on  | PROGRESSING | is taking it down
      False | WaitingForHealthy   | on  | PROGRESSING | is taking it down
      False | DeletingPods        | off | PROGRESSING | the operator wakes the cluster on its next reconcile
      False | WrongAnnotationValue| yes | DEGRADED    | set the cnpg.io/hibernation annotation to on or off
      """)
  void cnpgCluster_choosesTheHibernationFix_byReasonAndAnnotation(
      String status, String reason, String annotation, Health health, String fix) {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders",
                      "annotations": {"cnpg.io/hibernation": "%s"}},
         "spec": {"instances": 3},
         "status": {"phase": "Cluster in healthy state", "readyInstances": 0,
                    "conditions": [{"type": "cnpg.io/hibernation", "status": "%s", "reason": "%s",
                                    "message": "m"}]}}"""
                    .formatted(annotation, status, reason)));

    assertThat(finding.health()).isEqualTo(health);
    assertThat(finding.fix()).contains(fix);
    if (!annotation.equals("on")) {
      assertThat(finding.fix()).doesNotContain("set it to off");
    }
  }

  /**
   * The phases only a fix ends are the ones kit's own Argo CD check (in the plan's argocd-cm) calls
   * Degraded.
   */
  @Test
  void cnpgFailedPhases_areExactlyTheDegradedPhasesOfKitsArgoCdCheck() {
    String check =
        YAML.readTree(plan.text("platform/prod/argocd-cm.yaml"))
            .path("data")
            .path("resource.customizations.health.postgresql.cnpg.io_Cluster")
            .asString();
    Set<String> degraded = new TreeSet<>();
    Matcher entry = Pattern.compile("\\[\"([^\"]+)\"] = \"Degraded\"").matcher(check);
    while (entry.find()) {
      degraded.add(entry.group(1));
    }

    assertThat(degraded).isNotEmpty().isEqualTo(new TreeSet<>(CnpgClusterReader.FAILED_PHASES));
  }

  @ParameterizedTest(name = "{0}/{1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Synced    | Healthy     | Succeeded | HEALTHY     | Synced/Healthy @9f2c1e4
      OutOfSync | Healthy     | Succeeded | PROGRESSING | OutOfSync/Healthy @9f2c1e4
      Synced    | Progressing | Succeeded | PROGRESSING | Synced/Progressing @9f2c1e4
      Synced    | Healthy     | Running   | PROGRESSING | Synced/Healthy @9f2c1e4
      Synced    | Suspended   | Succeeded | SUSPENDED   | Synced/Suspended @9f2c1e4
      Synced    | Degraded    | Succeeded | DEGRADED    | Synced/Degraded @9f2c1e4
      OutOfSync | Missing     | Failed    | DEGRADED    | OutOfSync/Missing @9f2c1e4, sync failed
      OutOfSync | Healthy     | Error     | DEGRADED    | OutOfSync/Healthy @9f2c1e4, sync error
      """)
  void application_readsSyncHealthAndTheLastOperation(
      String sync, String health, String phase, Health expected, String text) {
    Finding finding =
        read(
            "orders",
            "Application",
            json(
                """
        {"metadata": {"name": "orders", "namespace": "argocd"},
         "status": {"sync": {"status": "%s", "revision": "9f2c1e4b7a5d3c2e1f0a9b8c7d6e5f4a3b2c1d0e"},
                    "health": {"status": "%s"},
                    "operationState": {"phase": "%s", "message": "one or more objects failed to apply"}}}"""
                    .formatted(sync, health, phase)));

    assertThat(finding.health()).isEqualTo(expected);
    assertThat(finding.text()).isEqualTo(text);
  }

  @Test
  void application_isDegraded_whenArgoCdReportsAnErrorCondition_thoughItsHealthSaysHealthy() {
    Finding finding =
        read(
            "orders",
            "Application",
            json(
                """
        {"metadata": {"name": "orders", "namespace": "argocd"},
         "status": {"sync": {"status": "Unknown"}, "health": {"status": "Healthy"},
                    "conditions": [
                      {"type": "SharedResourceWarning", "message": "shared"},
                      {"type": "ComparisonError",
                       "message": "Failed to load target state: authentication required"}]}}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text()).isEqualTo("Unknown/Healthy, ComparisonError");
    assertThat(finding.fix())
        .isEqualTo(
            "Argo CD reports ComparisonError: Failed to load target state: authentication required;"
                + " fix what it names (the repository, its path or credentials, or the manifests),"
                + " then argocd app get orders-prod --refresh");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Ready True Applied, current                   | 2 | 2 | True  | Applied         | 20250220120000 | HEALTHY     | 20250220120000 applied
      Ready True, a newer migration pending         | 2 | 2 | True  | Applied         | 20250105100000 | PROGRESSING | 20250105100000 applied, 20250220120000 pending
      generation not reconciled yet                 | 3 | 2 | True  | Applied         | 20250220120000 | PROGRESSING | waiting for the Atlas operator
      Reconciling                                   | 2 | 2 | False | Reconciling     | 20250105100000 | PROGRESSING | applying (Reconciling)
      GettingDevDB                                  | 2 | 2 | False | GettingDevDB    | 20250105100000 | PROGRESSING | applying (GettingDevDB)
      ApprovalPending                               | 2 | 2 | False | ApprovalPending | 20250105100000 | SUSPENDED   | waiting for approval
      Migrating                                     | 2 | 2 | False | Migrating       | 20250105100000 | DEGRADED    | failed: Migrating: Error: checksum mismatch
      """)
  void atlasMigration_readsReadyReasonVersionAndGeneration(
      String name,
      long generation,
      long observed,
      String ready,
      String reason,
      String applied,
      Health expected,
      String text) {
    Finding finding =
        read(
            "catalog",
            "AtlasMigration",
            json(
                """
        {"metadata": {"name": "catalog-migrate", "namespace": "catalog", "generation": %d},
         "status": {"observedGeneration": %d, "lastAppliedVersion": "%s",
                    "conditions": [{"type": "Ready", "status": "%s", "reason": "%s",
                                    "message": "%s"}]}}"""
                    .formatted(
                        generation,
                        observed,
                        applied,
                        ready,
                        reason,
                        reason.equals("Migrating") ? "Error: checksum mismatch" : "")));

    assertThat(finding.health()).isEqualTo(expected);
    assertThat(finding.text()).isEqualTo(text);
  }

  /**
   * The CRDs differ: an AtlasMigration has {@code status.approvalUrl}, an AtlasSchema {@code
   * planLink} (Atlas Cloud's page) and {@code planURL} (the plan's {@code atlas://} URL).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      AtlasSchema    | "planLink": "https://acme.atlasgo.cloud/plans/42", "planURL": "atlas://catalog/plans/42" | https://acme.atlasgo.cloud/plans/42
      AtlasSchema    | "planURL": "atlas://catalog/plans/42"                                                    | atlas://catalog/plans/42
      AtlasMigration | "approvalUrl": "https://acme.atlasgo.cloud/deployments/7"                               | https://acme.atlasgo.cloud/deployments/7
      """)
  void atlasOperator_namesWhereToApprove_whenApprovalIsPending(
      String kind, String fields, String approve) {
    JsonNode live =
        json(
            """
        {"kind": "%s", "metadata": {"name": "catalog", "namespace": "catalog", "generation": 2},
         "status": {"observedGeneration": 2, %s,
                    "conditions": [{"type": "Ready", "status": "False", "reason": "ApprovalPending",
                                    "message": "Schema plan is waiting for approval"}]}}"""
                .formatted(kind, fields));
    PlannedObject object =
        new PlannedObject(
            Optional.of("catalog"),
            "services/catalog/manifests/migrations/atlas.yaml",
            "db.atlasgo.io/v1alpha1",
            kind,
            "catalog",
            "catalog",
            true,
            live);
    Inspection inspection =
        new Inspection(
            NO_CLUSTER,
            NO_CLUSTER,
            new Moments(ShopCluster.clock()),
            service("catalog"),
            Optional.empty());

    Finding finding = KindReaders.of(object).read(object, live, inspection);

    assertThat(finding.health()).isEqualTo(Health.SUSPENDED);
    assertThat(finding.fix()).isEqualTo("approve the plan in Atlas Cloud (" + approve + ")");
  }

  @Test
  void atlasMigration_locatesTheFailedStatement_whenTheOperatorQuotesIt() {
    Finding finding =
        read(
            "catalog",
            "AtlasMigration",
            json(
                """
        {"metadata": {"name": "catalog-migrate", "namespace": "catalog", "generation": 2},
         "status": {"observedGeneration": 2, "lastAppliedVersion": "20250105100000",
                    "conditions": [{"type": "Ready", "status": "False", "reason": "Migrating",
                      "message": "sql/migrate: executing statement \\"ALTER TABLE products ADD COLUMN IF NOT EXISTS description text;\\" from version \\"20250220120000\\": pq: permission denied for table products"}]}}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo(
            "failed: services/catalog/migrations/20250220120000_add_product_description.sql:"
                + line(
                    "catalog",
                    "20250220120000_add_product_description.sql",
                    "ALTER TABLE products ADD COLUMN IF NOT EXISTS description text;")
                + ": pq: permission denied for table products");
  }

  /**
   * Argo CD's test data for the Atlas operator's kinds, each file the verdict its name says. The
   * operator reports a statement of an AtlasSchema's desired state that fails on its dev database
   * as from version "schema": not a migration of the service's.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      AtlasMigration | healthy.yaml     | HEALTHY     | 20230316085611 applied                      |
      AtlasMigration | progressing.yaml | PROGRESSING | applying (Reconciling)                      | the operator is applying the migrations
      AtlasMigration | degraded.yaml    | DEGRADED    | failed: Migrating: Error: checksum mismatch | the migrations do not match services/orders/migrations/atlas.sum (a file changed after mvn kit:generate wrote it, or a migration that already ran was edited): put back any applied migration that changed (mvn kit:check names it) and make the change in a new one, run mvn kit:generate to rewrite atlas.sum, commit, then sync again; kubectl describe atlasmigration orders-migrate -n orders has the operator's message
      AtlasSchema    | healthy.yaml     | HEALTHY     | schema applied                              |
      AtlasSchema    | progressing.yaml | PROGRESSING | applying (Reconciling)                      | the operator is applying the schema
      AtlasSchema    | degraded.yaml    | DEGRADED    | failed: a statement of the desired schema, on the operator's dev database: Error 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'xcreate table users ( | correct the statement in services/catalog/schema.sql (kit writes it into services/catalog/manifests/migrations/atlasschema.yaml), run mvn kit:generate and sync again; kubectl describe atlasschema catalog-schema -n catalog has the operator's message
      """)
  void atlasOperator_readsTheVerdictItsFileNames_fromArgoCdsTestData(
      String kind, String file, Health health, String text, String fix) throws IOException {
    JsonNode live =
        YAML.readTree(
            Files.readString(
                TestData.resolve(
                    "conformance/argocd-health/db.atlasgo.io/" + kind + "/testdata/" + file)));

    Finding finding = read(atlas, kind.equals("AtlasSchema") ? "catalog" : "orders", kind, live);

    assertThat(finding.health()).isEqualTo(health);
    assertThat(finding.text()).isEqualTo(text);
    assertThat(finding.fix()).isEqualTo(fix == null ? "" : fix);
  }

  @Test
  void atlasSchema_masksThePasswordLiteral_whenTheOperatorQuotesTheStatement() {
    Finding finding =
        read(
            atlas,
            "catalog",
            "AtlasSchema",
            json(
                """
        {"metadata": {"name": "catalog-schema", "namespace": "catalog", "generation": 2},
         "status": {"observedGeneration": 2,
                    "conditions": [{"type": "Ready", "status": "False", "reason": "ApplyingSchema",
                      "message": "Error: sql/migrate: executing statement \\"CREATE ROLE app PASSWORD 'hunter2Secret';\\" from version \\"schema\\": pq: syntax error at or near 'hunter2Secret'"}]}}"""));

    assertThat(finding.text())
        .isEqualTo(
            "failed: a statement of the desired schema, on the operator's dev database: pq: syntax"
                + " error at or near '***'");
    assertThat(finding.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void atlasMigration_masksThePasswordLiteral_whenTheOperatorQuotesTheStatement() {
    Finding finding =
        read(
            "catalog",
            "AtlasMigration",
            json(
                """
        {"metadata": {"name": "catalog-migrate", "namespace": "catalog", "generation": 2},
         "status": {"observedGeneration": 2, "lastAppliedVersion": "20250105100000",
                    "conditions": [{"type": "Ready", "status": "False", "reason": "Migrating",
                      "message": "sql/migrate: executing statement \\"ALTER ROLE app PASSWORD 'hunter2Secret';\\" from version \\"20250220120000\\": pq: role \\"app\\" does not exist"}]}}"""));

    assertThat(finding.text())
        .isEqualTo(
            "failed: services/catalog/migrations/20250220120000_add_product_description.sql:"
                + " pq: role \"app\" does not exist");
    assertThat(finding.facts().get("message"))
        .isEqualTo(
            "sql/migrate: executing statement \"ALTER ROLE app PASSWORD '***';\" from version"
                + " \"20250220120000\": pq: role \"app\" does not exist");
    assertThat(finding.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void job_isProgressing_whenItRanAnOlderSetOfMigrations() {
    Finding finding =
        read(
            "orders",
            "Job",
            json(
                """
        {"metadata": {"name": "orders-migrate", "namespace": "orders"},
         "spec": {"template": {"metadata": {"annotations": {"kit.dev/migrations": "h1:older="}}}},
         "status": {"conditions": [{"type": "Complete", "status": "True"}], "succeeded": 1}}"""));

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("ran an older set of migrations");
  }

  /**
   * Argo CD's Job rules (gitops-engine health_job.go): a true {@code Suspended} condition is
   * Suspended; a false one (the Job was resumed) is Healthy, even before it completes.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      held by a queue        | True  | 0 | SUSPENDED | suspended        | spec.suspend holds the Job (a queue such as Kueue, or a person); it runs once resumed
      resumed, running       | False | 1 | HEALTHY   | resumed, running |
      """)
  void job_followsArgoCdsRules_forItsSuspendedCondition(
      String name, String suspended, int active, Health expected, String text, String fix) {
    Finding finding =
        read(
            "orders",
            "Job",
            json(
                """
        {"metadata": {"name": "orders-migrate", "namespace": "orders"},
         "spec": {"suspend": %s},
         "status": {"active": %d, "conditions": [{"type": "Suspended", "status": "%s",
                                                  "reason": "%s"}]}}"""
                    .formatted(
                        suspended.equals("True"),
                        active,
                        suspended,
                        suspended.equals("True") ? "JobSuspended" : "JobResumed")));

    assertThat(finding.health()).isEqualTo(expected);
    assertThat(finding.text()).isEqualTo(text);
    assertThat(finding.fix()).isEqualTo(fix == null ? "" : fix);
  }

  /** A failed run of older migrations is not reported against the files kit generates now. */
  @Test
  void job_saysItFailedOnAnOlderSet_whenItRanAnOlderSetOfMigrations() {
    Finding finding =
        read(
            "orders",
            "Job",
            json(
                """
        {"metadata": {"name": "orders-migrate", "namespace": "orders"},
         "spec": {"template": {"metadata": {"annotations": {"kit.dev/migrations": "h1:older="}}}},
         "status": {"conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}],
                    "failed": 4}}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo("failed on an older set of migrations: BackoffLimitExceeded");
    assertThat(finding.fix())
        .isEqualTo("the next sync runs the Job again with the migrations kit generated now");
  }

  @Test
  void job_isRunningWithItsAttempt_whenAPodFailedAndAnotherRuns() {
    Finding finding =
        read(
            "orders",
            "Job",
            json(
                """
        {"metadata": {"name": "orders-migrate", "namespace": "orders"},
         "status": {"active": 1, "failed": 1}}"""));

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("running (attempt 2)");
  }

  /**
   * Argo CD has no health for an ObjectStore: a new cluster waiting for its first scheduled backup
   * fails nothing.
   */
  @Test
  void objectStore_isHealthyWithNoBackupYet_whenTheWindowIsEmpty() {
    Finding finding =
        read(
            "orders",
            "ObjectStore",
            json(
                """
        {"metadata": {"name": "orders-cluster-backups", "namespace": "orders"}, "status": {}}"""));

    assertThat(finding.health()).isEqualTo(Health.HEALTHY);
    assertThat(finding.text()).isEqualTo("no backup yet");
    assertThat(finding.fix()).isEmpty();
  }

  /**
   * A failed backup says where the error is; it claims nothing about WAL archiving, which the
   * Cluster's own line reports.
   */
  @Test
  void objectStore_isDegradedAndClaimsNothingAboutArchiving_whenTheLastBackupFailed() {
    Finding finding =
        read(
            "orders",
            "ObjectStore",
            json(
                """
        {"metadata": {"name": "orders-cluster-backups", "namespace": "orders"},
         "status": {"serverRecoveryWindow": {"orders-cluster": {
             "lastSuccessfulBackupTime": "2025-03-01T02:00:05Z",
             "lastFailedBackupTime": "2025-03-02T02:00:05Z"}}}}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.fix())
        .contains("kubectl get backups -n orders")
        .doesNotContain("keeps archiving")
        .contains("ContinuousArchiving");
  }

  /** The Pooler CRD's phases are active, paused, inactive and failed. */
  @Test
  void pooler_isSuspendedWithTheFix_whenPgBouncerIsPaused() {
    Finding finding =
        read(
            "orders",
            "Pooler",
            json(
                """
        {"metadata": {"name": "orders-cluster-pooler-rw", "namespace": "orders"},
         "spec": {"type": "rw", "pgbouncer": {"paused": true}},
         "status": {"phase": "paused", "instances": 2}}"""));

    assertThat(finding.health()).isEqualTo(Health.SUSPENDED);
    assertThat(finding.text()).isEqualTo("rw paused");
    assertThat(finding.fix())
        .isEqualTo(
            "PgBouncer holds client connections while paused: unset spec.pgbouncer.paused"
                + " (kubectl patch pooler orders-cluster-pooler-rw -n orders --type json"
                + " -p '[{\"op\": \"remove\", \"path\": \"/spec/pgbouncer/paused\"}]')");
  }

  @Test
  void presence_isDegraded_whenTheObjectReportsReadyFalse() {
    Finding finding =
        read(
            "orders",
            "PodMonitor",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"},
         "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "InvalidConfiguration",
                                    "message": "no matching Prometheus"}]}}"""));

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo("PodMonitor orders-cluster not ready: InvalidConfiguration");
    assertThat(finding.fix()).isEqualTo("no matching Prometheus");
  }

  /**
   * Argo CD's Deployment rules (gitops-engine's health_deployment.go), in its order; Kubernetes
   * omits {@code updatedReplicas} and {@code availableReplicas} when they are 0.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      rolled out                         | false | 2 | 2 | 2 | 2 | 2 | 2 |                          | HEALTHY     |
      paused                             | true  | 2 | 2 | 2 | 2 | 2 | 2 |                          | SUSPENDED   | paused
      generation not observed yet        | false | 3 | 2 | 2 | 2 | 2 | 2 |                          | PROGRESSING | the controller has not observed generation 3 yet
      progress deadline exceeded         | false | 2 | 2 | 2 | 1 | 1 | 1 | ProgressDeadlineExceeded | DEGRADED    | ProgressDeadlineExceeded (ReplicaSet payments-7c9d has timed out progressing.)
      no updatedReplicas (0, so omitted) | false | 2 | 2 | 2 |   | 2 | 2 |                          | PROGRESSING | 0 of 2 replicas updated
      old replicas still running         | false | 2 | 2 | 3 | 2 | 2 | 2 |                          | PROGRESSING | 3 replicas, 2 updated (old ones terminating)
      updated replica not available yet  | false | 2 | 2 | 2 | 2 | 1 | 2 |                          | PROGRESSING | 1 of 2 updated replicas available
      """)
  void deployment_followsArgoCdsRules(
      String name,
      boolean paused,
      long generation,
      long observed,
      int replicas,
      Integer updated,
      int available,
      int ready,
      String reason,
      Health expected,
      String why) {
    JsonNode live =
        json(
            """
        {"kind": "Deployment", "metadata": {"name": "payments", "namespace": "payments", "generation": %d},
         "spec": {"replicas": 2, "paused": %s},
         "status": {"observedGeneration": %d, "replicas": %d, %s "availableReplicas": %d, "readyReplicas": %d,
                    "conditions": [{"type": "Progressing", "status": "%s", "reason": "%s",
                                    "message": "ReplicaSet payments-7c9d has timed out progressing."}]}}"""
                .formatted(
                    generation,
                    paused,
                    observed,
                    replicas,
                    updated == null ? "" : "\"updatedReplicas\": " + updated + ",",
                    available,
                    ready,
                    reason == null ? "True" : "False",
                    reason == null ? "NewReplicaSetAvailable" : reason));

    WorkloadReader.Rollout rollout = WorkloadReader.rollout(live, NO_CLUSTER);

    assertThat(rollout.health()).isEqualTo(expected);
    assertThat(rollout.why()).isEqualTo(why == null ? "" : why);
  }

  /**
   * Past its progress deadline a Deployment is Degraded by Argo CD's rules, and a pod of it stuck
   * for a reason that does not pass by itself is still named first: it says why.
   */
  @Test
  void deployment_pastItsDeadline_stillNamesThePodThatIsStuck() {
    try (MockCluster mock =
        MockCluster.empty()
            .seed(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: payments-5d8f7c9b6-k2x7q
                  namespace: payments
                  labels: {app: payments}
                spec:
                  containers: [{name: app, image: shop/payments:1.0}]
                status:
                  phase: Running
                  containerStatuses:
                    - name: app
                      ready: false
                      restartCount: 9
                      image: shop/payments:1.0
                      imageID: ""
                      state: {waiting: {reason: CrashLoopBackOff}}
                """)) {
      JsonNode live =
          json(
              """
              {"kind": "Deployment", "metadata": {"name": "payments", "namespace": "payments", "generation": 2},
               "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "payments"}}},
               "status": {"observedGeneration": 2, "replicas": 2, "updatedReplicas": 1,
                          "conditions": [{"type": "Progressing", "status": "False",
                                          "reason": "ProgressDeadlineExceeded",
                                          "message": "ReplicaSet payments-7c9d has timed out progressing."}]}}""");

      WorkloadReader.Rollout rollout =
          WorkloadReader.rollout(live, new ReadOnlyCluster(mock.client(), "mock"));

      assertThat(rollout.health()).isEqualTo(Health.DEGRADED);
      assertThat(rollout.why())
          .isEqualTo(
              "CrashLoopBackOff (pod payments-5d8f7c9b6-k2x7q), ProgressDeadlineExceeded"
                  + " (ReplicaSet payments-7c9d has timed out progressing.)");
    }
  }

  /**
   * Before its progress deadline a rolling-out Deployment is Progressing by Argo CD's rules
   * (gitops-engine's health_deployment.go), whatever its pods wait for; a stuck pod is the reason
   * and the fix, not the health.
   */
  @Test
  void deployment_staysProgressingAndNamesThePod_whenAPodIsStuckBeforeTheDeadline() {
    try (MockCluster mock =
        MockCluster.empty()
            .seed(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: payments-5d8f7c9b6-k2x7q
                  namespace: payments
                  labels: {app: payments}
                spec:
                  containers: [{name: app, image: shop/payments:1.0}]
                status:
                  phase: Pending
                  containerStatuses:
                    - name: app
                      ready: false
                      restartCount: 0
                      image: shop/payments:1.0
                      imageID: ""
                      state: {waiting: {reason: ErrImagePull}}
                """)) {
      JsonNode live =
          json(
              """
              {"kind": "Deployment", "metadata": {"name": "payments", "namespace": "payments", "generation": 2},
               "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "payments"}}},
               "status": {"observedGeneration": 2, "replicas": 3, "updatedReplicas": 1, "readyReplicas": 2,
                          "conditions": [{"type": "Progressing", "status": "True",
                                          "reason": "ReplicaSetUpdated"}]}}""");
      Finding finding =
          read("payments", "Deployment", live, new ReadOnlyCluster(mock.client(), "mock"));

      assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
      assertThat(finding.text())
          .isEqualTo("2/2 ready: ErrImagePull (pod payments-5d8f7c9b6-k2x7q)");
      assertThat(finding.fix())
          .isEqualTo("kubectl describe deployment payments -n payments and its pods' logs say why");
    }
  }

  /**
   * Argo CD's StatefulSet rules (gitops-engine's health_statefulset.go): {@code OnDelete} waits for
   * nobody, a partitioned rolling update only for the pods above the partition.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      rolled out                       | 1 | RollingUpdate | 0 | 3 | 3 | b | b | HEALTHY     |
      no observedGeneration yet        |   | RollingUpdate | 0 | 3 | 3 | b | b | PROGRESSING | the controller has not observed generation 1 yet
      a pod not ready                  | 1 | RollingUpdate | 0 | 2 | 3 | b | b | PROGRESSING | 2 of 3 pods ready
      rolling update under way         | 1 | RollingUpdate | 0 | 3 | 1 | a | b | PROGRESSING | 1 of 3 pods above the partition updated
      partition 2, the one above done  | 1 | RollingUpdate | 2 | 3 | 1 | a | b | HEALTHY     |
      OnDelete, pods not replaced yet  | 1 | OnDelete      |   | 3 | 1 | a | b | HEALTHY     |
      no rollingUpdate, new revision   | 1 | RollingUpdate |   | 3 | 1 | a | b | PROGRESSING | 1 of 3 pods at revision b
      """)
  void statefulSet_followsArgoCdsRules(
      String name,
      Long observed,
      String type,
      Integer partition,
      int ready,
      int updated,
      String current,
      String update,
      Health expected,
      String why) {
    JsonNode live =
        json(
            """
        {"kind": "StatefulSet", "metadata": {"name": "queue", "namespace": "orders", "generation": 1},
         "spec": {"replicas": 3, "updateStrategy": {"type": "%s" %s}},
         "status": {%s "replicas": 3, "readyReplicas": %d, "updatedReplicas": %d,
                    "currentRevision": "%s", "updateRevision": "%s"}}"""
                .formatted(
                    type,
                    partition == null
                        ? ""
                        : ", \"rollingUpdate\": {\"partition\": " + partition + "}",
                    observed == null ? "" : "\"observedGeneration\": " + observed + ",",
                    ready,
                    updated,
                    current,
                    update));

    WorkloadReader.Rollout rollout = WorkloadReader.rollout(live, NO_CLUSTER);

    assertThat(rollout.health()).isEqualTo(expected);
    assertThat(rollout.why()).isEqualTo(why == null ? "" : why);
  }

  @Test
  void moments_sayHowLongAgo_inTheClocksZone() {
    Moments moments = new Moments(ShopCluster.clock());

    assertThat(moments.at(ShopCluster.NOW.minusSeconds(30))).isEqualTo("08:09 (just now)");
    assertThat(moments.at(ShopCluster.NOW.minusSeconds(42 * 60))).isEqualTo("07:28 (42m ago)");
    assertThat(moments.at(ShopCluster.NOW.minusSeconds(30 * 3600)))
        .isEqualTo("2025-03-01 02:10 (30h ago)");
    assertThat(moments.at(ShopCluster.NOW.minusSeconds(9 * 86400)))
        .isEqualTo("2025-02-21 08:10 (9d ago)");
    assertThat(Moments.parse("2025-04-25T20:34:19.149106Z"))
        .hasValueSatisfying(
            at -> assertThat(at.get(ChronoField.NANO_OF_SECOND)).isEqualTo(149106000));
    assertThat(Moments.parse("not a time")).isEmpty();
  }

  private static Finding read(String service, String kind, JsonNode live) {
    return read(service, kind, live, NO_CLUSTER);
  }

  private static Finding read(String service, String kind, JsonNode live, ReadOnlyCluster cluster) {
    return read(service(service), kind, live, cluster);
  }

  /** {@code live} read as {@code service}'s {@code kind} in {@code planned}. */
  private static Finding read(GeneratedTree planned, String service, String kind, JsonNode live) {
    return read(
        planned.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow(),
        kind,
        live,
        NO_CLUSTER);
  }

  private static Finding read(
      GeneratedTree.ServiceTree tree, String kind, JsonNode live, ReadOnlyCluster cluster) {
    PlannedObject object =
        tree.objects().stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
    Inspection inspection =
        new Inspection(cluster, cluster, new Moments(ShopCluster.clock()), tree, Optional.empty());
    return KindReaders.of(object).read(object, live, inspection);
  }

  private static GeneratedTree.ServiceTree service(String name) {
    return tree.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static int line(String service, String file, String statement) {
    String sql = service(service).migrations().get(file);
    return (int) sql.substring(0, sql.indexOf(statement)).chars().filter(c -> c == '\n').count()
        + 1;
  }

  /** A Cluster in healthy state at generation 3 with one more condition. */
  private static JsonNode healthyCluster(String condition) {
    return json(
        """
        {"metadata": {"name": "orders-cluster", "namespace": "orders", "generation": 3},
         "spec": {"instances": 3},
         "status": {"phase": "Cluster in healthy state", "readyInstances": 3,
                    "currentPrimary": "orders-cluster-1",
                    "conditions": [{"type": "Ready", "status": "True", "reason": "ClusterIsReady"},
                                   %s]}}"""
            .formatted(condition));
  }

  private static JsonNode json(String text) {
    return YAML.readTree(text);
  }
}
