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
    // CLUSTER without a table reclusters every table, each in a transaction of its own.
    if (StatementRules.words(t, 0, "CLUSTER")) {
      int rest = afterOptions(t, 1);
      rest += StatementRules.words(t, rest, "VERBOSE") ? 1 : 0;
      if (rest >= t.size() || t.get(rest).isSymbol(';')) {
        return Optional.of("CLUSTER without a table");
      }
    }
    if (StatementRules.words(t, 0, "DISCARD", "ALL")) {
      return Optional.of("DISCARD ALL");
    }
    // Creating the replication slot needs its own transaction; connect = false creates none.
    if (StatementRules.words(t, 0, "CREATE", "SUBSCRIPTION")
        && !optionOff(t, "create_slot")
        && !optionOff(t, "connect")) {
      return Optional.of("CREATE SUBSCRIPTION");
    }
    if (StatementRules.words(t, 0, "DROP", "SUBSCRIPTION")) {
      return Optional.of("DROP SUBSCRIPTION");
    }
    for (String kind : List.of("DATABASE", "TABLESPACE")) {
      if (StatementRules.words(t, 0, "CREATE", kind) || StatementRules.words(t, 0, "DROP", kind)) {
        return Optional.of(t.get(0).text().toUpperCase(Locale.ROOT) + " " + kind);
      }
    }
    if (StatementRules.words(t, 0, "ALTER", "DATABASE")
        && statement.hasWords("SET", "TABLESPACE")) {
      return Optional.of("ALTER DATABASE ... SET TABLESPACE");
    }
    if (StatementRules.words(t, 0, "ALTER", "SYSTEM")) {
      return Optional.of("ALTER SYSTEM");
    }
    // Refreshing copies tables and needs its own transaction; other ALTER SUBSCRIPTIONs do not.
    if (StatementRules.words(t, 0, "ALTER", "SUBSCRIPTION")
        && (statement.hasWords("REFRESH") || statement.hasWords("PUBLICATION"))
        && !optionOff(t, "refresh")) {
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

  /**
   * Whether the statement sets the boolean option {@code option} off ({@code WITH (refresh =
   * false)}), in any of the spellings PostgreSQL accepts: false, off, 0, quoted or not.
   */
  private static boolean optionOff(List<SqlToken> t, String option) {
    for (int i = 0; i + 2 < t.size(); i++) {
      if (t.get(i).isWord(option) && t.get(i + 1).isSymbol('=')) {
        String value = t.get(i + 2).text().replace("'", "").toLowerCase(Locale.ROOT);
        if (value.equals("false") || value.equals("off") || value.equals("0")) {
          return true;
        }
      }
    }
    return false;
  }
}
