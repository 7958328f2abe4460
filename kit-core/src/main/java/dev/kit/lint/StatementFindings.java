package dev.kit.lint;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.SqlStatement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the findings of one statement, the same way for the text linter and for kit-verify's
 * catalog linter: a rule whose configured severity is {@code OFF}, or that a {@code nolint} comment
 * silences, adds nothing. As Atlas reads {@code -- atlas:nolint} (and kit {@code -- kit:nolint}
 * alike): in the comments directly above the statement it silences the rules it names, or all
 * without a name; in the file's header (its first comment lines, followed by an empty line) it
 * silences the rules it names in every statement, or the whole file without a name. A name is kit's
 * rule id ({@code DROP_TABLE}), Atlas's code ({@code DS102}) or the name of Atlas's analyzer
 * ({@code destructive}); text after a colon is the reason.
 *
 * <pre>{@code
 * List<LintFinding> findings = new ArrayList<>();
 * new StatementFindings(settings, "services/orders/migrations/2_drop.sql", header, statement, findings)
 *     .add(LintRule.DROP_TABLE, "drops table legacy and every row in it");
 * }</pre>
 */
public final class StatementFindings {

  private static final Pattern NOLINT =
      Pattern.compile(
          "^(?:--|#|/\\*)\\s*(?:kit|atlas):nolint(?:\\s+(.*?))?\\s*(?:\\*/)?$", Pattern.DOTALL);

  private final LintSettings settings;
  private final String file;
  private final AtlasFileDirectives header;
  private final SqlStatement statement;
  private final List<LintFinding> findings;

  /**
   * @param settings the severities
   * @param file the migration as the repository names it
   * @param header the file's directives, whose {@code nolint} applies to every statement
   * @param statement the statement the findings are about (its line, its comments)
   * @param findings where findings are added
   */
  public StatementFindings(
      LintSettings settings,
      String file,
      AtlasFileDirectives header,
      SqlStatement statement,
      List<LintFinding> findings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.file = Objects.requireNonNull(file, "file");
    this.header = Objects.requireNonNull(header, "header");
    this.statement = Objects.requireNonNull(statement, "statement");
    this.findings = Objects.requireNonNull(findings, "findings");
  }

  /** Adds a finding of {@code rule}, unless it is off or silenced for this statement. */
  public void add(LintRule rule, String why) {
    if (reportsInFile(settings, header, rule) && !silences(statement.comments(), rule)) {
      findings.add(new LintFinding(rule, settings.severity(rule), file, statement.line(), why));
    }
  }

  /**
   * Whether a finding of {@code rule} about the file rather than one of its statements (such as
   * where Atlas splits it otherwise) counts: its severity is not {@code OFF} and no {@code nolint}
   * of the file's header silences it.
   *
   * @param settings the severities
   * @param header the file's directives
   */
  public static boolean reportsInFile(
      LintSettings settings, AtlasFileDirectives header, LintRule rule) {
    return settings.severity(rule) != LintRule.Severity.OFF && !silences(header.comments(), rule);
  }

  /**
   * Whether a {@code kit:nolint} or {@code atlas:nolint} comment of {@code comments} silences
   * {@code rule}.
   */
  static boolean silences(List<String> comments, LintRule rule) {
    for (String comment : comments) {
      Matcher m = NOLINT.matcher(comment.strip());
      if (!m.matches()) {
        continue;
      }
      // Anything after a colon is the reason: "-- kit:nolint DROP_TABLE: replaced by orders_v2".
      String names = m.group(1) == null ? "" : m.group(1).split(":", 2)[0].strip();
      if (names.isEmpty()) {
        return true;
      }
      for (String name : names.split("[\\s,]+")) {
        if (LintSettings.rule(name) == rule
            || rule.atlasAnalyzer().filter(name::equalsIgnoreCase).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }
}
