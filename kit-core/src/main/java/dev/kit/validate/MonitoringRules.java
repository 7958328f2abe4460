package dev.kit.validate;

import static dev.kit.validate.Violations.quote;

import dev.kit.model.Monitoring;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The monitoring of a service: alert thresholds as Prometheus durations, and the labels Prometheus
 * selects on.
 */
final class MonitoringRules {

  private MonitoringRules() {}

  static void check(String path, Monitoring m, Violations violations) {
    positive(path + ".replicationLagThreshold", m.replicationLagThreshold(), "30s", violations);
    positive(path + ".archiveFailureWindow", m.archiveFailureWindow(), "5m", violations);
    positive(path + ".lastBackupMaxAge", m.lastBackupMaxAge(), "26h", violations);
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
      String key = label.getKey();
      if (ServiceRules.RESERVED_LABELS.contains(key)) {
        violations.add(
            path + ".selectorLabels[" + key + "]",
            "is a label kit sets itself",
            "select on a label of your own, such as \"release\"");
      }
      Optional<String> keyProblem = KubernetesNames.labelKey(key);
      if (keyProblem.isPresent()) {
        violations.add(
            path + ".selectorLabels[" + key + "]",
            "key " + quote(key) + " " + keyProblem.get(),
            "use the label your Prometheus selects on, such as \"release\"");
      }
      violations.invalid(
          path + ".selectorLabels[" + key + "]",
          label.getValue(),
          KubernetesNames.labelValue(label.getValue()),
          "shorten or simplify the value");
    }
  }

  private static void positive(
      String path, Duration duration, String example, Violations violations) {
    if (duration.isNegative() || duration.isZero() || duration.toNanosPart() != 0) {
      violations.add(
          path,
          duration + " is not a positive whole number of seconds",
          "use a duration such as " + example);
    }
  }
}
