package dev.kit.render;

import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.Monitoring;
import dev.kit.model.Service;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a service's monitoring: a Prometheus Operator {@code PodMonitor} for the CNPG instances
 * (CNPG deprecated {@code spec.monitoring.enablePodMonitor} and recommends one managed next to the
 * Cluster) and a {@code PrometheusRule} whose alerts use the metrics CNPG exports with its default
 * queries.
 */
final class MonitoringRenderer {

  static final String COMPONENT = "monitoring";

  /** The name of the exporter's container port (9187) on every CNPG instance. */
  static final String METRICS_PORT = "metrics";

  static final String CLUSTER_LABEL = "cnpg.io/cluster";
  static final String POD_ROLE_LABEL = "cnpg.io/podRole";

  /**
   * Pooler pods carry {@code cnpg.io/cluster} too and also expose a {@code metrics} port: select
   * instances only.
   */
  static final String POD_ROLE_INSTANCE = "instance";

  // From CNPG's default queries (config/manager/default-monitoring.yaml): pg_replication and
  // pg_stat_archiver.
  static final String REPLICATION_LAG = "cnpg_pg_replication_lag";
  static final String STREAMING_REPLICAS = "cnpg_pg_replication_streaming_replicas";
  static final String IN_RECOVERY = "cnpg_pg_replication_in_recovery";
  static final String ARCHIVER_FAILED_COUNT = "cnpg_pg_stat_archiver_failed_count";
  static final String ARCHIVER_LAST_FAILED_TIME = "cnpg_pg_stat_archiver_last_failed_time";
  static final String ARCHIVER_LAST_ARCHIVED_TIME = "cnpg_pg_stat_archiver_last_archived_time";

  /**
   * Exported by the Barman Cloud plugin (prefix from its name, {@code
   * barman-cloud.cloudnative-pg.io}).
   */
  static final String PLUGIN_LAST_BACKUP =
      "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp";

  /**
   * CNPG's own collector metric: deprecated since 1.26, still set by the in-tree barmanObjectStore.
   */
  static final String IN_TREE_LAST_BACKUP = "cnpg_collector_last_available_backup_timestamp";

  /**
   * Without the Prometheus Operator's CRDs, Argo CD's dry run fails for these kinds and with it the
   * whole sync, the database included; skipped, only these objects fail to apply.
   */
  static final String SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true";

  static final String WARNING = "warning";
  static final String CRITICAL = "critical";

  private MonitoringRenderer() {}

  /**
   * The PodMonitor named after the cluster, selecting its instance pods as CNPG's own PodMonitor
   * did.
   */
  static PodMonitor podMonitor(Kit kit, Service service) {
    Monitoring monitoring = service.monitoring().orElseThrow();
    Map<String, String> matchLabels = new TreeMap<>();
    matchLabels.put(CLUSTER_LABEL, service.clusterName());
    matchLabels.put(POD_ROLE_LABEL, POD_ROLE_INSTANCE);
    PodMonitor.Spec spec =
        new PodMonitor.Spec(
            new PodMonitor.Selector(matchLabels),
            List.of(new PodMonitor.PodMetricsEndpoint(METRICS_PORT)));
    return new PodMonitor(
        PodMonitor.API_VERSION,
        PodMonitor.KIND,
        metadata(kit, service, monitoring, service.clusterName()),
        spec);
  }

  /**
   * Whether any alert can fire for {@code service}: replication alerts need a replica, WAL and
   * backup alerts need backups. Without one, kit writes no PrometheusRule, only the PodMonitor.
   */
  static boolean hasAlerts(Service service) {
    return service.database().instances() > 1 || service.database().backups().isPresent();
  }

  /**
   * The PrometheusRule {@code <cluster>-alerts}: one group named after the cluster, for a service
   * that {@link #hasAlerts has alerts}.
   */
  static PrometheusRule prometheusRule(Kit kit, Service service) {
    Monitoring monitoring = service.monitoring().orElseThrow();
    Alerts alerts =
        new Alerts(
            service,
            monitoring,
            RepositoryLayout.service(kit, service).deployedFile(ServiceLayout.RUNBOOK));
    // Each alert only where it can fire, as the runbook's Alerts section documents them.
    List<Map<String, Object>> rules = new ArrayList<>();
    if (service.database().instances() > 1) {
      rules.add(alerts.replicationLag());
      rules.add(alerts.streamingReplicas(service.database().instances() - 1));
    }
    if (service.database().backups().isPresent()) {
      Backups backups = service.database().backups().get();
      rules.add(alerts.walArchiving());
      // Only with a schedule: without one no base backup is taken, and the plugin reports the last
      // one's time as 0, so the alerts would fire for good.
      if (backups.schedule().isPresent()) {
        Duration maxAge = lastBackupMaxAge(monitoring, backups.schedule().get());
        rules.add(alerts.backupAge(backups, maxAge));
        rules.add(alerts.noBackupYet(backups, maxAge));
      }
    }
    PrometheusRule.Spec spec =
        new PrometheusRule.Spec(
            List.of(new PrometheusRule.RuleGroup(service.clusterName(), rules)));
    return new PrometheusRule(
        PrometheusRule.API_VERSION,
        PrometheusRule.KIND,
        metadata(kit, service, monitoring, service.clusterName() + "-alerts"),
        spec);
  }

