package dev.kit.lint;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import dev.kit.model.TxMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

  private static final Set<String> CONSTRAINT_WORDS =
      Set.of("constraint", "primary", "unique", "check", "foreign", "exclude");

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
    CreatedInFile created = new CreatedInFile();
    for (SqlStatement statement : statements) {
      StatementFindings sink =
          new StatementFindings(settings, file, directives, statement, findings);
      new TextRules(statement, created, sink).run();
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
    Optional<String> refused = concurrently ? Optional.empty() : refusedInTransaction(statement);
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

  /**
   * The statement's leading words when PostgreSQL refuses to run it inside a transaction block
   * (beyond {@code CONCURRENTLY}), such as {@code VACUUM}.
   */
  private static Optional<String> refusedInTransaction(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    if (words(t, 0, "VACUUM")) {
      return Optional.of("VACUUM");
    }
    for (String kind : List.of("DATABASE", "TABLESPACE", "SUBSCRIPTION")) {
      if (words(t, 0, "CREATE", kind) || words(t, 0, "DROP", kind)) {
        return Optional.of(t.get(0).text().toUpperCase(Locale.ROOT) + " " + kind);
      }
    }
    if (words(t, 0, "ALTER", "SYSTEM")) {
      return Optional.of("ALTER SYSTEM");
    }
    // Refreshing copies tables and needs its own transaction; other ALTER SUBSCRIPTIONs do not.
    if (words(t, 0, "ALTER", "SUBSCRIPTION")
        && (statement.hasWords("REFRESH") || statement.hasWords("PUBLICATION"))
        && !refreshOff(t)) {
      return Optional.of("ALTER SUBSCRIPTION ... PUBLICATION");
    }
    if (words(t, 0, "REINDEX", "DATABASE") || words(t, 0, "REINDEX", "SYSTEM")) {
      return Optional.of("REINDEX " + t.get(1).text().toUpperCase(Locale.ROOT));
    }
    if (words(t, 0, "ALTER", "TABLE")
        && statement.hasWords("DETACH", "PARTITION")
        && statement.hasWords("CONCURRENTLY")) {
      return Optional.of("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY");
    }
    return Optional.empty();
  }

  /** Whether {@code WITH (refresh = false)} keeps an ALTER SUBSCRIPTION from copying tables. */
  private static boolean refreshOff(List<SqlToken> t) {
    for (int i = 0; i + 2 < t.size(); i++) {
      if (t.get(i).isWord("REFRESH")
          && t.get(i + 1).isSymbol('=')
          && t.get(i + 2).isWord("FALSE")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What earlier statements of the file created: changing or dropping it hurts nobody, as Atlas's
   * analyzers skip it too.
   */
  private static final class CreatedInFile {
    // Names without schema, as the statements are read without the search path.
    private final Set<String> tables = new HashSet<>();
    private final Set<String> columns = new HashSet<>(); // table.column
    private final Set<String> indexesOfNewTables = new HashSet<>();
  }

  /** Text rules for one statement. */
  private static final class TextRules {
    private final SqlStatement statement;
    private final List<SqlToken> t;
    private final CreatedInFile created;
    private final StatementFindings sink;

    TextRules(SqlStatement statement, CreatedInFile created, StatementFindings sink) {
      this.statement = statement;
      this.t = statement.tokens();
      this.created = created;
      this.sink = sink;
    }

    void run() {
      if (t.isEmpty()) {
        return;
      }
      if (t.get(0).isWord("DROP") && t.size() > 1) {
        if (t.get(1).isWord("SCHEMA")) {
          names(2)
              .forEach(
                  name ->
                      sink.add(
                          LintRule.DROP_SCHEMA, "drops schema " + name + " and everything in it"));
        } else if (t.get(1).isWord("TABLE")) {
          for (String name : names(2)) {
            if (!created.tables.contains(last(name))) {
              sink.add(LintRule.DROP_TABLE, "drops table " + name + " and every row in it");
            }
          }
        } else if (t.get(1).isWord("INDEX") && !wordsAt(2, "CONCURRENTLY")) {
          for (String name : names(2)) {
            if (!created.indexesOfNewTables.contains(last(name))) {
              sink.add(
                  LintRule.DROP_INDEX_LOCKING,
                  "drops index "
                      + name
                      + " without CONCURRENTLY, so reads and writes of its table wait until it is"
                      + " dropped");
            }
          }
        }
      } else if (t.get(0).isWord("CREATE")) {
        create();
      } else if (t.get(0).isWord("ALTER") && t.size() > 1 && t.get(1).isWord("TABLE")) {
        alterTable();
      }
    }

    private void create() {
      int i = 1;
      while (i < t.size()
          && (t.get(i).isWord("OR")
              || t.get(i).isWord("REPLACE")
              || t.get(i).isWord("UNIQUE")
              || t.get(i).isWord("TEMP")
              || t.get(i).isWord("TEMPORARY")
              || t.get(i).isWord("UNLOGGED")
              || t.get(i).isWord("GLOBAL")
              || t.get(i).isWord("LOCAL"))) {
        i++;
      }
      if (i >= t.size()) {
        return;
      }
      String kind;
      if (t.get(i).isWord("MATERIALIZED") && i + 1 < t.size() && t.get(i + 1).isWord("VIEW")) {
        kind = "materialized view";
        i += 2;
      } else if (t.get(i).isWord("TABLE")
          || t.get(i).isWord("SCHEMA")
          || t.get(i).isWord("SEQUENCE")
          || t.get(i).isWord("EXTENSION")
          || t.get(i).isWord("INDEX")) {
        kind = t.get(i).name();
        i++;
      } else {
        return;
      }
      boolean concurrently =
          kind.equals("index") && i < t.size() && t.get(i).isWord("CONCURRENTLY");
      if (concurrently) {
        i++;
      }
      boolean ifNotExists = wordsAt(i, "IF", "NOT", "EXISTS");
      if (ifNotExists) {
        i += 3;
      }
      String name =
          kind.equals("index") && i < t.size() && t.get(i).isWord("ON") ? "" : name(i).orElse("");
      if (kind.equals("table")) {
        created.tables.add(last(name));
      }
      if (!ifNotExists) {
        sink.add(
            LintRule.CREATE_WITHOUT_IF_NOT_EXISTS,
            "creates "
                + kind
                + (name.isEmpty() ? "" : " " + name)
                + " without IF NOT EXISTS, so running the file again fails");
      }
      if (kind.equals("index") && !concurrently) {
        int on = statement.indexOfWords(i, "ON");
        int tableAt =
            on + 1 < t.size() && on >= 0 && t.get(on + 1).isWord("ONLY") ? on + 2 : on + 1;
        Optional<String> table = on < 0 ? Optional.empty() : name(tableAt);
        boolean newTable = table.isPresent() && created.tables.contains(last(table.get()));
        if (newTable && !name.isEmpty()) {
          created.indexesOfNewTables.add(last(name));
        }
        if (table.isPresent() && !newTable) {
          sink.add(
              LintRule.CREATE_INDEX_LOCKING,
              "builds index"
                  + (name.isEmpty() ? "" : " " + name)
                  + " on table "
                  + table.get()
                  + " without CONCURRENTLY, so writes to it wait until the index is built");
        }
      }
    }

    private void alterTable() {
      int i = 2;
      if (wordsAt(i, "IF", "EXISTS")) {
        i += 2;
      }
      if (i < t.size() && t.get(i).isWord("ONLY")) {
        i++;
      }
      Optional<String> tableName = name(i);
      if (tableName.isEmpty()) {
        return;
      }
      String table = tableName.get();
      boolean existing = !created.tables.contains(last(table));
      i = skipName(i);
      for (List<SqlToken> action : actions(i)) {
        action(table, existing, action);
      }
    }

    private void action(String table, boolean existing, List<SqlToken> a) {
      if (a.isEmpty()) {
        return;
      }
      SqlToken first = a.get(0);
      if (first.isWord("DROP") && a.size() > 1 && !a.get(1).isWord("CONSTRAINT")) {
        int at = a.get(1).isWord("COLUMN") ? 2 : 1;
        at += words(a, at, "IF", "EXISTS") ? 2 : 0;
        if (at < a.size()
            && existing
            && !created.columns.contains(last(table) + "." + a.get(at).name())) {
          sink.add(
              LintRule.DROP_COLUMN,
              "drops column " + table + "." + a.get(at).name() + " and its data");
        }
      } else if (first.isWord("RENAME") && a.size() > 1) {
        if (a.get(1).isWord("TO") && a.size() > 2) {
          sink.add(LintRule.RENAME_TABLE, "renames table " + table + " to " + a.get(2).name());
        } else if (!a.get(1).isWord("CONSTRAINT")) {
          int at = a.get(1).isWord("COLUMN") ? 2 : 1;
          if (at + 2 < a.size() && a.get(at + 1).isWord("TO")) {
            sink.add(
                LintRule.RENAME_COLUMN,
                "renames column " + table + "." + a.get(at).name() + " to " + a.get(at + 2).name());
          }
        }
      } else if (first.isWord("ADD") && a.size() > 1) {
        addAction(table, existing, a);
      } else if (first.isWord("ALTER") && a.size() > 1 && existing) {
        int at = a.get(1).isWord("COLUMN") ? 2 : 1;
        if (at >= a.size()) {
          return;
        }
        String column = table + "." + a.get(at).name();
        if (words(a, at + 1, "SET", "NOT", "NULL")) {
          sink.add(
              LintRule.SET_NOT_NULL,
              "makes column "
                  + column
                  + " NOT NULL, which scans table "
                  + table
                  + " under an ACCESS EXCLUSIVE lock");
        } else if (words(a, at + 1, "TYPE") || words(a, at + 1, "SET", "DATA", "TYPE")) {
          sink.add(
              LintRule.COLUMN_TYPE_REWRITE,
              "changes the type of column "
                  + column
                  + ", which can rewrite table "
                  + table
                  + " and its indexes under an ACCESS EXCLUSIVE lock");
        }
      }
    }

    private void addAction(String table, boolean existing, List<SqlToken> a) {
      if (CONSTRAINT_WORDS.contains(a.get(1).name()) && a.get(1).kind() == SqlToken.Kind.WORD) {
        boolean buildsIndex =
            a.stream()
                    .anyMatch(x -> x.isWord("PRIMARY") || x.isWord("UNIQUE") || x.isWord("EXCLUDE"))
                && !containsWords(a, "USING", "INDEX");
        if (existing && buildsIndex) {
          sink.add(
              LintRule.CREATE_INDEX_LOCKING,
              "adds a constraint to existing table "
                  + table
                  + " whose index is built while writes to it wait");
        }
        return;
      }
      int at = a.get(1).isWord("COLUMN") ? 2 : 1;
      boolean ifNotExists = words(a, at, "IF", "NOT", "EXISTS");
      at += ifNotExists ? 3 : 0;
      if (at >= a.size()) {
        return;
      }
      String column = table + "." + a.get(at).name();
      created.columns.add(last(table) + "." + a.get(at).name());
      if (!ifNotExists) {
        sink.add(
            LintRule.CREATE_WITHOUT_IF_NOT_EXISTS,
            "adds column "
                + column
                + " without IF NOT EXISTS, so running the "
                + "file again fails");
      }
      boolean notNull = containsWords(a, "NOT", "NULL") || containsWords(a, "PRIMARY", "KEY");
      if (existing && notNull && !containsWords(a, "DEFAULT") && !containsWords(a, "GENERATED")) {
        sink.add(
            LintRule.ADD_NOT_NULL_COLUMN,
            "adds NOT NULL column "
                + column
                + " without a default, which fails on a "
                + "table that has rows");
      }
    }

    /** The comma-separated actions of an ALTER TABLE, from token {@code from}. */
    private List<List<SqlToken>> actions(int from) {
      List<List<SqlToken>> actions = new ArrayList<>();
      List<SqlToken> current = new ArrayList<>();
      int depth = 0;
      for (int i = from; i < t.size(); i++) {
        SqlToken token = t.get(i);
        if (token.isSymbol('(')) {
          depth++;
        } else if (token.isSymbol(')')) {
          depth--;
        }
        if ((token.isSymbol(',') && depth == 0) || token.isSymbol(';')) {
          actions.add(current);
          current = new ArrayList<>();
        } else {
          current.add(token);
        }
      }
      actions.add(current);
      return actions;
    }

    /** The names of a DROP, after an optional IF EXISTS. */
    private List<String> names(int from) {
      int i = wordsAt(from, "IF", "EXISTS") ? from + 2 : from;
      List<String> names = new ArrayList<>();
      while (i < t.size()) {
        Optional<String> name = name(i);
        if (name.isEmpty()) {
          break;
        }
        names.add(name.get());
        i = skipName(i);
        if (i < t.size() && t.get(i).isSymbol(',')) {
          i++;
        } else {
          break;
        }
      }
      return names;
    }

    /** The possibly qualified name at {@code i}, such as {@code public.orders}. */
    private Optional<String> name(int i) {
      if (i >= t.size() || !isName(t.get(i))) {
        return Optional.empty();
      }
      StringBuilder name = new StringBuilder(t.get(i).name());
      for (int j = i + 1;
          j + 1 < t.size() && t.get(j).isSymbol('.') && isName(t.get(j + 1));
          j += 2) {
        name.append('.').append(t.get(j + 1).name());
      }
      return Optional.of(name.toString());
    }

    private int skipName(int i) {
      int j = i + 1;
      while (j + 1 < t.size() && t.get(j).isSymbol('.') && isName(t.get(j + 1))) {
        j += 2;
      }
      return j;
    }

    private boolean wordsAt(int i, String... words) {
      return words(t, i, words);
    }

    private static boolean isName(SqlToken token) {
      return token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    private static String last(String qualified) {
      return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
  }

  private static boolean words(List<SqlToken> tokens, int at, String... words) {
    if (at < 0 || at + words.length > tokens.size()) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(at + i).isWord(words[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsWords(List<SqlToken> tokens, String... words) {
    for (int i = 0; i < tokens.size(); i++) {
      if (words(tokens, i, words)) {
        return true;
      }
    }
    return false;
  }
}
