package dev.kit.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Prometheus Operator monitoring of the cluster: a {@code PodMonitor} (CNPG deprecated
 * {@code enablePodMonitor}) and a {@code PrometheusRule} with the alerts that matter for a database.
 *
 * <pre>{@code
 * Monitoring monitoring = Monitoring.builder()
 *     .replicationLagThreshold(Duration.ofSeconds(30))
 *     .lastBackupMaxAge(Duration.ofHours(26))
 *     .selectorLabel("release", "kube-prometheus-stack")
 *     .build();
 * }</pre>
 *
 * @param replicationLagThreshold alert when a replica lags the primary by more than this
 * @param archiveFailureWindow alert when WAL archiving failed within this window
 * @param lastBackupMaxAge alert when the newest base backup is older than this (with backups only)
 * @param alertFor how long a condition holds before an alert fires
 * @param selectorLabels labels Prometheus selects monitors and rules by (such as {@code release})
 */
public record Monitoring(
    Duration replicationLagThreshold,
    Duration archiveFailureWindow,
    Duration lastBackupMaxAge,
    Duration alertFor,
    Map<String, String> selectorLabels) {

  public Monitoring {
    Objects.requireNonNull(replicationLagThreshold, "replicationLagThreshold");
    Objects.requireNonNull(archiveFailureWindow, "archiveFailureWindow");
    Objects.requireNonNull(lastBackupMaxAge, "lastBackupMaxAge");
    Objects.requireNonNull(alertFor, "alertFor");
    selectorLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(selectorLabels));
  }

  public static Monitoring defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them (an environment's thresholds). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.replicationLagThreshold = replicationLagThreshold;
    b.archiveFailureWindow = archiveFailureWindow;
    b.lastBackupMaxAge = lastBackupMaxAge;
    b.alertFor = alertFor;
    b.selectorLabels.putAll(selectorLabels);
    return b;
  }

  /** Builds {@link Monitoring}; every threshold has a default. */
  public static final class Builder {
    private Duration replicationLagThreshold = Duration.ofSeconds(30);
    private Duration archiveFailureWindow = Duration.ofMinutes(5);
    private Duration lastBackupMaxAge = Duration.ofHours(26);
    private Duration alertFor = Duration.ofMinutes(5);
    private final Map<String, String> selectorLabels = new TreeMap<>();

    private Builder() {}

    public Builder replicationLagThreshold(Duration threshold) {
      this.replicationLagThreshold = Objects.requireNonNull(threshold, "replicationLagThreshold");
      return this;
    }

    public Builder archiveFailureWindow(Duration window) {
      this.archiveFailureWindow = Objects.requireNonNull(window, "archiveFailureWindow");
      return this;
    }

    public Builder lastBackupMaxAge(Duration maxAge) {
      this.lastBackupMaxAge = Objects.requireNonNull(maxAge, "lastBackupMaxAge");
      return this;
    }

    public Builder alertFor(Duration alertFor) {
      this.alertFor = Objects.requireNonNull(alertFor, "alertFor");
      return this;
    }

    public Builder selectorLabel(String key, String value) {
      selectorLabels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Monitoring build() {
      return new Monitoring(replicationLagThreshold, archiveFailureWindow, lastBackupMaxAge, alertFor, selectorLabels);
    }
  }
}
