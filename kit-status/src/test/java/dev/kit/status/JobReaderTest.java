package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.TxMode;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The migration Job's failed pod's log: read from the container kit's Job template names (a pod
 * with a sidecar has two, and the API server wants a name then), and when it cannot be read, the
 * Job still reads as failed with where to look (and, when reading it is forbidden, what to grant),
 * unless the cluster refused the credentials.
 */
class JobReaderTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String LOG =
      "/api/v1/namespaces/payments/pods/payments-migrate-q9d4w/log?pretty=false&container=atlas&tailLines=400";

  /** The failed pod, with a service mesh's sidecar beside kit's container. */
  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: payments-migrate-q9d4w
        namespace: payments
        labels: {job-name: payments-migrate}
      spec:
        restartPolicy: Never
        containers:
          - {name: istio-proxy, image: istio/proxyv2:1.24.0}
          - {name: atlas, image: arigaio/atlas:1.2.3}
      status:
        phase: Failed
      """;

  private static final String JOB =
      """
      {"metadata": {"name": "payments-migrate", "namespace": "payments"},
       "status": {"conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}],
                  "failed": 4}}""";

  private static GeneratedTree.ServiceTree payments;
  private MockCluster mock;

  @BeforeAll
  static void plan() {
    payments =
        GeneratedTree.of(new Shop().describe(), Shop.plan(), Optional.empty(), Optional.of("prod"))
            .services()
            .stream()
            .filter(s -> s.name().equals("payments"))
            .findFirst()
            .orElseThrow();
  }

  @BeforeEach
  void start() {
    mock = MockCluster.empty().seed(POD);
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  @Test
  void read_locatesTheFailure_inTheAtlasContainersLog_whenThePodHasASidecar() throws IOException {
    mock.log("payments", "payments-migrate-q9d4w", "atlas", resource("payments-migrate-q9d4w"));

    Finding finding = read();

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text())
        .isEqualTo(
            "failed: services/payments/migrations/20250301100000_index_payments_order.sql:4:"
                + " pq: canceling statement due to statement timeout");
  }

  @Test
  void read_saysTheJobFailedAndWhereToLook_whenTheLogCannotBeRead() {
    mock.answer(
        LOG,
        400,
        status(400, "BadRequest", "container atlas is not valid for pod payments-migrate-q9d4w"));

    Finding finding = read();

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text()).isEqualTo("Job failed: BackoffLimitExceeded");
    assertThat(finding.fix())
        .startsWith(
            "kubectl logs job/payments-migrate -n payments -c atlas shows why (kit could not read"
                + " it: ")
        .contains("container atlas is not valid for pod payments-migrate-q9d4w")
        .endsWith("); fix it, then sync again");
    assertThat((String) finding.facts().get("logError"))
        .contains("container atlas is not valid for pod payments-migrate-q9d4w");
  }

  /** The Job is judged from its status; a user who may not read pods/log still learns it failed. */
  @Test
  void read_saysTheJobFailedAndWhatToGrant_whenReadingTheLogIsForbidden() {
    mock.answer(
        LOG,
        403,
        status(
            403,
            "Forbidden",
            "pods \"payments-migrate-q9d4w\" is forbidden: User \"dev\" cannot get resource \"pods/log\""
                + " in API group \"\" in the namespace \"payments\""));

    Finding finding = read();

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text()).isEqualTo("Job failed: BackoffLimitExceeded");
    assertThat(finding.fix())
        .isEqualTo(
            "kit could not read the log (forbidden: grant get pods/log in namespace payments);"
                + " then kubectl logs job/payments-migrate -n payments -c atlas shows why; fix it,"
                + " then sync again");
    assertThat((String) finding.facts().get("logError")).contains("forbidden: user \"dev\"");
  }

  @Test
  void read_failsWithTheAccessError_whenTheCredentialsAreRejected() {
    mock.answer(LOG, 401, status(401, "Unauthorized", "Unauthorized"));

    assertThatThrownBy(this::read)
        .isInstanceOf(ClusterAccessException.class)
        .hasMessageContaining("rejected the credentials (401 Unauthorized)");
  }

  @Test
  void read_takesTheAtlasContainer_whenAPatchAddedOneBeforeIt() throws IOException {
    PlannedObject planned = plannedJob();
    ObjectNode body = (ObjectNode) planned.body().deepCopy();
    ArrayNode containers =
        (ArrayNode) body.path("spec").path("template").path("spec").path("containers");
    containers.insertObject(0).put("name", "cloud-sql-proxy").put("image", "proxy:2");
    PlannedObject patched =
        new PlannedObject(
            planned.service(),
            planned.path(),
            planned.apiVersion(),
            planned.kind(),
            planned.namespace(),
            planned.name(),
            planned.generated(),
            body);
    mock.log("payments", "payments-migrate-q9d4w", "atlas", resource("payments-migrate-q9d4w"));

    Finding finding = read(patched);

    assertThat(finding.text()).startsWith("failed: services/payments/migrations/");
  }

  /**
   * Without {@code --tx-mode} Atlas runs each file in a transaction, which PostgreSQL rolls back:
   * the next run applies the failed file from its first statement, not from the failed one.
   */
  @Test
  void locate_saysTheFileRunsAgainFromItsStart_whenItRanInATransaction() {
    String name =
        payments.migrations().keySet().stream()
            .filter(file -> file.endsWith(".sql"))
            .filter(file -> !payments.migrations().get(file).startsWith("-- atlas:txmode"))
            .findFirst()
            .orElseThrow();
    AtlasApplyLog.Failure failure =
        new AtlasApplyLog.Failure(
            Optional.of(name.substring(0, name.indexOf('_'))),
            Optional.empty(),
            "pq: relation \"payments\" already exists",
            List.of());

    JobReader.Located located = JobReader.locate(failure, payments, TxMode.FILE);

    assertThat(located.fix())
        .isEqualTo(
            "correct the statement or the state it expects, then sync again: the file was rolled"
                + " back, and the next run applies it from its first statement (a migration that ran"
                + " elsewhere must not change: add a new one instead)");
  }

  /** The failing file starts with {@code -- atlas:txmode none}, and the Job passes no flag. */
  @Test
  void read_saysAtlasResumesAtTheFailedStatement_whenTheFileRanWithoutATransaction()
      throws IOException {
    mock.log("payments", "payments-migrate-q9d4w", "atlas", resource("payments-migrate-q9d4w"));

    assertThat(read().fix())
        .startsWith(
            "correct the statement or the state it expects, then sync again: Atlas resumes at the"
                + " failed statement; the file runs without a transaction");
  }

  /**
   * With {@code --tx-mode all} on the Job's command line the whole run is one transaction, and
   * Atlas refuses the file's {@code none} directive, so the run's mode is what applies.
   */
  @Test
  void read_saysTheRunWasRolledBack_whenTheJobRunsAtlasWithTxModeAll() throws IOException {
    PlannedObject planned = plannedJob();
    ObjectNode body = (ObjectNode) planned.body().deepCopy();
    ArrayNode containers =
        (ArrayNode) body.path("spec").path("template").path("spec").path("containers");
    ((ArrayNode) containers.get(0).path("args")).add("--tx-mode").add("all");
    mock.log("payments", "payments-migrate-q9d4w", "atlas", resource("payments-migrate-q9d4w"));

    Finding finding =
        read(
            new PlannedObject(
                planned.service(),
                planned.path(),
                planned.apiVersion(),
                planned.kind(),
                planned.namespace(),
                planned.name(),
                planned.generated(),
                body));

    assertThat(finding.fix())
        .startsWith(
            "correct the statement or the state it expects, then sync again: the run was rolled"
                + " back, and the next one applies every pending file again");
  }

  /**
   * Atlas refuses a directory whose files do not match atlas.sum before it runs a statement; kit
   * writes atlas.sum, so the fix is kit's, not {@code atlas migrate hash}.
   */
  @Test
  void read_saysToRestoreAndRegenerateAtlasSum_whenAtlasReportsAChecksumMismatch()
      throws IOException {
    try (InputStream in =
        JobReaderTest.class.getResourceAsStream("/atlas-logs/checksum-error.log")) {
      mock.log(
          "payments",
          "payments-migrate-q9d4w",
          "atlas",
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    Finding finding = read();

    assertThat(finding.health()).isEqualTo(Health.DEGRADED);
    assertThat(finding.text()).isEqualTo("failed: checksum mismatch");
    assertThat(finding.fix())
        .isEqualTo(
            "the migrations do not match services/payments/migrations/atlas.sum (a file changed"
                + " after mvn kit:generate wrote it, or a migration that already ran was edited):"
                + " put back any applied migration that changed (mvn kit:check names it) and make"
                + " the change in a new one, run mvn kit:generate to rewrite atlas.sum, commit, then"
                + " sync again; kubectl logs job/payments-migrate -n payments -c atlas has the whole"
                + " run");
  }

  private Finding read() {
    return read(plannedJob());
  }

  private static PlannedObject plannedJob() {
    return payments.objects().stream()
        .filter(o -> o.kind().equals("Job"))
        .findFirst()
        .orElseThrow();
  }

  private Finding read(PlannedObject job) {
    Inspection inspection =
        new Inspection(
            new ReadOnlyCluster(mock.client(), "mock"),
            new ReadOnlyCluster(mock.client(), "mock"),
            new Moments(ShopCluster.clock()),
            payments,
            Optional.empty());
    // the Job ran the migrations kit generates now
    ObjectNode live = (ObjectNode) YAML.readTree(JOB);
    live.putObject("spec").set("template", job.body().path("spec").path("template"));
    return KindReaders.of(job).read(job, live, inspection);
  }

  private static String resource(String pod) throws IOException {
    try (InputStream in =
        JobReaderTest.class.getResourceAsStream(
            "/clusters/shop/prod/logs/payments/" + pod + ".log")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String status(int code, String reason, String message) {
    return """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s","code":%d}"""
        .formatted(message.replace("\"", "\\\""), reason, code);
  }
}
