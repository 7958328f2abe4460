package dev.kit.lint;

import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the enum values a file adds inside a transaction: PostgreSQL refuses to use one ("unsafe
 * use of new value") until that transaction commits, unless the same transaction created the type.
 */
final class NewEnumValues {

  // Type names without schema, as the statements are read without the search path.
  private final Set<String> createdTypes = new HashSet<>();
  // The value as written ('meh') to the statement that adds it.
  private final Map<String, String> added = new HashMap<>();

  /**
   * Reads one statement in file order.
   *
   * @param inTransaction whether the statement runs inside a transaction (Atlas's or the file's
   *     own)
   */
  void read(SqlStatement statement, boolean inTransaction, StatementFindings sink) {
    if (!inTransaction) {
      added.clear(); // what the transaction added is committed
      createdTypes.clear();
    }
    List<SqlToken> t = statement.tokens();
    if (StatementRules.words(t, 0, "CREATE", "TYPE")) {
      int as = statement.indexOfWords(2, "AS", "ENUM");
      if (as > 2) {
        createdTypes.add(t.get(as - 1).name());
      }
      return;
    }
    int add =
        StatementRules.words(t, 0, "ALTER", "TYPE")
            ? statement.indexOfWords(2, "ADD", "VALUE")
            : -1;
    if (add > 2) {
      String type = t.get(add - 1).name();
      for (int i = add + 2; i < t.size(); i++) {
        if (t.get(i).kind() == SqlToken.Kind.STRING) {
          if (inTransaction && !createdTypes.contains(type)) {
            added.put(
                t.get(i).text(), "ALTER TYPE " + type + " ADD VALUE at line " + statement.line());
          }
          return;
        }
      }
      return;
    }
    if (added.isEmpty()) {
      return; // nearly every file: nothing to look for
    }
    for (SqlToken token : t) {
      String by = token.kind() == SqlToken.Kind.STRING ? added.get(token.text()) : null;
      if (by != null) {
        sink.add(
            LintRule.NEW_ENUM_VALUE_IN_TRANSACTION,
            "uses "
                + token.text()
                + ", which "
                + by
                + " adds in the same transaction: PostgreSQL refuses a new enum value there (unsafe"
                + " use of new value) until the transaction commits");
        return;
      }
    }
  }
}
