package dev.kit.verify;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Lists what a migration's statements changed that the catalog does not record, for its revert. */
final class UnrecordedChanges {

  private static final Set<String> DATA_STATEMENTS =
      Set.of("insert", "update", "delete", "merge", "truncate", "copy");

  /** What GRANT ... ON and ALTER name before routines whose owner and grants may be recorded. */
  private static final Set<String> ROUTINES = Set.of("function", "procedure", "routine");

  private UnrecordedChanges() {}

  /**
   * The irreversible lines for a migration's {@code content}: the statements that changed rows,
   * then those that changed what the catalog snapshot does not record.
   *
   * @param before the catalog before the migration
   * @param after the catalog after it, which with {@code before} says which functions' owner and
   *     grants the snapshots record
   */
  static List<String> in(byte[] content, CatalogSnapshot before, CatalogSnapshot after) {
    List<SqlStatement> written = SqlScript.parse(content).statements();
    Set<String> recorded = new HashSet<>();
    recordedFunctions(before, recorded);
    recordedFunctions(after, recorded);
    List<String> irreversible = new ArrayList<>();
    dataChanges(written, irreversible);
    unrecordedChanges(written, recorded, irreversible);
    return irreversible;
  }

  /**
   * Adds the functions and procedures {@code snapshot} records, each as {@code schema.name} and as
   * {@code name} alone (for a statement that leaves the schema to the search path): not an
   * aggregate, nor a function of an extension or of the system. Statements are matched by name, so
   * a name such a routine shares is left out: {@code schema.name} when it is in the same schema,
   * {@code name} alone when it is in any.
   */
  private static void recordedFunctions(CatalogSnapshot snapshot, Set<String> recorded) {
    for (CatalogObject o : snapshot.objects()) {
      if (o.kind() != CatalogObject.Kind.FUNCTION) {
        continue;
      }
      String namesake = o.detail("unrecordedNamesake");
      if (!namesake.equals("schema")) {
        recorded.add(o.detail("schema") + "." + o.detail("function"));
      }
      if (namesake.isEmpty()) {
        recorded.add(o.detail("function"));
      }
    }
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
  private static void unrecordedChanges(
      List<SqlStatement> written, Set<String> recorded, List<String> irreversible) {
    for (SqlStatement s : written) {
      unrecorded(s, recorded)
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

  private static Optional<String> unrecorded(SqlStatement s, Set<String> recorded) {
    if (s.tokens().isEmpty()) {
      return Optional.empty();
    }
    String first = s.tokens().get(0).name();
    if ((first.equals("grant") || first.equals("revoke")) && !onRecordedFunctions(s, recorded)) {
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
    if (s.hasWords("owner", "to") && !s.hasWords("rename") && !onRecordedFunctions(s, recorded)) {
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
   * Whether {@code s} grants, revokes or gives away only functions or procedures the catalog
   * snapshot records, whose owner and grants the revert restores: not an aggregate, a function of
   * an extension, nor every function of a schema ({@code ON ALL FUNCTIONS IN SCHEMA}), which may
   * hold either. Matched by name: a recorded function's overload with other arguments counts.
   */
  private static boolean onRecordedFunctions(SqlStatement s, Set<String> recorded) {
    List<SqlToken> t = s.tokens();
    int names;
    if (t.get(0).isWord("ALTER")) {
      names = 1;
    } else {
      // A role's membership (GRANT r TO u) names no object.
      int on = s.indexOfWords(1, "ON");
      names = on >= 0 ? on + 1 : -1;
    }
    if (names < 0 || names >= t.size() || !ROUTINES.contains(t.get(names).name())) {
      return false;
    }
    // Each name, schema-qualified or not, its arguments if written, then a comma or the rest.
    int i = names + 1;
    while (i < t.size()) {
      String name = t.get(i++).name();
      if (i + 1 < t.size() && t.get(i).isSymbol('.')) {
        name = name + "." + t.get(i + 1).name();
        i += 2;
      }
      if (!recorded.contains(name)) {
        return false;
      }
      for (int depth = 0; i < t.size(); i++) {
        if (t.get(i).isSymbol('(')) {
          depth++;
        } else if (t.get(i).isSymbol(')')) {
          depth--;
        } else if (depth == 0) {
          break;
        }
      }
      if (i >= t.size() || !t.get(i).isSymbol(',')) {
        return true;
      }
      i++;
    }
    return false;
  }
}
