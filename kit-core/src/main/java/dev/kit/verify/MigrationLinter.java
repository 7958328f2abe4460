package dev.kit.verify;

import dev.kit.model.TxMode;
import dev.kit.verify.CatalogObject.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints migrations for changes that are unsafe on a live database ({@link LintRule}), in two ways. Fast, from the
 * SQL text ({@link #lintText}, what {@code kit:check} runs): statements are read token by token, so comments,
 * strings and quoted names never fire a rule. Exact, from the catalog ({@link #lintChange}, what {@code kit:verify}
 * runs): what a statement really did, from catalog snapshots taken before and after it on a real PostgreSQL, so a
 * column dropped by {@code ALTER TABLE ... DROP x}, by a {@code DO} block or by {@code CASCADE} is caught alike, and
 * a type change is reported only when PostgreSQL actually rewrote the table.
 *
 * <p>{@code -- kit:nolint RULE} (or Atlas's {@code -- atlas:nolint RULE}, with kit's id or Atlas's code) in the
 * comments directly above a statement silences that rule for that statement; without a rule it silences all;
 * text after a colon is the reason ({@code -- kit:nolint DROP_TABLE: replaced by orders_v2}).
 *
 * <pre>{@code
 * MigrationLinter linter = new MigrationLinter(LintSettings.defaults());
 * linter.lintText("services/orders/migrations/2_drop.sql", "DROP TABLE legacy;".getBytes(UTF_8), TxMode.FILE);
 * // [services/orders/migrations/2_drop.sql:1: error DROP_TABLE (DS102): drops table legacy and every row in it. ...]
 * }</pre>
 */
public final class MigrationLinter {

  private static final Pattern NOLINT =
      Pattern.compile("^(?:--|#|/\\*)\\s*(?:kit|atlas):nolint(?:\\s+(.*?))?\\s*(?:\\*/)?$", Pattern.DOTALL);
  private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "check", "foreign", "exclude");

  private final LintSettings settings;

  public MigrationLinter(LintSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Lints one migration from its text.
   *
   * @param file the file as the repository names it, for the findings
   * @param content the file's bytes
   * @param global the service's transaction mode, which the file's {@code atlas:txmode} may override
   * @throws IllegalArgumentException when Atlas would refuse the file's {@code atlas:txmode} directive, or the file
   *     has no statement (a skeleton never filled in)
   */
  public List<LintFinding> lintText(String file, byte[] content, TxMode global) {
    AtlasFileDirectives directives = AtlasFileDirectives.read(content);
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    TxMode mode;
    try {
      mode = directives.txMode(global, fileName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": Atlas refuses this file: " + e.getMessage(), e);
    }
    List<SqlStatement> statements = SqlScript.parse(content).statements();
    if (statements.isEmpty()) {
      // Atlas's executor records a file of no statements as applied (0 of 0), so it never runs what is added later.
      throw new IllegalArgumentException(file + ": has no SQL statement, only comments: write the migration's SQL, or "
          + "delete the file (Atlas records an empty migration as applied, so SQL added to it later would never run)");
    }
    List<LintFinding> findings = new ArrayList<>();
    Set<String> createdTables = new HashSet<>();
    for (SqlStatement statement : statements) {
      Sink sink = new Sink(file, statement, findings);
      new TextRules(statement, createdTables, sink).run();
      concurrently(statement, mode, directives, global, sink);
    }
    findings.sort(Comparator.comparingInt(LintFinding::line));
    return findings;
  }

  /**
   * Lints what one statement did, from catalog snapshots.
   *
   * @param file the file as the repository names it
   * @param statement the statement that ran
   * @param fileStart the catalog before the file's first statement: tables created in the same file are new, so
   *     indexing them or adding NOT NULL columns to them is safe
   * @param before the catalog right before the statement
   * @param after the catalog right after it
   */
  public List<LintFinding> lintChange(String file, SqlStatement statement, CatalogSnapshot fileStart,
      CatalogSnapshot before, CatalogSnapshot after) {
    List<LintFinding> findings = new ArrayList<>();
    Sink sink = new Sink(file, statement, findings);
    Map<String, CatalogObject> was = byIdentity(before);
    Map<String, CatalogObject> is = byIdentity(after);
    Map<String, CatalogObject> atStart = byIdentity(fileStart);
    Set<String> droppedSchemas = new HashSet<>();
    for (CatalogObject old : before.objects()) {
      CatalogObject now = is.get(identityKey(old));
      switch (old.kind()) {
        case SCHEMA -> {
          if (now == null) {
            droppedSchemas.add(old.name());
            sink.add(LintRule.DROP_SCHEMA, "drops schema " + old.name() + " and everything in it");
          }
        }
        case TABLE -> {
          if (now == null && !droppedSchemas.contains(schemaOf(old.name()))) {
            sink.add(LintRule.DROP_TABLE, "drops table " + old.name() + " and every row in it");
          } else if (now != null && !now.name().equals(old.name())) {
            sink.add(LintRule.RENAME_TABLE, "renames table " + old.name() + " to " + now.name());
          }
        }
        case COLUMN -> column(old, now, was, is, atStart, sink);
        default -> { }
      }
    }
    for (CatalogObject created : after.objects()) {
      if (was.containsKey(identityKey(created))) {
        continue;
      }
      boolean onExistingTable = atStart.containsKey(identityKey(Kind.TABLE, created.detail("tableIdentity")));
      if (created.kind() == Kind.COLUMN && onExistingTable) {
        if (created.flag("notNull") && created.detail("default").isEmpty() && !created.flag("identity")
            && !created.flag("generated")) {
          sink.add(LintRule.ADD_NOT_NULL_COLUMN, "adds NOT NULL column " + created.name()
              + " without a default, which fails on a table that has rows");
        }
        if (!statement.hasWords("IF", "NOT", "EXISTS")) {
          sink.add(LintRule.CREATE_WITHOUT_IF_NOT_EXISTS, "adds column " + created.name()
              + " without IF NOT EXISTS, so running the file again fails");
        }
      }
      if (created.kind() == Kind.INDEX && onExistingTable && !statement.hasWords("CONCURRENTLY")) {
        sink.add(LintRule.CREATE_INDEX_LOCKING, created.flag("constraint")
            ? "adds a constraint whose index " + created.name() + " is built on existing table " + created.detail("table")
                + " while writes to it wait"
            : "builds index " + created.name() + " on existing table " + created.detail("table")
                + " without CONCURRENTLY, so writes to it wait until the index is built");
      }
      if (createsWithoutIfNotExists(statement, created)) {
        sink.add(LintRule.CREATE_WITHOUT_IF_NOT_EXISTS, "creates " + created.kind().label() + " " + created.name()
            + " without IF NOT EXISTS, so running the file again fails");
      }
    }
    return dedupe(findings);
  }

  /** The advice for a statement PostgreSQL refused because it cannot run in a transaction block. */
  static String transactionHint(AtlasFileDirectives directives) {
    return directives.ignores("txmode")
        ? "Atlas ignores this file's '-- atlas:txmode' directive: header directives count only when an empty line "
            + "follows the header comments"
        : "make '-- atlas:txmode none' the first line of the file, followed by an empty line";
  }

  private void column(CatalogObject old, CatalogObject now, Map<String, CatalogObject> was, Map<String, CatalogObject> is,
      Map<String, CatalogObject> atStart, Sink sink) {
    String tableKey = identityKey(Kind.TABLE, old.detail("tableIdentity"));
    if (now == null) {
      if (is.containsKey(tableKey)) {
        sink.add(LintRule.DROP_COLUMN, "drops column " + old.name() + " and its data");
      }
      return;
    }
    if (!now.detail("sql").equals(old.detail("sql"))) {
      sink.add(LintRule.RENAME_COLUMN, "renames column " + old.name() + " to " + now.detail("sql").replace("\"", ""));
    }
    if (!atStart.containsKey(tableKey)) {
      return; // a table created in this file is empty: changing it locks nothing anybody waits for
    }
    if (!old.flag("notNull") && now.flag("notNull") && !now.flag("identity")) {
      sink.add(LintRule.SET_NOT_NULL, "makes column " + now.name() + " NOT NULL, which scans table " + now.detail("table")
          + " under an ACCESS EXCLUSIVE lock");
    }
    CatalogObject tableBefore = was.get(tableKey);
    CatalogObject tableAfter = is.get(tableKey);
    boolean rewritten = tableBefore != null && tableAfter != null
        && !tableBefore.detail("relfilenode").equals(tableAfter.detail("relfilenode"));
    if (!old.detail("type").equals(now.detail("type")) && rewritten) {
      sink.add(LintRule.COLUMN_TYPE_REWRITE, "changes column " + now.name() + " from " + old.detail("type") + " to "
          + now.detail("type") + ", which rewrites table " + now.detail("table") + " and its indexes under an ACCESS EXCLUSIVE lock");
    }
  }

  private static boolean createsWithoutIfNotExists(SqlStatement statement, CatalogObject created) {
    boolean idempotentKind = switch (created.kind()) {
      case SCHEMA, TABLE, SEQUENCE, EXTENSION, MATERIALIZED_VIEW -> true;
      case INDEX -> !created.flag("constraint");
      default -> false;
    };
    if (!idempotentKind || (created.kind() == Kind.SEQUENCE && !created.detail("ownedBy").isEmpty())) {
      return false;
    }
    return !statement.tokens().isEmpty() && statement.tokens().get(0).isWord("CREATE")
        && !statement.hasWords("IF", "NOT", "EXISTS");
  }

  private void concurrently(SqlStatement statement, TxMode mode, AtlasFileDirectives directives, TxMode global, Sink sink) {
    List<SqlToken> t = statement.tokens();
    boolean indexStatement = !t.isEmpty()
        && (t.get(0).isWord("REINDEX") || ((t.get(0).isWord("CREATE") || t.get(0).isWord("DROP")) && statement.hasWords("INDEX")));
    if (mode == TxMode.NONE || !indexStatement || !statement.hasWords("CONCURRENTLY")) {
      return;
    }
    String why = t.get(0).text().toUpperCase(Locale.ROOT) + " ... CONCURRENTLY cannot run inside a transaction block, and Atlas "
        + (global == TxMode.ALL ? "runs the whole migration in one (txMode ALL)" : "runs this file in one");
    if (directives.ignores("txmode")) {
      why += "; the file's '-- atlas:txmode' is ignored because no empty line follows the header comments";
    }
    sink.add(LintRule.CONCURRENTLY_IN_TRANSACTION, why);
  }

  /** Text rules for one statement. */
  private static final class TextRules {
    private final SqlStatement statement;
    private final List<SqlToken> t;
    private final Set<String> createdTables;
    private final Sink sink;

    TextRules(SqlStatement statement, Set<String> createdTables, Sink sink) {
      this.statement = statement;
      this.t = statement.tokens();
      this.createdTables = createdTables;
      this.sink = sink;
    }

    void run() {
      if (t.isEmpty()) {
        return;
      }
      if (t.get(0).isWord("DROP") && t.size() > 1) {
        if (t.get(1).isWord("SCHEMA")) {
          names(2).forEach(name -> sink.add(LintRule.DROP_SCHEMA, "drops schema " + name + " and everything in it"));
        } else if (t.get(1).isWord("TABLE")) {
          names(2).forEach(name -> sink.add(LintRule.DROP_TABLE, "drops table " + name + " and every row in it"));
        }
      } else if (t.get(0).isWord("CREATE")) {
        create();
      } else if (t.get(0).isWord("ALTER") && t.size() > 1 && t.get(1).isWord("TABLE")) {
        alterTable();
      }
    }

    private void create() {
      int i = 1;
      while (i < t.size() && (t.get(i).isWord("OR") || t.get(i).isWord("REPLACE") || t.get(i).isWord("UNIQUE")
          || t.get(i).isWord("TEMP") || t.get(i).isWord("TEMPORARY") || t.get(i).isWord("UNLOGGED")
          || t.get(i).isWord("GLOBAL") || t.get(i).isWord("LOCAL"))) {
        i++;
      }
      if (i >= t.size()) {
        return;
      }
      String kind;
      if (t.get(i).isWord("MATERIALIZED") && i + 1 < t.size() && t.get(i + 1).isWord("VIEW")) {
        kind = "materialized view";
        i += 2;
      } else if (t.get(i).isWord("TABLE") || t.get(i).isWord("SCHEMA") || t.get(i).isWord("SEQUENCE")
          || t.get(i).isWord("EXTENSION") || t.get(i).isWord("INDEX")) {
        kind = t.get(i).name();
        i++;
      } else {
        return;
      }
      boolean concurrently = kind.equals("index") && i < t.size() && t.get(i).isWord("CONCURRENTLY");
      if (concurrently) {
        i++;
      }
      boolean ifNotExists = wordsAt(i, "IF", "NOT", "EXISTS");
      if (ifNotExists) {
        i += 3;
      }
      String name = kind.equals("index") && i < t.size() && t.get(i).isWord("ON") ? "" : name(i).orElse("");
      if (kind.equals("table")) {
        createdTables.add(last(name));
      }
      if (!ifNotExists) {
        sink.add(LintRule.CREATE_WITHOUT_IF_NOT_EXISTS, "creates " + kind + (name.isEmpty() ? "" : " " + name)
            + " without IF NOT EXISTS, so running the file again fails");
      }
      if (kind.equals("index") && !concurrently) {
        int on = statement.indexOfWords(i, "ON");
        int tableAt = on + 1 < t.size() && on >= 0 && t.get(on + 1).isWord("ONLY") ? on + 2 : on + 1;
        Optional<String> table = on < 0 ? Optional.empty() : name(tableAt);
        if (table.isPresent() && !createdTables.contains(last(table.get()))) {
          sink.add(LintRule.CREATE_INDEX_LOCKING, "builds index" + (name.isEmpty() ? "" : " " + name) + " on table "
              + table.get() + " without CONCURRENTLY, so writes to it wait until the index is built");
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
      boolean existing = !createdTables.contains(last(table));
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
        if (at < a.size()) {
          sink.add(LintRule.DROP_COLUMN, "drops column " + table + "." + a.get(at).name() + " and its data");
        }
      } else if (first.isWord("RENAME") && a.size() > 1) {
        if (a.get(1).isWord("TO") && a.size() > 2) {
          sink.add(LintRule.RENAME_TABLE, "renames table " + table + " to " + a.get(2).name());
        } else if (!a.get(1).isWord("CONSTRAINT")) {
          int at = a.get(1).isWord("COLUMN") ? 2 : 1;
          if (at + 2 < a.size() && a.get(at + 1).isWord("TO")) {
            sink.add(LintRule.RENAME_COLUMN, "renames column " + table + "." + a.get(at).name() + " to " + a.get(at + 2).name());
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
          sink.add(LintRule.SET_NOT_NULL, "makes column " + column + " NOT NULL, which scans table " + table
              + " under an ACCESS EXCLUSIVE lock");
        } else if (words(a, at + 1, "TYPE") || words(a, at + 1, "SET", "DATA", "TYPE")) {
          sink.add(LintRule.COLUMN_TYPE_REWRITE, "changes the type of column " + column + ", which can rewrite table " + table
              + " and its indexes under an ACCESS EXCLUSIVE lock");
        }
      }
    }

    private void addAction(String table, boolean existing, List<SqlToken> a) {
      if (CONSTRAINT_WORDS.contains(a.get(1).name()) && a.get(1).kind() == SqlToken.Kind.WORD) {
        boolean buildsIndex = a.stream().anyMatch(x -> x.isWord("PRIMARY") || x.isWord("UNIQUE") || x.isWord("EXCLUDE"))
            && !containsWords(a, "USING", "INDEX");
        if (existing && buildsIndex) {
          sink.add(LintRule.CREATE_INDEX_LOCKING, "adds a constraint to existing table " + table
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
      if (!ifNotExists) {
        sink.add(LintRule.CREATE_WITHOUT_IF_NOT_EXISTS, "adds column " + column + " without IF NOT EXISTS, so running the "
            + "file again fails");
      }
      boolean notNull = containsWords(a, "NOT", "NULL") || containsWords(a, "PRIMARY", "KEY");
      if (existing && notNull && !containsWords(a, "DEFAULT") && !containsWords(a, "GENERATED")) {
        sink.add(LintRule.ADD_NOT_NULL_COLUMN, "adds NOT NULL column " + column + " without a default, which fails on a "
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
      for (int j = i + 1; j + 1 < t.size() && t.get(j).isSymbol('.') && isName(t.get(j + 1)); j += 2) {
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

  /** Whether a {@code kit:nolint} or {@code atlas:nolint} comment above {@code statement} silences {@code rule}. */
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

  private static Map<String, CatalogObject> byIdentity(CatalogSnapshot snapshot) {
    Map<String, CatalogObject> map = new HashMap<>();
    snapshot.objects().forEach(o -> map.put(identityKey(o), o));
    return map;
  }

  private static String identityKey(CatalogObject object) {
    return identityKey(object.kind(), object.identity());
  }

  private static String identityKey(Kind kind, String identity) {
    return kind.name() + ":" + identity;
  }

  private static String schemaOf(String qualified) {
    int dot = qualified.indexOf('.');
    return dot < 0 ? "" : qualified.substring(0, dot);
  }

  private static List<LintFinding> dedupe(List<LintFinding> findings) {
    return findings.stream().distinct().toList();
  }

  /** Collects findings for one statement, honouring nolint comments and configured severities. */
  private final class Sink {
    private final String file;
    private final SqlStatement statement;
    private final List<LintFinding> findings;

    Sink(String file, SqlStatement statement, List<LintFinding> findings) {
      this.file = file;
      this.statement = statement;
      this.findings = findings;
    }

    void add(LintRule rule, String why) {
      LintRule.Severity severity = settings.severity(rule);
      if (severity != LintRule.Severity.OFF && !silenced(statement, rule)) {
        findings.add(new LintFinding(rule, severity, file, statement.line(), why));
      }
    }
  }
}