  private static ObjectMetadata metadata(
      Kit kit, Service service, Monitoring monitoring, String name) {
    Map<String, String> labels = KitLabels.of(kit, service, COMPONENT);
    // Selector labels win: without them the Prometheus instance would silently ignore the object.
    labels.putAll(monitoring.selectorLabels());
    return ObjectMetadata.builder()
        .withName(name)
        .withNamespace(service.namespace())
        .addToAnnotations("argocd.argoproj.io/sync-options", SKIP_DRY_RUN)
        .withLabels(labels)
        .build();
  }

  /**
   * The alerts of one service; every expression is limited to the cluster's instance pods in its
   * namespace.
   */
  private static final class Alerts {
    private final Service service;
    private final Monitoring monitoring;
    private final String cluster;

    /** Where the runbook is: in the environment's folder when rendered for one. */
    private final String runbook;

    /**
     * CNPG metrics carry no cluster label (only {@code cnpg_collector_up} does); instance pods are
     * named {@code <cluster>-<serial>}, which neither pooler pods nor another cluster's pods match.
     */
    private final String selector;

    Alerts(Service service, Monitoring monitoring, String runbook) {
      this.service = service;
      this.runbook = runbook;
      this.monitoring = monitoring;
      this.cluster = service.clusterName();
      this.selector =
          "{namespace=\"" + service.namespace() + "\", pod=~\"" + cluster + "-[0-9]+\"}";
    }

    Map<String, Object> replicationLag() {
      Duration threshold = monitoring.replicationLagThreshold();
      String expr = REPLICATION_LAG + selector + "\n  > " + seconds(threshold);
      return rule(
          "CnpgReplicationLagHigh",
          expr,
          WARNING,
          "replication lag above " + duration(threshold),
          "Replica {{ $labels.pod }} is {{ $value | humanizeDuration }} behind the primary, more than "
              + duration(threshold)
              + ".");
    }

    Map<String, Object> streamingReplicas(int expected) {
      // The primary (not in recovery) counts its streaming standbys; "or vector(0)" fires when no
      // primary reports.
      String expr =
          "(\n"
              + "  max(\n"
              + "    "
              + STREAMING_REPLICAS
              + selector
              + "\n"
              + "    and on (namespace, pod) ("
              + IN_RECOVERY
              + selector
              + " == 0)\n"
              + "  )\n"
              + "  or vector(0)\n"
              + ") < "
              + expected;
      return rule(
          "CnpgStreamingReplicasMissing",
          expr,
          WARNING,
          "fewer than " + expected + " streaming replicas",
          "The primary has {{ $value }} streaming replicas, fewer than the "
              + expected
              + " expected from "
              + service.database().instances()
              + " instances: a replica is down or not replicating, or no"
              + " primary reports metrics.");
    }

    Map<String, Object> walArchiving() {
      Duration window = monitoring.archiveFailureWindow();
      // Failures within the window that no later success has cleared: a transient failure does not
      // page.
      String expr =
          "(\n"
              + "  increase("
              + ARCHIVER_FAILED_COUNT
              + selector
              + "["
              + duration(window)
              + "]) > 0\n"
              + ")\n"
              + "and on (namespace, pod)\n"
              + "(\n"
              + "  "
              + ARCHIVER_LAST_FAILED_TIME
              + selector
              + "\n"
              + "  > "
              + ARCHIVER_LAST_ARCHIVED_TIME
              + selector
              + "\n"
              + ")";
      return rule(
          "CnpgWalArchivingFailing",
          expr,
          CRITICAL,
          "WAL archiving failing",
          "WAL archiving on {{ $labels.pod }} failed within the last "
              + duration(window)
              + " and has not succeeded since: point-in-time recovery falls behind and pg_wal grows until it"
              + " works again.");
    }

