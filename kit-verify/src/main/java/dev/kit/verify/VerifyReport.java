package dev.kit.verify;

import dev.kit.lint.LintFinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@code kit:verify} for a repository: the servers it started and each service's
 * verification.
 *
 * <pre>{@code
 * VerifyReport report = MigrationVerification.forRepository(root).verify(kit, VerifyOptions.of(binaries));
 * report.passed();
 * report.failures().forEach(System.err::println);
 * }</pre>
 *
 * @param servers the PostgreSQL servers started, one per major, with their start-up times
 * @param services one verification per service with migrations
 */
public record VerifyReport(List<Server> servers, List<ServiceVerification> services) {

  public VerifyReport {
    servers = List.copyOf(servers);
    services = List.copyOf(services);
  }

  /**
   * A server kit started.
   *
   * @param major its major version
   * @param version its full version
   * @param startup how long extraction, initdb and start-up took
   */
  public record Server(int major, String version, Duration startup) {}

  /** Whether every service passed. */
  public boolean passed() {
    return services.stream().allMatch(ServiceVerification::passed);
  }

  /** Every error-level line: refused statements, error findings, replay and revert problems. */
  public List<String> failures() {
    List<String> failures = new ArrayList<>();
    for (ServiceVerification service : services) {
      service.error().ifPresent(e -> failures.add(e.toString()));
      service.findings().stream()
          .filter(LintFinding::isError)
          .forEach(f -> failures.add(f.toString()));
      failures.addAll(service.problems());
    }
    return failures;
  }

  /** Every warning-level finding. */
  public List<LintFinding> warnings() {
    return services.stream().flatMap(s -> s.findings().stream()).filter(f -> !f.isError()).toList();
  }
}
