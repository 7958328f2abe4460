package dev.kit.lint;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import dev.kit.model.TxMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Lints a migration from its SQL text for changes that are unsafe on a live database ({@link
 * LintRule}): fast and without a database, what {@code kit:check} runs. Statements are read token
 * by token, so comments, strings and quoted names never fire a rule. {@code kit:verify} lints
 * exactly instead, from the catalog of a real PostgreSQL before and after each statement
 * (kit-verify), with the same rules, severities and {@code nolint} comments.
 *
 * <p>{@code -- kit:nolint RULE} (or Atlas's {@code -- atlas:nolint RULE}, with kit's id, Atlas's
 * code or Atlas's analyzer name) in the comments directly above a statement silences that rule for
 * that statement; without a rule it silences all; text after a colon is the reason ({@code --
 * kit:nolint DROP_TABLE: replaced by orders_v2}). In the file's header it applies to every
 * statement, and without a rule skips the file ({@link StatementFindings}).
 *
 * <pre>{@code
 * TextLinter linter = new TextLinter(LintSettings.defaults());
 * linter.lint("services/orders/migrations/2_drop.sql", "DROP TABLE legacy;".getBytes(UTF_8), TxMode.FILE);
 * // [services/orders/migrations/2_drop.sql:1: error DROP_TABLE (DS102): drops table legacy and every row in it. ...]
 * }</pre>
 */
public final class TextLinter {

  private final LintSettings settings;

  public TextLinter(LintSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Lints one migration from its text.
   *
   * @param file the file as the repository names it, for the findings
   * @param content the file's bytes
   * @param global the service's transaction mode, which the file's {@code atlas:txmode} may
   *     override
   * @throws IllegalArgumentException when Atlas would refuse the file's {@code atlas:txmode} or
   *     {@code atlas:delimiter} directive, or the file has no statement (a skeleton never filled
   *     in)
   */
  public List<LintFinding> lint(String file, byte[] content, TxMode global) {
    AtlasFileDirectives directives = AtlasFileDirectives.read(content);
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    TxMode mode;
    List<SqlStatement> statements;
    try { // its -- atlas:txmode, then its -- atlas:delimiter line
      mode = directives.txMode(global, fileName);
      statements = SqlScript.parse(content).statements();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": Atlas refuses this file: " + e.getMessage(), e);
    }
    if (statements.isEmpty()) {
      // Atlas's executor records a file of no statements as applied (0 of 0), so it never runs what
      // is added later.
      throw new IllegalArgumentException(
          file
              + ": has no SQL statement, only comments: write the migration's SQL, or "
              + "delete the file (Atlas records an empty migration as applied, so SQL added to it later would never run)");
    }
    List<LintFinding> findings = new ArrayList<>();
    StatementRules.CreatedInFile created = new StatementRules.CreatedInFile();
    for (SqlStatement statement : statements) {
      StatementFindings sink =
          new StatementFindings(settings, file, directives, statement, findings);
      new StatementRules(statement, created, sink).run();
      transactionBlock(statement, mode, directives, global, sink);
    }
    findings.sort(Comparator.comparingInt(LintFinding::line));
    return findings;
  }

  private void transactionBlock(
      SqlStatement statement,
      TxMode mode,
      AtlasFileDirectives directives,
      TxMode global,
      StatementFindings sink) {
    if (mode == TxMode.NONE) {
      return;
    }
    List<SqlToken> t = statement.tokens();
    boolean concurrently =
        !t.isEmpty()
            && statement.hasWords("CONCURRENTLY")
            && (t.get(0).isWord("REINDEX")
                || ((t.get(0).isWord("CREATE") || t.get(0).isWord("DROP"))
                    && statement.hasWords("INDEX")));
    Optional<String> refused =
        concurrently ? Optional.empty() : TransactionBlocks.refused(statement);
    if (!concurrently && refused.isEmpty()) {
      return;
    }
    String why =
        (concurrently
                ? t.get(0).text().toUpperCase(Locale.ROOT) + " ... CONCURRENTLY"
                : refused.get())
            + " cannot run inside a transaction block, and Atlas "
            + (global == TxMode.ALL
                ? "runs the whole migration in one (txMode ALL)"
                : "runs this file in one");
    if (directives.ignores("txmode")) {
      why +=
          "; the file's '-- atlas:txmode' is ignored because no empty line follows the header comments";
    }
    sink.add(
        concurrently ? LintRule.CONCURRENTLY_IN_TRANSACTION : LintRule.TRANSACTION_BLOCK_REFUSED,
        why);
  }
}
