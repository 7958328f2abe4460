package dev.kit.verify;

import dev.kit.lint.LintFinding;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code kit:verify} found for one service: whether its history applied, the lint findings,
 * whether it replayed from an empty database to the same schema, and what each revert migration
 * restored.
 *
 * <pre>{@code
 * ServiceVerification v = new MigrationVerifier(LintSettings.defaults()).verify(postgres, orders);
 * v.passed();                                 // false when a statement failed or a finding is an error
 * v.error().ifPresent(System.err::println);   // services/orders/migrations/2_x.sql:14:7: ERROR: ...
 * v.findings().forEach(System.out::println);
 * }</pre>
 *
 * @param service the service
 * @param postgresVersion the PostgreSQL version it ran on, such as {@code 17.11}
 * @param files how many migration files were applied
 * @param statements how many statements ran
 * @param firstRun how long the first run took, with a catalog snapshot after every statement
 * @param replay how long the replay from an empty database took
 * @param error the statement PostgreSQL or Atlas refused, if any (nothing after it ran)
 * @param findings the lint findings, file by file
 * @param problems replay and revert problems: each fails the build
 * @param notes what was proved, such as a revert migration that restores the catalog
 * @param warnings what will likely fail in the cluster without failing the build, such as an app
 *     role the migrations grant nothing
 */
public record ServiceVerification(
    String service,
    String postgresVersion,
    int files,
    int statements,
    Duration firstRun,
    Duration replay,
    Optional<MigrationError> error,
    List<LintFinding> findings,
    List<String> problems,
    List<String> notes,
    List<String> warnings) {

  public ServiceVerification {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(error, "error");
    findings = List.copyOf(findings);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  /** Whether nothing here fails the build. */
  public boolean passed() {
    return error.isEmpty()
        && problems.isEmpty()
        && findings.stream().noneMatch(LintFinding::isError);
  }
}
