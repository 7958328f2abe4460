package dev.kit.lint;

import dev.kit.migration.SqlStatement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the findings of one statement, the same way for the text linter and for kit-verify's
 * catalog linter: a rule whose configured severity is {@code OFF}, or that a {@code -- kit:nolint}
 * or {@code -- atlas:nolint} comment directly above the statement silences, adds nothing.
 *
 * <pre>{@code
 * List<LintFinding> findings = new ArrayList<>();
 * new StatementFindings(settings, "services/orders/migrations/2_drop.sql", statement, findings)
 *     .add(LintRule.DROP_TABLE, "drops table legacy and every row in it");
 * }</pre>
 */
public final class StatementFindings {

  private static final Pattern NOLINT =
      Pattern.compile(
          "^(?:--|#|/\\*)\\s*(?:kit|atlas):nolint(?:\\s+(.*?))?\\s*(?:\\*/)?$", Pattern.DOTALL);

  private final LintSettings settings;
  private final String file;
  private final SqlStatement statement;
  private final List<LintFinding> findings;

  /**
   * @param settings the severities
   * @param file the migration as the repository names it
   * @param statement the statement the findings are about (its line, its comments)
   * @param findings where findings are added
   */
  public StatementFindings(
      LintSettings settings, String file, SqlStatement statement, List<LintFinding> findings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.file = Objects.requireNonNull(file, "file");
    this.statement = Objects.requireNonNull(statement, "statement");
    this.findings = Objects.requireNonNull(findings, "findings");
  }

  /** Adds a finding of {@code rule}, unless it is off or silenced for this statement. */
  public void add(LintRule rule, String why) {
    LintRule.Severity severity = settings.severity(rule);
    if (severity != LintRule.Severity.OFF && !silenced(statement, rule)) {
      findings.add(new LintFinding(rule, severity, file, statement.line(), why));
    }
  }

  /**
   * Whether a {@code kit:nolint} or {@code atlas:nolint} comment above {@code statement} silences
   * {@code rule}.
   */
  static boolean silenced(SqlStatement statement, LintRule rule) {
    for (String comment : statement.comments()) {
      Matcher m = NOLINT.matcher(comment.strip());
      if (!m.matches()) {
        continue;
      }
      // Anything after a colon is the reason: "-- kit:nolint DROP_TABLE: replaced by orders_v2".
      String rules = m.group(1) == null ? "" : m.group(1).split(":", 2)[0].strip();
      if (rules.isEmpty()) {
        return true;
      }
      for (String id : rules.split("[\\s,]+")) {
        if (LintSettings.rule(id) == rule) {
          return true;
        }
      }
    }
    return false;
  }
}
