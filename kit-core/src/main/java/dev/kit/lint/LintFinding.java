package dev.kit.lint;

import java.util.Objects;

/**
 * One lint finding: which rule, how severe, where (the file as the repository names it and the line
 * the statement starts on), why in one line, and the fix.
 *
 * <pre>{@code
 * finding.toString();
 * // services/orders/migrations/20250301100000_drop_legacy.sql:2: error DROP_TABLE (DS102): drops table
 * // public.legacy and every row in it. Fix: keep the table until ...
 * }</pre>
 *
 * @param rule the rule
 * @param severity the configured severity ({@code ERROR} or {@code WARNING}; {@code OFF} findings
 *     are not made)
 * @param file the migration, relative to the repository root
 * @param line the 1-based line of the statement
 * @param why what the statement does and why that is risky, in one line
 */
public record LintFinding(
    LintRule rule, LintRule.Severity severity, String file, int line, String why) {

  public LintFinding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(why, "why");
  }

  /** Whether this finding fails the build. */
  public boolean isError() {
    return severity == LintRule.Severity.ERROR;
  }

  @Override
  public String toString() {
    return file
        + ":"
        + line
        + ": "
        + severity.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + rule.name()
        + rule.atlasCode().map(code -> " (" + code + ")").orElse("")
        + ": "
        + why
        + ". Fix: "
        + rule.fix()
        + ".";
  }
}
