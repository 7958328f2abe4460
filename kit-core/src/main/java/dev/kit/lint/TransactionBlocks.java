package dev.kit.lint;

import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The statements PostgreSQL refuses inside a transaction block, which Atlas may wrap them in. */
final class TransactionBlocks {

  private TransactionBlocks() {}

  /**
   * The statement's leading words when PostgreSQL refuses to run it inside a transaction block
   * (beyond {@code CONCURRENTLY}), such as {@code VACUUM}.
   */
  static Optional<String> refused(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    if (StatementRules.words(t, 0, "VACUUM")) {
      return Optional.of("VACUUM");
    }
    for (String kind : List.of("DATABASE", "TABLESPACE", "SUBSCRIPTION")) {
      if (StatementRules.words(t, 0, "CREATE", kind) || StatementRules.words(t, 0, "DROP", kind)) {
        return Optional.of(t.get(0).text().toUpperCase(Locale.ROOT) + " " + kind);
      }
    }
    if (StatementRules.words(t, 0, "ALTER", "SYSTEM")) {
      return Optional.of("ALTER SYSTEM");
    }
    // Refreshing copies tables and needs its own transaction; other ALTER SUBSCRIPTIONs do not.
    if (StatementRules.words(t, 0, "ALTER", "SUBSCRIPTION")
        && (statement.hasWords("REFRESH") || statement.hasWords("PUBLICATION"))
        && !refreshOff(t)) {
      return Optional.of("ALTER SUBSCRIPTION ... PUBLICATION");
    }
    if (StatementRules.words(t, 0, "REINDEX")) {
      int kind = afterOptions(t, 1);
      for (String whole : List.of("DATABASE", "SYSTEM", "SCHEMA")) {
        if (StatementRules.words(t, kind, whole)) {
          return Optional.of("REINDEX " + whole);
        }
      }
    }
    if (StatementRules.words(t, 0, "ALTER", "TABLE")
        && statement.hasWords("DETACH", "PARTITION")
        && statement.hasWords("CONCURRENTLY")) {
      return Optional.of("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY");
    }
    return Optional.empty();
  }

  /** Where the statement goes on after a parenthesised option list at {@code at}, if any. */
  private static int afterOptions(List<SqlToken> t, int at) {
    if (at >= t.size() || !t.get(at).isSymbol('(')) {
      return at;
    }
    for (int i = at + 1; i < t.size(); i++) {
      if (t.get(i).isSymbol(')')) {
        return i + 1;
      }
    }
    return t.size();
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
}
