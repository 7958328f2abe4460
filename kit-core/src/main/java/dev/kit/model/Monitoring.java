package dev.kit.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus Operator monitoring of the cluster: a {@code PodMonitor} (CNPG deprecated {@code
 * enablePodMonitor}) and a {@code PrometheusRule} with the alerts that matter for a database.
 *
 * <pre>{@code
 * Monitoring monitoring = Monitoring.builder()
 *     .replicationLagThreshold(Duration.ofSeconds(30))
 *     .lastBackupMaxAge(Duration.ofHours(30))
 *     .selectorLabel("release", "kube-prometheus-stack")
 *     .build();
 * }</pre>
 */
public final class Monitoring {

  /**
   * The backup-age alert's threshold for a schedule that runs at least daily: a day and two hours
   * for the backup to finish.
   */
  public static final Duration DEFAULT_LAST_BACKUP_MAX_AGE = Duration.ofHours(26);

  /**
   * What the default threshold allows a backup to finish, on top of the schedule's longest wait
   * between two runs.
   */
  public static final Duration BACKUP_FINISH_ALLOWANCE = Duration.ofHours(2);

  private final Duration replicationLagThreshold;
  private final Duration archiveFailureWindow;
  private final Optional<Duration> lastBackupMaxAge;
  private final Duration alertFor;
  private final Map<String, String> selectorLabels;

  private Monitoring(
      Duration replicationLagThreshold,
      Duration archiveFailureWindow,
      Optional<Duration> lastBackupMaxAge,
      Duration alertFor,
      Map<String, String> selectorLabels) {
    this.replicationLagThreshold = replicationLagThreshold;
    this.archiveFailureWindow = archiveFailureWindow;
    this.lastBackupMaxAge = lastBackupMaxAge;
    this.alertFor = alertFor;
    this.selectorLabels =
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(selectorLabels));
  }

  public static Monitoring defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder =
        builder()
            .replicationLagThreshold(replicationLagThreshold)
            .archiveFailureWindow(archiveFailureWindow)
            .alertFor(alertFor);
    builder.lastBackupMaxAge = lastBackupMaxAge.orElse(null);
    selectorLabels.forEach(builder::selectorLabel);
    return builder;
  }

  /** Alert when a replica lags the primary by more than this. */
  public Duration replicationLagThreshold() {
    return replicationLagThreshold;
  }

  /**
   * Alert when WAL archiving failed within this window; at least a minute, so that it holds two
   * scrapes.
   */
  public Duration archiveFailureWindow() {
    return archiveFailureWindow;
  }

  /**
   * Alert when the newest base backup is older than this (with a backup schedule only); empty for
   * kit's default: {@link #DEFAULT_LAST_BACKUP_MAX_AGE}, or the schedule's longest wait between two
   * backups plus two hours when that is longer, so a weekly schedule does not alert between runs.
   * When set, at least that wait plus {@link #BACKUP_FINISH_ALLOWANCE}: the age counts from the
   * newest backup's end. A cluster with no completed backup alerts once it has reported for this
   * long.
   */
  public Optional<Duration> lastBackupMaxAge() {
    return lastBackupMaxAge;
  }

  /** How long a condition holds before an alert fires. */
  public Duration alertFor() {
    return alertFor;
  }

  /** Labels Prometheus selects monitors and rules by (such as {@code release}). */
  public Map<String, String> selectorLabels() {
    return selectorLabels;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Monitoring that
        && replicationLagThreshold.equals(that.replicationLagThreshold)
        && archiveFailureWindow.equals(that.archiveFailureWindow)
        && lastBackupMaxAge.equals(that.lastBackupMaxAge)
        && alertFor.equals(that.alertFor)
        && selectorLabels.equals(that.selectorLabels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        replicationLagThreshold, archiveFailureWindow, lastBackupMaxAge, alertFor, selectorLabels);
  }

  @Override
  public String toString() {
    return "Monitoring[replicationLagThreshold="
        + replicationLagThreshold
        + ", archiveFailureWindow="
        + archiveFailureWindow
        + ", lastBackupMaxAge="
        + lastBackupMaxAge
        + ", alertFor="
        + alertFor
        + ", selectorLabels="
        + selectorLabels
        + "]";
  }

  /** Builds {@link Monitoring}; every threshold has a default. */
  public static final class Builder {
    private Duration replicationLagThreshold = Duration.ofSeconds(30);
    private Duration archiveFailureWindow = Duration.ofMinutes(5);
    private @Nullable Duration lastBackupMaxAge;
    private Duration alertFor = Duration.ofMinutes(5);
    private final Map<String, String> selectorLabels = new TreeMap<>();

    private Builder() {}

    public Builder replicationLagThreshold(Duration threshold) {
      this.replicationLagThreshold =
          Objects.requireNonNull(
              threshold,
              "Monitoring.Builder.replicationLagThreshold(threshold): threshold is null; "
                  + "pass a Duration such as Duration.ofSeconds(30)");
      return this;
    }

    public Builder archiveFailureWindow(Duration window) {
      this.archiveFailureWindow =
          Objects.requireNonNull(
              window,
              "Monitoring.Builder.archiveFailureWindow(window): window is null; "
                  + "pass a Duration such as Duration.ofMinutes(5)");
      return this;
    }

    public Builder lastBackupMaxAge(Duration maxAge) {
      this.lastBackupMaxAge =
          Objects.requireNonNull(
              maxAge,
              "Monitoring.Builder.lastBackupMaxAge(maxAge): maxAge is null; pass a Duration such as Duration.ofHours(30),"
                  + " or leave it unset for kit's default from the backup schedule");
      return this;
    }

    public Builder alertFor(Duration alertFor) {
      this.alertFor =
          Objects.requireNonNull(
              alertFor,
              "Monitoring.Builder.alertFor(alertFor): alertFor is null; pass a Duration such as Duration.ofMinutes(5)");
      return this;
    }

    public Builder selectorLabel(String key, String value) {
      selectorLabels.put(
          Objects.requireNonNull(
              key,
              "Monitoring.Builder.selectorLabel(key, value): key is null; pass a label name such as release"),
          Objects.requireNonNull(
              value,
              "Monitoring.Builder.selectorLabel(key, value): value is null; "
                  + "pass the label value, such as kube-prometheus-stack"));
      return this;
    }

    public Monitoring build() {
      return new Monitoring(
          replicationLagThreshold,
          archiveFailureWindow,
          Optional.ofNullable(lastBackupMaxAge),
          alertFor,
          selectorLabels);
    }
  }
}
