package dev.kit.lint;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
    String text = new String(content, StandardCharsets.UTF_8);
    AtlasFileDirectives directives = AtlasFileDirectives.read(text);
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    TxMode mode;
    SqlScript script;
    try { // its -- atlas:txmode, then its -- atlas:delimiter line
      mode = directives.txMode(global, fileName);
      script = SqlScript.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": Atlas refuses this file: " + e.getMessage(), e);
    }
    List<SqlStatement> statements = script.statements();
    if (statements.isEmpty()) {
      // Atlas's executor records a file of no statements as applied (0 of 0), so it never runs what
      // is added later.
      throw new IllegalArgumentException(
          file
              + ": has no SQL statement, only comments: write the migration's SQL, or "
              + "delete the file (Atlas records an empty migration as applied, so SQL added to it later would never run)");
    }
    List<LintFinding> findings = new ArrayList<>();
    for (SqlScript.AtlasDifference difference : script.atlasDifferences()) {
      LintRule rule = LintRule.of(difference.kind());
      if (StatementFindings.reportsInFile(settings, directives, rule)) {
        findings.add(
            new LintFinding(
                rule, settings.severity(rule), file, difference.line(), difference.why()));
      }
    }
    StatementRules.CreatedInFile created = new StatementRules.CreatedInFile();
    // The file's own BEGIN that is open, such as "BEGIN at line 3", or null.
    @Nullable String opened = null;
    NewEnumValues newEnumValues = new NewEnumValues();
    // Whether the transaction Atlas runs the file in is still open: the file's own COMMIT ends it
    // early (EXPLICIT_TRANSACTION), and what follows runs outside it.
    boolean atlasOpen = mode != TxMode.NONE;
    for (SqlStatement statement : statements) {
      StatementFindings sink =
          new StatementFindings(settings, file, directives, statement, findings);
      new StatementRules(statement, created, sink).run();
      transactionBlock(statement, atlasOpen, opened, directives, global, sink);
      newEnumValues.read(statement, atlasOpen || opened != null, sink);
      opened = explicitTransaction(statement, atlasOpen, opened, global, sink);
      atlasOpen &= !endsTransaction(statement);
    }
    findings.sort(Comparator.comparingInt(LintFinding::line));
    return findings;
  }

  /**
   * Follows the file's own BEGIN ... COMMIT, and warns about one inside the transaction Atlas runs
   * the file in; returns what opened the transaction that is open after the statement.
   */
  private static @Nullable String explicitTransaction(
      SqlStatement statement,
      boolean atlasOpen,
      @Nullable String opened,
      TxMode global,
      StatementFindings sink) {
    List<SqlToken> t = statement.tokens();
    String atlas =
        global == TxMode.ALL
            ? "the transaction Atlas runs the whole migration in (txMode ALL)"
            : "the transaction Atlas runs this file in";
    if (StatementRules.words(t, 0, "BEGIN") || StatementRules.words(t, 0, "START", "TRANSACTION")) {
      String begin = StatementRules.words(t, 0, "BEGIN") ? "BEGIN" : "START TRANSACTION";
      if (atlasOpen || opened != null) {
        sink.add(
            LintRule.EXPLICIT_TRANSACTION,
            begin
                + " inside "
                + (opened == null ? atlas : "the transaction the file's " + opened + " opened")
                + ": PostgreSQL only warns that there is already a transaction in progress");
      }
      return opened != null ? opened : begin + " at line " + statement.line();
    }
    if (endsTransaction(statement)) {
      if (atlasOpen) {
        sink.add(
            LintRule.EXPLICIT_TRANSACTION,
            t.get(0).text().toUpperCase(Locale.ROOT)
                + " ends "
                + atlas
                + " early, so the statements after it and Atlas's record of the migration run"
                + " outside it");
      }
      return null;
    }
    return opened;
  }

  /**
   * Whether the statement ends the transaction it runs in: COMMIT, END, ROLLBACK, ABORT or PREPARE
   * TRANSACTION, but not a ROLLBACK TO a savepoint, a COMMIT PREPARED or one AND CHAIN.
   */
  private static boolean endsTransaction(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    if (StatementRules.words(t, 0, "PREPARE", "TRANSACTION")) {
      return true;
    }
    boolean end =
        StatementRules.words(t, 0, "COMMIT")
            || StatementRules.words(t, 0, "END")
            || StatementRules.words(t, 0, "ROLLBACK")
            || StatementRules.words(t, 0, "ABORT");
    return end
        && !StatementRules.words(t, 1, "PREPARED")
        && !statement.hasWords("TO")
        && !statement.hasWords("AND", "CHAIN");
  }

  private void transactionBlock(
      SqlStatement statement,
      boolean atlasOpen,
      @Nullable String opened,
      AtlasFileDirectives directives,
      TxMode global,
      StatementFindings sink) {
    if (!atlasOpen && opened == null) {
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
            + " cannot run inside a transaction block, and "
            + (!atlasOpen
                ? "the file's " + opened + " opens one"
                : global == TxMode.ALL
                    ? "Atlas runs the whole migration in one (txMode ALL)"
                    : "Atlas runs this file in one");
    why += directives.whyIgnored("txmode").map(ignored -> "; " + ignored).orElse("");
    sink.add(
        concurrently ? LintRule.CONCURRENTLY_IN_TRANSACTION : LintRule.TRANSACTION_BLOCK_REFUSED,
        why);
  }
}
