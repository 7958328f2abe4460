package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code kit:status} found: one {@link ServiceStatus} per service, in the description's order,
 * as a table for people or JSON for machines.
 */
public final class StatusReport {

  private final List<ServiceStatus> services;
  private final java.util.Optional<String> environment;

  StatusReport(List<ServiceStatus> services, java.util.Optional<String> environment) {
    this.environment = environment;
    this.services = List.copyOf(services);
  }

  public List<ServiceStatus> services() {
    return services;
  }

  /** Whether every object of every service is healthy; {@code kit:status} fails otherwise. */
  public boolean healthy() {
    return services.stream().allMatch(s -> s.health() == Health.HEALTHY);
  }

  /**
   * The table (one row per service, a column per {@link Column}), then each object that is not
   * healthy with what to do, then a summary line.
   */
  public String table() {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("service"));
    // With environments, the env column says which environment's tree this cluster was compared
    // with.
    environment.ifPresent(env -> header.add("env"));
    for (Column column : Column.values()) {
      header.add(column.header());
    }
    rows.add(header);
    for (ServiceStatus service : services) {
      List<String> row = new ArrayList<>(List.of(service.service()));
      environment.ifPresent(row::add);
      for (Column column : Column.values()) {
        row.add(service.cell(column));
      }
      rows.add(row);
    }
    StringBuilder out = new StringBuilder(TextTable.render(rows));
    List<String> problems = new ArrayList<>();
    for (ServiceStatus service : services) {
      for (Finding finding : service.findings()) {
        if (finding.health() != Health.HEALTHY) {
          String what =
              finding.text().isEmpty() || finding.text().startsWith(finding.object())
                  ? finding.text()
                  : finding.object() + ": " + finding.text();
          problems.add(
              (finding.health() == Health.DEGRADED || finding.health() == Health.MISSING
                      ? "✗ "
                      : "… ")
                  + service.service()
                  + ": "
                  + (what.isEmpty() ? finding.object() : what)
                  + " ("
                  + finding.health().label()
                  + ")"
                  + (finding.fix().isEmpty() ? "" : "\n    " + finding.fix()));
        }
      }
    }
    if (!problems.isEmpty()) {
      out.append('\n');
      problems.forEach(problem -> out.append(problem).append('\n'));
    }
    out.append('\n').append(summary()).append('\n');
    return out.toString();
  }

  /** {@code 2 of 4 services healthy; not healthy: payments (Degraded), catalog (Progressing)}. */
  public String summary() {
    long healthy = services.stream().filter(s -> s.health() == Health.HEALTHY).count();
    String summary = healthy + " of " + services.size() + " services healthy";
    List<ServiceStatus> sick = services.stream().filter(s -> s.health() != Health.HEALTHY).toList();
    if (sick.isEmpty()) {
      return summary;
    }
    return summary
        + "; not healthy: "
        + sick.stream()
            .map(s -> s.service() + " (" + s.health().label() + ")")
            .collect(Collectors.joining(", "));
  }

  /**
   * The same as JSON: {@code healthy}, and per service its cells and each object's health, text,
   * fix and facts.
   */
  public String json() {
    return ReportJson.status(services, healthy());
  }
}