    Map<String, Object> backupAge(Backups backups, Duration maxAge) {
      // Every instance reports the same object-store status (legacy: only the primary is non-zero),
      // hence max; 0 (no backup yet) is CnpgNoBackupYet's, not an age.
      String expr =
          "time() - (max("
              + lastBackupMetric(backups)
              + selector
              + ") > 0)\n  > "
              + seconds(maxAge);
      return rule(
          "CnpgBackupTooOld",
          expr,
          WARNING,
          "last base backup older than " + duration(maxAge),
          "The newest base backup is {{ $value | humanizeDuration }} old, older than "
              + duration(maxAge)
              + ". Measured by "
              + lastBackupSource(backups)
              + ".",
          monitoring.alertFor());
    }

    /**
     * No completed backup for as long as the age alert allows one: a first backup that takes a
     * while is no alarm, one that never comes is.
     */
    Map<String, Object> noBackupYet(Backups backups, Duration maxAge) {
      String expr = "max(" + lastBackupMetric(backups) + selector + ") == 0";
      return rule(
          "CnpgNoBackupYet",
          expr,
          WARNING,
          "no base backup completed in " + duration(maxAge),
          "No base backup has completed in the "
              + duration(maxAge)
              + " the cluster has reported metrics: the scheduled backups fail or do not run."
              + " Measured by "
              + lastBackupSource(backups)
              + ", 0 until a backup completes.",
          maxAge);
    }

    private static String lastBackupMetric(Backups backups) {
      return backups.legacyInTree() ? IN_TREE_LAST_BACKUP : PLUGIN_LAST_BACKUP;
    }

    private static String lastBackupSource(Backups backups) {
      return backups.legacyInTree()
          ? "CNPG's in-tree barmanObjectStore metric " + IN_TREE_LAST_BACKUP
          : "the Barman Cloud plugin's metric " + PLUGIN_LAST_BACKUP;
    }

    private Map<String, Object> rule(
        String alert, String expr, String severity, String summary, String detail) {
      return rule(alert, expr, severity, summary, detail, monitoring.alertFor());
    }

    /** A rule that fires once {@code expr} has held for {@code forDuration}. */
    private Map<String, Object> rule(
        String alert,
        String expr,
        String severity,
        String summary,
        String detail,
        Duration forDuration) {
      Map<String, String> labels = new TreeMap<>();
      labels.put("severity", severity);
      // Aggregated expressions lose the series' namespace: set it on every alert for routing.
      labels.put("namespace", service.namespace());
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("summary", service.name() + ": " + summary + " on CNPG cluster " + cluster);
      annotations.put(
          "description",
          "Service "
              + service.name()
              + ", namespace "
              + service.namespace()
              + ", CNPG cluster "
              + cluster
              + ". "
              + detail
              + " See "
              + runbook
              + ".");
      return PrometheusRule.rule(alert, expr, duration(forDuration), labels, annotations);
    }
  }

  /**
   * The backup-age alert's threshold: the description's, or by default {@link
   * Monitoring#DEFAULT_LAST_BACKUP_MAX_AGE} stretched to the schedule's longest wait between two
   * backups plus two hours for the backup to finish.
   */
  static Duration lastBackupMaxAge(Monitoring monitoring, String schedule) {
    if (monitoring.lastBackupMaxAge().isPresent()) {
      return monitoring.lastBackupMaxAge().get();
    }
    // A schedule that never runs is refused before rendering.
    Duration stretched =
        CronSchedule.longestWait(schedule)
            .orElse(Duration.ZERO)
            .plus(Monitoring.BACKUP_FINISH_ALLOWANCE);
    return stretched.compareTo(Monitoring.DEFAULT_LAST_BACKUP_MAX_AGE) > 0
        ? stretched
        : Monitoring.DEFAULT_LAST_BACKUP_MAX_AGE;
  }

  /** A Prometheus duration, hours at most: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 26h}. */
  static String duration(Duration duration) {
    if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "not a Prometheus duration (whole milliseconds, not negative): " + duration);
    }
    if (duration.isZero()) {
      return "0s";
    }
    long millis = duration.toMillis();
    StringBuilder text = new StringBuilder();
    appendUnit(text, millis / 3_600_000, "h");
    appendUnit(text, millis / 60_000 % 60, "m");
    appendUnit(text, millis / 1_000 % 60, "s");
    appendUnit(text, millis % 1_000, "ms");
    return text.toString();
  }

  private static void appendUnit(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }

  /**
   * Seconds as a PromQL number, exact and without exponent: {@code 30}, {@code 93600}, {@code 0.5}.
   */
  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
