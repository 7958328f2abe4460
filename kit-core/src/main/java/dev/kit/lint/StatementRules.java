package dev.kit.lint;

import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TextLinter}'s rules for one statement, and what earlier statements of the file created.
 */
final class StatementRules {

  private static final Set<String> CONSTRAINT_WORDS =
      Set.of("constraint", "primary", "unique", "check", "foreign", "exclude");

  /**
   * What earlier statements of the file created: changing or dropping it hurts nobody, as Atlas's
   * analyzers skip it too.
   */
  static final class CreatedInFile {
    // Names without schema, as the statements are read without the search path.
    private final Set<String> tables = new HashSet<>();
    private final Set<String> columns = new HashSet<>(); // table.column
    private final Set<String> indexesOfNewTables = new HashSet<>();
  }

  private final SqlStatement statement;
  private final List<SqlToken> t;
  private final CreatedInFile created;
  private final StatementFindings sink;

  StatementRules(SqlStatement statement, CreatedInFile created, StatementFindings sink) {
    this.statement = statement;
    this.t = statement.tokens();
    this.created = created;
    this.sink = sink;
  }

  void run() {
    if (t.isEmpty()) {
      return;
    }
    if (LiteralPasswords.in(statement)) {
      // Never the value: the finding is printed and may end up in a CI log.
      sink.add(
          LintRule.LITERAL_PASSWORD,
          "sets a password as a literal, which kit copies into the migrations ConfigMap that anyone"
              + " who may read ConfigMaps (and Argo CD) sees");
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
    boolean concurrently = kind.equals("index") && i < t.size() && t.get(i).isWord("CONCURRENTLY");
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
      int tableAt = on + 1 < t.size() && on >= 0 && t.get(on + 1).isWord("ONLY") ? on + 2 : on + 1;
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
    } else if (first.isWord("DETACH")
        && a.size() > 2
        && a.get(1).isWord("PARTITION")
        && existing
        && !containsWords(a, "CONCURRENTLY")
        && !containsWords(a, "FINALIZE")) {
      sink.add(
          LintRule.DETACH_PARTITION_LOCKING,
          "detaches partition "
              + a.get(2).name()
              + " from table "
              + table
              + " under an ACCESS EXCLUSIVE lock on "
              + table
              + ", so every read and write of it waits");
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
          a.stream().anyMatch(x -> x.isWord("PRIMARY") || x.isWord("UNIQUE") || x.isWord("EXCLUDE"))
              && !containsWords(a, "USING", "INDEX");
      if (existing && buildsIndex) {
        sink.add(
            LintRule.CREATE_INDEX_LOCKING,
            "adds a constraint to existing table "
                + table
                + " whose index is built while writes to it wait");
      }
      // The text cannot tell a partitioned table, which refuses NOT VALID: kit:verify can.
      int kind = a.get(1).isWord("CONSTRAINT") ? 3 : 1;
      boolean check = kind < a.size() && a.get(kind).isWord("CHECK");
      boolean foreignKey = kind < a.size() && a.get(kind).isWord("FOREIGN");
      if (existing && (check || foreignKey) && !containsWords(a, "NOT", "VALID")) {
        sink.add(
            LintRule.ADD_CONSTRAINT_LOCKING,
            "adds "
                + (foreignKey ? "FOREIGN KEY" : "CHECK")
                + " constraint "
                + (kind == 3 ? a.get(2).name() + " " : "")
                + "to existing table "
                + table
                + ", which checks every row while "
                + (foreignKey
                    ? "writes to it and to the table it references wait (SHARE ROW EXCLUSIVE)"
                    : "reads and writes of it wait (ACCESS EXCLUSIVE)"));
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
          "adds column " + column + " without IF NOT EXISTS, so running the " + "file again fails");
    }
    // A column's own CHECK or REFERENCES is checked against every row, as a table constraint.
    boolean references = containsWords(a, "REFERENCES");
    if (existing && (references || containsWords(a, "CHECK"))) {
      sink.add(
          LintRule.ADD_CONSTRAINT_LOCKING,
          "adds column "
              + column
              + " with a "
              + (references ? "FOREIGN KEY" : "CHECK")
              + " constraint to existing table "
              + table
              + ", which checks every row while "
              + (references
                  ? "writes to it and to the table it references wait (SHARE ROW EXCLUSIVE)"
                  : "reads and writes of it wait (ACCESS EXCLUSIVE)"));
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

  static boolean words(List<SqlToken> tokens, int at, String... words) {
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
