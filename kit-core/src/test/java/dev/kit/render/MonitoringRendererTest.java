package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Backups;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Monitoring;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The PodMonitor and PrometheusRule, read back from the YAML kit writes. */
class MonitoringRendererTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String ORDERS_PODS = "pod=~\"orders-cluster-[0-9]+\"";

  @Test
  void podMonitor_selectsTheClustersInstancePods_withKitAndSelectorLabels() {
    Service service =
        service(
            db -> db.instances(3),
            Monitoring.builder().selectorLabel("release", "kube-prometheus-stack").build());

    JsonNode monitor = yaml(MonitoringRenderer.podMonitor(kit(service), service));

    assertThat(monitor.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.path("kind").asString()).isEqualTo("PodMonitor");
    assertThat(monitor.path("metadata").path("name").asString()).isEqualTo("orders-cluster");
    assertThat(monitor.path("metadata").path("namespace").asString()).isEqualTo("shop-prod");
    assertThat(labels(monitor)).containsExactlyEntriesOf(expectedLabels());
    assertThat(strings(monitor.path("metadata").path("annotations")))
        .as("wave 0 by default")
        .containsExactlyEntriesOf(
            Map.of("argocd.argoproj.io/sync-options", "SkipDryRunOnMissingResource=true"));
    assertThat(strings(monitor.path("spec").path("selector").path("matchLabels")))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of("cnpg.io/cluster", "orders-cluster", "cnpg.io/podRole", "instance")));
    JsonNode endpoints = monitor.path("spec").path("podMetricsEndpoints");
    assertThat(endpoints.size()).isEqualTo(1);
    assertThat(strings(endpoints.get(0))).containsExactlyEntriesOf(Map.of("port", "metrics"));
  }

  @Test
  void podMonitor_usesTheClusterNameSetOnTheDatabase() {
    Service service = service(db -> db.clusterName("pg-main"), Monitoring.defaults());

    JsonNode monitor = yaml(MonitoringRenderer.podMonitor(kit(service), service));

    assertThat(monitor.path("metadata").path("name").asString()).isEqualTo("pg-main");
    assertThat(
            monitor
                .path("spec")
                .path("selector")
                .path("matchLabels")
                .path("cnpg.io/cluster")
                .asString())
        .isEqualTo("pg-main");
  }

  @Test
  void prometheusRule_isNamedAfterTheCluster_withOneGroupAndTheSameLabels() {
    Service service =
        service(
            db -> db.instances(3),
            Monitoring.builder().selectorLabel("release", "kube-prometheus-stack").build());

    JsonNode rule = yaml(MonitoringRenderer.prometheusRule(kit(service), service));

    assertThat(rule.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.path("kind").asString()).isEqualTo("PrometheusRule");
    assertThat(rule.path("metadata").path("name").asString()).isEqualTo("orders-cluster-alerts");
    assertThat(rule.path("metadata").path("namespace").asString()).isEqualTo("shop-prod");
    assertThat(labels(rule)).containsExactlyEntriesOf(expectedLabels());
    assertThat(strings(rule.path("metadata").path("annotations")))
        .as("wave 0 by default")
        .containsExactlyEntriesOf(
            Map.of("argocd.argoproj.io/sync-options", "SkipDryRunOnMissingResource=true"));
    JsonNode groups = rule.path("spec").path("groups");
    assertThat(groups.size()).isEqualTo(1);
    assertThat(groups.get(0).path("name").asString()).isEqualTo("orders-cluster");
  }

  @Test
  void prometheusRule_pointsAtTheEnvironmentsRunbook_whenRenderedForAnEnvironment() {
    Service service = service(db -> db.instances(3).backups(plugin()), Monitoring.defaults());
    Kit prod =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("prod", e -> e.destinationName("prod-eu"))
            .service(service)
            .build()
            .in("prod");

    JsonNode rule = yaml(MonitoringRenderer.prometheusRule(prod, prod.services().get(0)));

    List<String> descriptions = new ArrayList<>();
    rule.path("spec")
        .path("groups")
        .get(0)
        .path("rules")
        .forEach(r -> descriptions.add(r.path("annotations").path("description").asString()));
    assertThat(descriptions)
        .hasSize(5)
        .allSatisfy(d -> assertThat(d).endsWith(" See services/orders/envs/prod/RUNBOOK.md."));
  }

  @Test
  void prometheusRule_everyAlertIsLimitedToTheClustersPods_andNamesServiceNamespaceAndCluster() {
    Service service = service(db -> db.instances(3).backups(plugin()), Monitoring.defaults());

    List<JsonNode> rules = rules(service);

    assertThat(alertNames(rules))
        .containsExactly(
            "CnpgReplicationLagHigh",
            "CnpgStreamingReplicasMissing",
            "CnpgWalArchivingFailing",
            "CnpgBackupTooOld",
            "CnpgNoBackupYet");
    for (JsonNode rule : rules) {
      String expr = rule.path("expr").asString();
      assertThat(expr)
          .as(rule.path("alert").asString())
          .contains("namespace=\"shop-prod\"")
          .contains(ORDERS_PODS);
      // every metric selector carries both matchers, not only the first one
      assertThat(count(expr, "{"))
          .isEqualTo(count(expr, "namespace=\"shop-prod\", " + ORDERS_PODS + "}"));
      assertThat(rule.path("labels").path("severity").asString()).isIn("warning", "critical");
      assertThat(rule.path("labels").path("namespace").asString()).isEqualTo("shop-prod");
      assertThat(rule.path("annotations").path("summary").asString())
          .contains("orders")
          .contains("orders-cluster");
      assertThat(rule.path("annotations").path("description").asString())
          .contains(
              "Service orders",
              "namespace shop-prod",
              "CNPG cluster orders-cluster",
              "services/orders/RUNBOOK.md");
      assertThat(rule.path("annotations").has("runbook_url")).isFalse();
    }
  }

  @Test
  void replicationLag_comparesCnpgsLagInSecondsWithTheThreshold() {
    Service service =
        service(
            db -> db.instances(3),
            Monitoring.builder().replicationLagThreshold(Duration.ofSeconds(45)).build());

    JsonNode lag = alert(rules(service), "CnpgReplicationLagHigh");

    assertThat(lag.path("expr").asString()).contains("cnpg_pg_replication_lag{").endsWith("> 45");
    assertThat(lag.path("labels").path("severity").asString()).isEqualTo("warning");
    assertThat(lag.path("annotations").path("summary").asString()).contains("45s");
  }

  @Test
  void streamingReplicas_expectsInstancesMinusOne_onThePrimary_whenThreeInstances() {
    Service service = service(db -> db.instances(3), Monitoring.defaults());

    String expr = alert(rules(service), "CnpgStreamingReplicasMissing").path("expr").asString();

    assertThat(expr)
        .contains(
            "cnpg_pg_replication_streaming_replicas{", "cnpg_pg_replication_in_recovery{", "== 0")
        .endsWith(") < 2");
  }

  @Test
  void replicationAlerts_areAbsent_whenOneInstance() {
    Service service = service(db -> db.instances(1).backups(plugin()), Monitoring.defaults());

    assertThat(alertNames(rules(service)))
        .containsExactly("CnpgWalArchivingFailing", "CnpgBackupTooOld", "CnpgNoBackupYet");
  }

  @Test
  void walArchiving_isAbsent_withoutBackups() {
    Service service = service(db -> db.instances(2), Monitoring.defaults());

    assertThat(alertNames(rules(service)))
        .containsExactly("CnpgReplicationLagHigh", "CnpgStreamingReplicasMissing");
  }

  @Test
  void noPrometheusRule_whenOneInstanceAndNoBackups() {
    Service single = service(db -> db.instances(1), Monitoring.defaults());
    Service replicated = service(db -> db.instances(2), Monitoring.defaults());
    Service backedUp = service(db -> db.instances(1).backups(plugin()), Monitoring.defaults());
    PrometheusRuleKind kind = new PrometheusRuleKind();

    assertThat(kind.appliesTo(kit(single), single)).isFalse();
    assertThat(kind.missing(kit(single), single)).contains("replicas or backups to alert on");
    assertThat(new PodMonitorKind().appliesTo(kit(single), single)).isTrue();
    assertThat(kind.appliesTo(kit(replicated), replicated)).isTrue();
    assertThat(kind.appliesTo(kit(backedUp), backedUp)).isTrue();
  }

  @Test
  void walArchiving_looksForFailuresWithinTheWindow_thatNoSuccessCleared() {
    Service service =
        service(
            db -> db.instances(3).backups(plugin()),
            Monitoring.builder().archiveFailureWindow(Duration.ofSeconds(30)).build());

    JsonNode wal = alert(rules(service), "CnpgWalArchivingFailing");

    assertThat(wal.path("expr").asString())
        .contains(
            "increase(cnpg_pg_stat_archiver_failed_count{namespace=\"shop-prod\", "
                + ORDERS_PODS
                + "}[30s]) > 0")
        .contains(
            "cnpg_pg_stat_archiver_last_failed_time{",
            "> cnpg_pg_stat_archiver_last_archived_time{");
    assertThat(wal.path("labels").path("severity").asString()).isEqualTo("critical");
    assertThat(wal.path("annotations").path("description").asString())
        .contains("within the last 30s");
  }

  @Test
  void backupAge_isAbsent_withoutBackups() {
    Service service = service(db -> db.instances(3), Monitoring.defaults());

    assertThat(alertNames(rules(service))).doesNotContain("CnpgBackupTooOld");
  }

  @Test
  void backupAge_isAbsent_withBackupsButNoSchedule() {
    // No base backup is ever taken: the plugin reports the last one's time as 0, for good.
    Service service =
        service(
            db ->
                db.instances(2)
                    .backups(
                        Backups.builder("s3://acme-backups/orders/")
                            .credentials(S3Credentials.inheritFromPodIdentity())
                            .build()),
            Monitoring.defaults());

    assertThat(alertNames(rules(service)))
        .contains("CnpgWalArchivingFailing")
        .doesNotContain("CnpgBackupTooOld", "CnpgNoBackupYet");
  }

  @Test
  void backupAge_byDefault_waitsForTheSchedulesLongestGapAndTwoHours_whenLongerThan26h() {
    Service weekly = service(db -> db.instances(2).backups(plugin("0 0 2 * * SUN")), defaults());
    Service daily = service(db -> db.instances(2).backups(plugin("0 0 2 * * *")), defaults());
    Service hourly = service(db -> db.instances(2).backups(plugin("@hourly")), defaults());

    assertThat(alert(rules(weekly), "CnpgBackupTooOld").path("expr").asString())
        .endsWith("> " + (170 * 3600));
    assertThat(alert(rules(weekly), "CnpgBackupTooOld").path("annotations").toString())
        .contains("older than 170h");
    assertThat(alert(rules(daily), "CnpgBackupTooOld").path("expr").asString())
        .endsWith("> " + (26 * 3600));
    assertThat(alert(rules(hourly), "CnpgBackupTooOld").path("expr").asString())
        .endsWith("> " + (26 * 3600));
  }

  @Test
  void backupAge_keepsTheDescriptionsMaxAge_whenSet() {
    Service weekly =
        service(
            db -> db.instances(2).backups(plugin("0 0 2 * * SUN")),
            Monitoring.builder().lastBackupMaxAge(Duration.ofDays(8)).build());

    assertThat(alert(rules(weekly), "CnpgBackupTooOld").path("expr").asString())
        .endsWith("> " + (192 * 3600));
  }

  private static Monitoring defaults() {
    return Monitoring.defaults();
  }

  private static Backups plugin(String schedule) {
    return Backups.builder("s3://acme-backups/orders/")
        .credentials(S3Credentials.inheritFromPodIdentity())
        .schedule(schedule)
        .build();
  }

  @Test
  void backupAge_readsThePluginsMetric_withPluginBackups() {
    Service service = service(db -> db.instances(2).backups(plugin()), Monitoring.defaults());

    JsonNode backup = alert(rules(service), "CnpgBackupTooOld");

    assertThat(backup.path("expr").asString())
        .startsWith("time() - (max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{")
        .contains("}) > 0)\n")
        .endsWith("> 93600")
        .doesNotContain("cnpg_collector");
    assertThat(backup.path("annotations").path("summary").asString()).contains("26h");
  }

  @Test
  void backupAge_readsCnpgsCollectorMetric_whenLegacyInTree() {
    Service service =
        service(
            db ->
                db.instances(2)
                    .backups(
                        "s3://acme-backups/orders/",
                        b ->
                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                .schedule("0 0 2 * * *")
                                .legacyInTree()),
            Monitoring.defaults());

    String expr = alert(rules(service), "CnpgBackupTooOld").path("expr").asString();

    assertThat(expr)
        .startsWith("time() - (max(cnpg_collector_last_available_backup_timestamp{")
        .doesNotContain("barman_cloud");
  }

  @Test
  void noBackupYet_firesOnTheMetricsZero_afterTheBackupAgeThreshold() {
    Service weekly = service(db -> db.instances(2).backups(plugin("0 0 2 * * SUN")), defaults());

    JsonNode none = alert(rules(weekly), "CnpgNoBackupYet");

    assertThat(none.path("expr").asString())
        .isEqualTo(
            "max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{namespace=\"shop-prod\", "
                + ORDERS_PODS
                + "}) == 0");
    assertThat(none.path("for").asString()).isEqualTo("170h");
    assertThat(none.path("labels").path("severity").asString()).isEqualTo("warning");
    assertThat(none.path("annotations").path("summary").asString()).contains("170h");
  }

  @Test
  void durations_areWrittenAsPrometheusDurations() {
    Monitoring monitoring =
        Monitoring.builder()
            .archiveFailureWindow(Duration.ofSeconds(30))
            .lastBackupMaxAge(Duration.ofHours(26))
            .alertFor(Duration.ofMinutes(90))
            .build();
    Service custom = service(db -> db.instances(3).backups(plugin()), monitoring);
    Service defaults = service(db -> db.instances(3).backups(plugin()), Monitoring.defaults());

    // CnpgNoBackupYet waits as long as the backup age allows, not alertFor.
    assertThat(rules(custom))
        .filteredOn(rule -> !rule.path("alert").asString().equals("CnpgNoBackupYet"))
        .hasSize(4)
        .allSatisfy(rule -> assertThat(rule.path("for").asString()).isEqualTo("1h30m"));
    assertThat(rules(defaults))
        .filteredOn(rule -> !rule.path("alert").asString().equals("CnpgNoBackupYet"))
        .hasSize(4)
        .allSatisfy(rule -> assertThat(rule.path("for").asString()).isEqualTo("5m"));
    assertThat(alert(rules(custom), "CnpgNoBackupYet").path("for").asString()).isEqualTo("26h");
    assertThat(alert(rules(custom), "CnpgWalArchivingFailing").path("expr").asString())
        .contains("[30s]");
    assertThat(alert(rules(defaults), "CnpgWalArchivingFailing").path("expr").asString())
        .contains("[5m]");
    assertThat(
            alert(rules(custom), "CnpgBackupTooOld").path("annotations").path("summary").asString())
        .contains("26h");
    assertThat(
            alert(rules(defaults), "CnpgReplicationLagHigh")
                .path("annotations")
                .path("summary")
                .asString())
        .contains("30s");
  }

  @Test
  void expressions_arePlausiblePromQL() {
    Service service = service(db -> db.instances(3).backups(plugin()), Monitoring.defaults());

    for (JsonNode rule : rules(service)) {
      String expr = rule.path("expr").asString();
      assertThat(expr)
          .as(rule.path("alert").asString())
          .doesNotContain("null", "Optional", "PT")
          .doesNotEndWith("\n");
      assertBalanced(expr);
      assertThat(count(expr, "\"") % 2).as("quotes in %s", expr).isZero();
    }
  }

  /**
   * Byte-identical output from an equal description built again (selector labels added in the other
   * order), rendered under a locale with other digits and decimal separator and another time zone:
   * what a second machine does. Rendering one object twice in one JVM would prove nothing.
   */
  @Test
  void render_isByteIdentical_whenAnEqualDescriptionIsRenderedUnderAnotherLocaleAndTimeZone() {
    Service service = stableService("team", "checkout", "release", "prom");
    Kit kit = kit(service);
    byte[] rule = file(MonitoringRenderer.prometheusRule(kit, service));
    byte[] monitor = file(MonitoringRenderer.podMonitor(kit, service));

    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      // Thai digits and a decimal comma for anything formatted through the locale; a zone far from
      // UTC.
      Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      Service again = stableService("release", "prom", "team", "checkout");
      Kit kitAgain = kit(again);

      assertThat(again).isNotSameAs(service).isEqualTo(service);
      assertThat(
              new String(
                  file(MonitoringRenderer.prometheusRule(kitAgain, again)), StandardCharsets.UTF_8))
          .isEqualTo(new String(rule, StandardCharsets.UTF_8));
      assertThat(file(MonitoringRenderer.podMonitor(kitAgain, again))).isEqualTo(monitor);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  /**
   * A service with backups, fractional thresholds and the two selector labels in the order given.
   */
  private static Service stableService(String key1, String value1, String key2, String value2) {
    return service(
        db -> db.instances(3).backups(plugin()),
        Monitoring.builder()
            .replicationLagThreshold(Duration.ofMillis(1500))
            .lastBackupMaxAge(Duration.ofHours(26).plusMinutes(30))
            .selectorLabel(key1, value1)
            .selectorLabel(key2, value2)
            .build());
  }

  private static Service service(UnaryOperator<Database.Builder> database, Monitoring monitoring) {
    return Service.builder("orders")
        .namespace("shop-prod")
        .database(db -> database.apply(db.storage("1Gi")))
        .monitoring(monitoring)
        .build();
  }

  private static Kit kit(Service service) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(service)
        .build();
  }

  private static Backups plugin() {
    return Backups.builder("s3://acme-backups/orders/")
        .credentials(S3Credentials.inheritFromPodIdentity())
        .schedule("0 0 2 * * *")
        .build();
  }

  private static Map<String, String> expectedLabels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/component", "monitoring");
    labels.put("app.kubernetes.io/managed-by", "kit");
    labels.put("app.kubernetes.io/name", "orders");
    labels.put("app.kubernetes.io/part-of", "shop");
    labels.put("release", "kube-prometheus-stack");
    return labels;
  }

  private static byte[] file(Object object) {
    return ManifestYaml.file(ManifestYaml.header("test"), ManifestYaml.tree(object));
  }

  private static JsonNode yaml(Object object) {
    return YAML.readTree(file(object));
  }

  private static List<JsonNode> rules(Service service) {
    JsonNode rule = yaml(MonitoringRenderer.prometheusRule(kit(service), service));
    List<JsonNode> rules = new ArrayList<>();
    rule.path("spec").path("groups").get(0).path("rules").forEach(rules::add);
    return rules;
  }

  private static List<String> alertNames(List<JsonNode> rules) {
    return rules.stream().map(r -> r.path("alert").asString()).toList();
  }

  private static JsonNode alert(List<JsonNode> rules, String name) {
    return rules.stream()
        .filter(r -> r.path("alert").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alert " + name + " in " + alertNames(rules)));
  }

  private static Map<String, String> labels(JsonNode object) {
    return strings(object.path("metadata").path("labels"));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    return map;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /**
   * Brackets of every kind close in order; brackets inside string literals (the pod regex) are
   * skipped.
   */
  private static void assertBalanced(String expr) {
    StringBuilder open = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && "({[".indexOf(c) >= 0) {
        open.append(c);
      } else if (!quoted && ")}]".indexOf(c) >= 0) {
        assertThat(open.length()).as("closing %s without opening in %s", c, expr).isPositive();
        char last = open.charAt(open.length() - 1);
        assertThat("({[".indexOf(last))
            .as("%s closes %s in %s", c, last, expr)
            .isEqualTo(")}]".indexOf(c));
        open.setLength(open.length() - 1);
      }
    }
    assertThat(open.toString()).as("unclosed in %s", expr).isEmpty();
    assertThat(quoted).as("unterminated string in %s", expr).isFalse();
  }
}
