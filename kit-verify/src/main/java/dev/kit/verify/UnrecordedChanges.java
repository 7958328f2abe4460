package dev.kit.verify;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Lists what a migration's statements changed that the catalog does not record, for its revert. */
final class UnrecordedChanges {

  private static final Set<String> DATA_STATEMENTS =
      Set.of("insert", "update", "delete", "merge", "truncate", "copy");

  private static final Set<String> ROUTINES = Set.of("function", "procedure", "routine");

  private UnrecordedChanges() {}

  /**
   * The irreversible lines for a migration's {@code content}: the statements that changed rows,
   * then those that changed what the catalog snapshot does not record.
   */
  static List<String> in(byte[] content) {
    List<SqlStatement> written = SqlScript.parse(content).statements();
    List<String> irreversible = new ArrayList<>();
    dataChanges(written, irreversible);
    unrecordedChanges(written, irreversible);
    return irreversible;
  }

  private static void dataChanges(List<SqlStatement> written, List<String> irreversible) {
    for (SqlStatement s : written) {
      if (!s.tokens().isEmpty() && DATA_STATEMENTS.contains(s.tokens().get(0).name())) {
        irreversible.add(
            "data: line "
                + s.line()
                + " ("
                + s.tokens().get(0).text().toUpperCase(Locale.ROOT)
                + ") changed rows, which the catalog does not record; undo it by hand if it matters");
      }
    }
  }

  /**
   * Says which statements changed what the catalog snapshot does not record (privileges, comments,
   * owners, row security), so the revert leaves them as they are.
   */
  private static void unrecordedChanges(List<SqlStatement> written, List<String> irreversible) {
    for (SqlStatement s : written) {
      unrecorded(s)
          .ifPresent(
              what ->
                  irreversible.add(
                      "unrecorded: line "
                          + s.line()
                          + " ("
                          + s.firstLine()
                          + ") changed "
                          + what
                          + ", which kit does not compare; undo it by hand if it matters"));
    }
  }

  private static Optional<String> unrecorded(SqlStatement s) {
    if (s.tokens().isEmpty()) {
      return Optional.empty();
    }
    String first = s.tokens().get(0).name();
    if ((first.equals("grant") || first.equals("revoke")) && !onFunctions(s)) {
      return Optional.of("privileges");
    }
    if (first.equals("comment") || s.hasWords("security", "label")) {
      return Optional.of("a comment or label");
    }
    // CREATE POLICY, ALTER POLICY: not a column or table named policy.
    if ((first.equals("create") || first.equals("alter"))
        && s.tokens().size() > 1
        && s.tokens().get(1).name().equals("policy")) {
      return Optional.of("a row security policy");
    }
    if (!first.equals("alter")) {
      return Optional.empty();
    }
    // Not RENAME [COLUMN] owner TO ...: a rename is an ALTER of its own, never with OWNER TO.
    if (s.hasWords("owner", "to") && !s.hasWords("rename") && !onFunctions(s)) {
      return Optional.of("an owner");
    }
    if (s.hasWords("row", "level", "security")) {
      return Optional.of("row level security");
    }
    if (s.hasWords("alter", "default", "privileges")) {
      return Optional.of("default privileges");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code s} grants, revokes or gives away functions or procedures, whose owner and grants
   * the catalog snapshot records.
   */
  private static boolean onFunctions(SqlStatement s) {
    String first = s.tokens().get(0).name();
    if (first.equals("alter")) {
      return s.tokens().size() > 1 && ROUTINES.contains(s.tokens().get(1).name());
    }
    // ON ALL FUNCTIONS IN SCHEMA too; a role's membership (GRANT r TO u) names no object.
    return s.hasWords("on", "function")
        || s.hasWords("on", "procedure")
        || s.hasWords("on", "routine")
        || s.hasWords("on", "all", "functions")
        || s.hasWords("on", "all", "procedures")
        || s.hasWords("on", "all", "routines");
  }
}
