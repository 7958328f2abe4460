package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.plan.FilePlan;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
  private static FilePlan plan;
  private static GeneratedTree tree;

  @BeforeAll
  static void plan() {
    plan = Shop.plan();
    tree = GeneratedTree.of(new Shop().describe(), plan, Optional.empty(), Optional.of("prod"));
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
      cluster_progressing.yaml         | PROGRESSING | Setting up primary: Creating primary instance cluster-example-1, 0/1 ready
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

  @Test
  void cnpgCluster_isDegradedWithTheFix_whenThePhaseNeedsAPerson() {
    Finding finding =
        read(
            "orders",
            "Cluster",
            json(
                """
        {"metadata": {"name": "orders-cluster", "namespace": "orders"},
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

  @Test
  void objectStore_saysNoBackupYet_whenTheWindowIsEmpty() {
    Finding finding =
        read(
            "orders",
            "ObjectStore",
            json(
                """
        {"metadata": {"name": "orders-cluster-backups", "namespace": "orders"}, "status": {}}"""));

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("no backup yet");
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
    GeneratedTree.ServiceTree tree = service(service);
    PlannedObject object =
        tree.objects().stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
    Inspection inspection =
        new Inspection(
            new ReadOnlyCluster(null, "no cluster"),
            new Moments(ShopCluster.clock()),
            tree,
            Optional.empty());
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

  private static JsonNode json(String text) {
    return YAML.readTree(text);
  }
}
