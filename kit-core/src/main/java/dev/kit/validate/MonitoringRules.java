package dev.kit.validate;

import static dev.kit.validate.Violations.quote;

import dev.kit.model.Monitoring;
import dev.kit.render.CronSchedule;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The monitoring of a service: alert thresholds as Prometheus durations, and the labels Prometheus
 * selects on.
 */
final class MonitoringRules {

  /** Two samples at the usual 30s scrape interval: the least {@code increase()} needs. */
  private static final Duration SHORTEST_ARCHIVE_FAILURE_WINDOW = Duration.ofMinutes(1);

  private MonitoringRules() {}

  /**
   * {@code backupSchedule} is the service's backup schedule, null without one (no backup-age alert
   * then).
   */
  static void check(
      String path, Monitoring m, @Nullable String backupSchedule, Violations violations) {
    positive(path + ".replicationLagThreshold", m.replicationLagThreshold(), "30s", violations);
    if (positive(path + ".archiveFailureWindow", m.archiveFailureWindow(), "5m", violations)
        && m.archiveFailureWindow().compareTo(SHORTEST_ARCHIVE_FAILURE_WINDOW) < 0) {
      violations.add(
          path + ".archiveFailureWindow",
          m.archiveFailureWindow() + " is shorter than a minute",
          "use at least 1 minute, such as 5 minutes: increase() needs two samples in the window,"
              + " and at the usual 30s scrape interval a shorter window rarely holds two, so"
              + " CnpgWalArchivingFailing would never fire");
    }
    if (m.lastBackupMaxAge().isPresent()) {
      Duration maxAge = m.lastBackupMaxAge().get();
      boolean positive = positive(path + ".lastBackupMaxAge", maxAge, "30h", violations);
      // A schedule CNPG refuses, or one that never runs, is said at the schedule.
      if (positive && backupSchedule != null && CronSchedule.problem(backupSchedule).isEmpty()) {
        backupAge(path + ".lastBackupMaxAge", maxAge, backupSchedule, violations);
      }
    }
    if (m.alertFor().isNegative()) {
      violations.add(
          path + ".alertFor",
          m.alertFor() + " is negative",
          "use Duration.ZERO to alert at once, or a duration such as 5 minutes");
    } else if (m.alertFor().toNanosPart() != 0) {
      violations.add(
          path + ".alertFor",
          m.alertFor() + " is not a whole number of seconds",
          "use a duration such as 5 minutes");
    }
    // A loop rather than lambdas, as in ServiceRules: each spins a class in a cold run.
    for (Map.Entry<String, String> label : m.selectorLabels().entrySet()) {
      ServiceRules.label(
          path + ".selectorLabels",
          label.getKey(),
          label.getValue(),
          "select on a label of your own, such as \"release\"",
          "use the label your Prometheus selects on, such as \"release\"",
          violations);
    }
  }

  /**
   * The metric is the newest backup's end time, so before the next backup ends it ages by the wait
   * and that backup's run: a threshold without room for the run fires every cycle.
   */
  private static void backupAge(
      String path, Duration maxAge, String schedule, Violations violations) {
    Optional<Duration> wait = CronSchedule.longestWait(schedule);
    if (wait.isEmpty()) {
      return;
    }
    Duration least = wait.get().plus(Monitoring.BACKUP_FINISH_ALLOWANCE);
    if (maxAge.compareTo(least) < 0) {
      violations.add(
          path,
          maxAge
              + " leaves less than "
              + Monitoring.BACKUP_FINISH_ALLOWANCE
              + " for a backup to finish after the longest wait between two scheduled backups, "
              + wait.get()
              + " (schedule "
              + quote(schedule)
              + "): the alert measures from the newest backup's end, so CnpgBackupTooOld would"
              + " fire while a backup on schedule is still running",
          "set it to at least "
              + least
              + " (the wait and two hours for the backup), or leave it unset: kit then"
              + " derives it from the schedule");
    }
  }

  /** Whether {@code duration} is a positive whole number of seconds; says so when it is not. */
  private static boolean positive(
      String path, Duration duration, String example, Violations violations) {
    if (duration.isNegative() || duration.isZero() || duration.toNanosPart() != 0) {
      violations.add(
          path,
          duration + " is not a positive whole number of seconds",
          "use a duration such as " + example);
      return false;
    }
    return true;
  }
}
