package dev.kit.status;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of {@code kit:status}: a service and what its objects report.
 *
 * @param service the service's name
 * @param namespace the namespace it runs in
 * @param findings one per object, in the order of the generated files
 */
public record ServiceStatus(String service, String namespace, List<Finding> findings) {

  public ServiceStatus {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(namespace, "namespace");
    findings = List.copyOf(findings);
  }

  /** The worst health of its objects. */
  public Health health() {
    return findings.stream().map(Finding::health).reduce(Health.HEALTHY, Health::worst);
  }

  /**
   * What the table shows under {@code column}: the findings' texts joined, or {@code -} when it has
   * none.
   */
  public String cell(Column column) {
    List<Finding> in = findings.stream().filter(f -> f.column() == column).toList();
    if (in.isEmpty()) {
      return "-";
    }
    String text =
        in.stream().map(Finding::text).filter(t -> !t.isEmpty()).collect(Collectors.joining(", "));
    return text.isEmpty()
        ? in.stream().map(Finding::health).reduce(Health.HEALTHY, Health::worst).label()
        : text;
  }
}
