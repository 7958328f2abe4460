package dev.kit.status;

import java.util.List;

/**
 * What {@code kit:doctor} found: every check, passed or not, in a fixed order, as lines for people
 * or JSON.
 */
public final class DoctorReport {

  private final List<DoctorCheck> checks;

  DoctorReport(List<DoctorCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public List<DoctorCheck> checks() {
    return checks;
  }

  /** Whether every check passed; {@code kit:doctor} fails otherwise. */
  public boolean passed() {
    return checks.stream().allMatch(DoctorCheck::passed);
  }

  /** One line per check ({@code ✓ ...} or {@code ✗ ... : fix}), then a summary line. */
  public String text() {
    StringBuilder out = new StringBuilder();
    checks.forEach(check -> out.append(check.line()).append('\n'));
    out.append('\n').append(summary()).append('\n');
    return out.toString();
  }

  /** {@code 3 of 9 checks failed}, or {@code all 9 checks passed}. */
  public String summary() {
    long failed = checks.stream().filter(check -> !check.passed()).count();
    return failed == 0
        ? "all " + checks.size() + " checks passed"
        : failed + " of " + checks.size() + " checks failed";
  }

  public String json() {
    return ReportJson.doctor(checks, passed());
  }
}
