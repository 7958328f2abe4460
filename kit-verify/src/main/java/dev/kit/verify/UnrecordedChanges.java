package dev.kit.verify;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Lists what a migration's statements changed that the catalog does not record, for its revert. */
final class UnrecordedChanges {

  private static final Set<String> DATA_STATEMENTS =
      Set.of("insert", "update", "delete", "merge", "truncate", "copy");

  /** What GRANT ... ON and ALTER name before routines whose owner and grants may be recorded. */
  private static final Set<String> ROUTINES = Set.of("function", "procedure", "routine");

  /**
   * The words GRANT ... ON puts before objects other than tables, views and sequences (which need
   * none), and {@code ALL} (of {@code ALL TABLES IN SCHEMA} where the statement is not that).
   */
  private static final Set<String> OTHER_OBJECTS =
      Set.of(
          "all",
          "database",
          "domain",
          "foreign",
          "language",
          "large",
          "parameter",
          "tablespace",
          "type");

  /**
   * What CREATE, ALTER and DROP make or change, by the word after them (after CREATE OR REPLACE and
   * CREATE DEFAULT), that the catalog snapshot does not record at all, so the revert does not undo
   * it.
   */
  private static final Map<String, String> UNRECORDED_KINDS =
      Map.ofEntries(
          Map.entry("statistics", "extended statistics"),
          Map.entry("publication", "a publication"),
          Map.entry("subscription", "a subscription"),
          Map.entry("aggregate", "an aggregate"),
          Map.entry("operator", "an operator, operator class or family"),
          Map.entry("cast", "a cast"),
          Map.entry("collation", "a collation"),
          Map.entry("conversion", "a conversion"),
          Map.entry("text", "a text search object"),
          Map.entry("rule", "a rewrite rule"),
          Map.entry("event", "an event trigger"),
          Map.entry("foreign", "a foreign table or data wrapper"),
          Map.entry("server", "a foreign server"),
          Map.entry("user", "a role or user mapping"),
          Map.entry("role", "a role"),
          Map.entry("group", "a role"),
          Map.entry("tablespace", "a tablespace"),
          Map.entry("database", "a database"),
          Map.entry("language", "a language"),
          Map.entry("procedural", "a language"),
          Map.entry("trusted", "a language"),
          Map.entry("transform", "a transform"),
          Map.entry("access", "an access method"),
          Map.entry("owned", "the objects and privileges of a role"));

  /** The options of an identity column's sequence, as ALTER TABLE ... ALTER COLUMN sets them. */
  private static final List<List<String>> IDENTITY_OPTIONS =
      List.of(
          List.of("restart"),
          List.of("set", "increment"),
          List.of("set", "start"),
          List.of("set", "minvalue"),
          List.of("set", "maxvalue"),
          List.of("set", "no"),
          List.of("set", "cache"),
          List.of("set", "cycle"));

  private UnrecordedChanges() {}

  /**
   * The irreversible lines for a migration's {@code content}: the statements that changed rows,
   * then those that changed what the catalog snapshot does not record.
   *
   * @param before the catalog before the migration
   * @param after the catalog after it, which with {@code before} says which functions' owner and
   *     grants the snapshots record, and which objects the migration made
   */
  static List<String> in(byte[] content, CatalogSnapshot before, CatalogSnapshot after) {
    List<SqlStatement> written = SqlScript.parse(content).statements();
    return in(written, before, after, Made.of(before, after, written));
  }

  /**
   * The lines a revert derived before kit left out what goes with objects the migration made lists
   * for {@code content}: those of {@link #in}, and those.
   */
  static List<String> listedBeforeMadeObjects(
      byte[] content, CatalogSnapshot before, CatalogSnapshot after) {
    return in(SqlScript.parse(content).statements(), before, after, new Made(Set.of()));
  }

  private static List<String> in(
      List<SqlStatement> written, CatalogSnapshot before, CatalogSnapshot after, Made made) {
    Recorded recorded = Recorded.of(before, after);
    List<String> irreversible = new ArrayList<>();
    dataChanges(written, made, irreversible);
    unrecordedChanges(written, recorded, made, irreversible);
    return irreversible;
  }

  /**
   * The schemas, the functions and procedures, and the tables, views and sequences (with their
   * columns' grants and comments), whose owner, grants and comment the snapshots record, each
   * function and relation as {@code schema.name} and as {@code name} alone (for a statement that
   * leaves the schema to the search path): not an aggregate, nor an extension's or the system's.
   * Statements are matched by name, so a name such an object shares is left out: {@code
   * schema.name} when it is in the same schema, {@code name} alone when it is in any. Last, the
   * kinds of {@code ON ALL <kind> IN SCHEMA} whose every object in a schema they record, as {@code
   * TABLES public}, and those of which a schema holds one they leave out.
   */
  private record Recorded(
      Set<String> schemas,
      Set<String> functions,
      Set<String> relations,
      Set<String> inSchemas,
      Set<String> notInSchemas) {

    /** What {@code snapshots} record, together. */
    static Recorded of(CatalogSnapshot... snapshots) {
      Recorded recorded =
          new Recorded(
              new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
      for (CatalogSnapshot snapshot : snapshots) {
        recorded.add(snapshot);
      }
      return recorded;
    }

    /** Whether the snapshots record every object of {@code kind} in {@code schema}. */
    boolean wholly(String kind, String schema) {
      String key = kind + " " + schema;
      return inSchemas.contains(key) && !notInSchemas.contains(key);
    }

    private void add(CatalogSnapshot snapshot) {
      for (CatalogObject o : snapshot.objects()) {
        switch (o.kind()) {
          case SCHEMA -> {
            schemas.add(o.name());
            List<String> left = List.of(o.detail("unrecordedKinds").split(","));
            for (String kind : List.of("TABLES", "SEQUENCES", "FUNCTIONS", "PROCEDURES")) {
              (left.contains(kind) ? notInSchemas : inSchemas).add(kind + " " + o.name());
            }
          }
          case FUNCTION -> add(o, functions);
          // A sequence has no columns to grant or comment on: PostgreSQL refuses such a statement.
          case TABLE, VIEW, MATERIALIZED_VIEW, SEQUENCE -> add(o, relations);
          default -> {
            // Not an object whose owner, grants or comment the snapshot records.
          }
        }
      }
    }

    private static void add(CatalogObject o, Set<String> names) {
      String namesake = o.detail("unrecordedNamesake");
      if (!namesake.equals("schema")) {
        names.add(o.detail("schema") + "." + o.detail("object"));
      }
      if (namesake.isEmpty()) {
        names.add(o.detail("object"));
      }
    }
  }

  /**
   * The objects the migration made, which its revert drops, and with them what the migration set on
   * them that the snapshot does not record. Each is an object in {@code after} under an identity
   * that {@code before} does not have, keyed by its group and its name as a statement writes it,
   * with and without its schema: {@code index public.orders_status} and {@code index
   * orders_status}; a constraint, trigger or policy by its table too, {@code constraint
   * orders.positive}. A name that an object from before also answers to (renamed, or in another
   * schema) is left out: a statement may mean that one. The group {@code table} holds the plain
   * tables made whose rows go nowhere else: no trigger on them, and no rule in the migration, which
   * could have sent an INSERT's rows to another table.
   */
  private record Made(Set<String> keys) {

    static Made of(CatalogSnapshot before, CatalogSnapshot after, List<SqlStatement> written) {
      Set<String> old = new HashSet<>();
      Set<String> made = new HashSet<>();
      Set<String> triggered = new HashSet<>();
      for (CatalogObject o : before.objects()) {
        addKeys(o, old);
      }
      for (CatalogObject o : after.objects()) {
        addKeys(o, before.withIdentity(o.kind(), o.identity()).isPresent() ? old : made);
        if (o.kind() == CatalogObject.Kind.TRIGGER) {
          triggered.add(o.name().substring(0, o.name().lastIndexOf('.')));
        }
      }
      boolean rules =
          written.stream()
              .anyMatch(
                  s ->
                      !s.tokens().isEmpty()
                          && s.tokens().get(0).isWord("CREATE")
                          && s.hasWords("rule"));
      made.removeAll(old);
      Set<String> tables = new HashSet<>();
      for (CatalogObject o : after.objects()) {
        if (o.kind() == CatalogObject.Kind.TABLE
            && !rules
            && !o.flag("partitioned")
            && !triggered.contains(o.name())) {
          for (String name : List.of(o.name(), o.name().substring(o.name().indexOf('.') + 1))) {
            if (made.contains("relation " + name)) {
              tables.add("table " + name);
            }
          }
        }
      }
      made.addAll(tables);
      return new Made(made);
    }

    /**
     * Whether the migration made the object of {@code group} that a statement calls {@code name}.
     */
    boolean has(String group, String name) {
      return keys.contains(group + " " + name);
    }

    private static void addKeys(CatalogObject o, Set<String> into) {
      String group =
          switch (o.kind()) {
            case TABLE, VIEW, MATERIALIZED_VIEW, SEQUENCE -> "relation";
            case TYPE, INDEX, EXTENSION, CONSTRAINT, TRIGGER, POLICY -> o.kind().label();
            case SCHEMA, COLUMN, FUNCTION, DEFAULT_PRIVILEGES -> "";
          };
      if (group.isEmpty()) {
        return;
      }
      into.add(group + " " + o.name());
      if (o.kind() != CatalogObject.Kind.EXTENSION) {
        // Without its schema, as a statement that leaves it to the search path writes it.
        into.add(group + " " + o.name().substring(o.name().indexOf('.') + 1));
      }
    }
  }

  private static void dataChanges(
      List<SqlStatement> written, Made made, List<String> irreversible) {
    for (SqlStatement s : written) {
      if (intoMadeTable(s, made)) {
        // Dropping the table deletes these rows; the revert says so of the table.
        continue;
      }
      dataChange(s)
          .ifPresent(
              what ->
                  irreversible.add(
                      "data: line "
                          + s.line()
                          + " ("
                          + s.tokens().get(0).text().toUpperCase(Locale.ROOT)
                          + ") "
                          + what
                          + ", which the catalog does not record; undo it by hand if it matters"));
    }
  }

  /**
   * What {@code s} did to data, if anything: rows it changed (a data statement, or one in a WITH),
   * a sequence's value it set ({@code setval}, {@code ALTER SEQUENCE ... RESTART}), or code it ran
   * that may have done either ({@code DO}, {@code CALL}).
   */
  private static Optional<String> dataChange(SqlStatement s) {
    if (s.tokens().isEmpty()) {
      return Optional.empty();
    }
    List<SqlToken> t = s.tokens();
    String first = t.get(0).name();
    if (DATA_STATEMENTS.contains(first)
        || (first.equals("with")
            && t.stream().anyMatch(token -> isOneOf(token, DATA_STATEMENTS)))) {
      return Optional.of("changed rows");
    }
    if ((first.equals("select") && t.stream().anyMatch(token -> token.isWord("SETVAL")))
        || (first.equals("alter")
            && t.size() > 1
            && t.get(1).isWord("SEQUENCE")
            && s.hasWords("restart"))) {
      return Optional.of("set a sequence's value");
    }
    if (first.equals("do") || first.equals("call")) {
      return Optional.of("ran code that may have changed rows or sequences' values");
    }
    return Optional.empty();
  }

  /**
   * Says which statements changed what the catalog snapshot does not record (privileges, comments,
   * owners, row level security of what it does not record), so the revert leaves them as they are.
   */
  private static void unrecordedChanges(
      List<SqlStatement> written, Recorded recorded, Made made, List<String> irreversible) {
    for (SqlStatement s : written) {
      unrecorded(s, recorded)
          .filter(what -> !onMadeObjects(s, made))
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

  private static Optional<String> unrecorded(SqlStatement s, Recorded recorded) {
    if (s.tokens().isEmpty()) {
      return Optional.empty();
    }
    String first = s.tokens().get(0).name();
    if ((first.equals("grant") || first.equals("revoke")) && !onRecordedObjects(s, recorded)) {
      return Optional.of("privileges");
    }
    if ((first.equals("comment") && !onRecordedObjects(s, recorded))
        || s.hasWords("security", "label")) {
      return Optional.of("a comment or label");
    }
    if (first.equals("alter")) {
      // Not RENAME [COLUMN] owner TO ...: a rename is an ALTER of its own, never with OWNER TO.
      if (s.hasWords("owner", "to") && !s.hasWords("rename")) {
        return onRecordedObjects(s, recorded) ? Optional.empty() : Optional.of("an owner");
      }
      if (s.hasWords("row", "level", "security") && !onRecordedObjects(s, recorded)) {
        return Optional.of("row level security");
      }
    }
    return unrecordedKind(s);
  }

  /**
   * What {@code s} makes or changes that the snapshot does not record at all: an object of a kind
   * it leaves out ({@link #UNRECORDED_KINDS}), the owners of all of a role's objects ({@code
   * REASSIGN OWNED}), or what ALTER TABLE sets that a table's and its columns' definitions do not
   * say (clustering, access method, tablespace, inheritance, an identity column's sequence's
   * options, a view column's default).
   */
  private static Optional<String> unrecordedKind(SqlStatement s) {
    List<SqlToken> t = s.tokens();
    String first = t.get(0).name();
    if (first.equals("reassign") && s.hasWords("owned")) {
      return Optional.of("the owner of every object of a role");
    }
    if (!Set.of("create", "alter", "drop").contains(first) || t.size() < 2) {
      return Optional.empty();
    }
    int at = first.equals("create") ? after(s, after(s, 1, "OR", "REPLACE"), "DEFAULT") : 1;
    if (at < t.size() && t.get(at).kind() == SqlToken.Kind.WORD) {
      Optional<String> kind = Optional.ofNullable(UNRECORDED_KINDS.get(t.get(at).name()));
      if (kind.isPresent()) {
        return kind;
      }
    }
    if (!first.equals("alter")) {
      return Optional.empty();
    }
    if (s.hasWords("set", "tablespace")) {
      return Optional.of("a tablespace");
    }
    if (t.get(1).isWord("VIEW") && s.hasWords("alter", "column") && s.hasWords("default")) {
      return Optional.of("a view column's default");
    }
    if (!t.get(1).isWord("TABLE")) {
      return Optional.empty();
    }
    if (s.hasWords("cluster", "on") || s.hasWords("without", "cluster")) {
      return Optional.of("a table's clustering index");
    }
    if (s.hasWords("access", "method")) {
      return Optional.of("a table's access method");
    }
    // Not a CHECK or NOT NULL constraint's NO INHERIT, which its definition says.
    if (s.hasWords("inherit") && !s.hasWords("check") && !s.hasWords("not", "null")) {
      return Optional.of("a table's inheritance");
    }
    for (List<String> option : IDENTITY_OPTIONS) {
      if (s.hasWords(option.toArray(String[]::new))) {
        return Optional.of("an identity column's sequence");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code s} grants, revokes, gives away or comments on only objects the catalog snapshot
   * records, whose owner and grants (and for a table, view or sequence its comment) the revert
   * restores: schemas (not an extension's), functions and procedures (not an aggregate nor a
   * function of an extension), tables, views and sequences and their columns (not an identity
   * column's sequence), and every object of a kind in a schema ({@code ON ALL TABLES IN SCHEMA})
   * where the snapshots record each of them. Matched by name: a recorded function's overload with
   * other arguments counts.
   */
  private static boolean onRecordedObjects(SqlStatement s, Recorded recorded) {
    List<SqlToken> t = s.tokens();
    int names;
    Set<String> known;
    if (t.get(0).isWord("ALTER")) {
      if (t.size() > 1 && isOneOf(t.get(1), ROUTINES)) {
        names = 2;
        known = recorded.functions();
      } else if (t.size() > 1
          && (t.get(1).isWord("TABLE") || t.get(1).isWord("VIEW") || t.get(1).isWord("SEQUENCE"))) {
        names = after(s, 2, "IF", "EXISTS");
        names = after(s, names, "ONLY");
        known = recorded.relations();
      } else if (s.indexOfWords(1, "MATERIALIZED", "VIEW") == 1) {
        names = after(s, 3, "IF", "EXISTS");
        known = recorded.relations();
      } else if (t.size() > 1 && t.get(1).isWord("SCHEMA")) {
        names = 2;
        known = recorded.schemas();
      } else {
        return false;
      }
    } else if (t.get(0).isWord("COMMENT")) {
      // COMMENT ON SCHEMA, TABLE, VIEW, MATERIALIZED VIEW, SEQUENCE, FUNCTION, PROCEDURE, ROUTINE
      // or a table's or view's COLUMN: not an aggregate's or another's.
      if (t.size() > 3 && t.get(1).isWord("ON") && isOneOf(t.get(2), ROUTINES)) {
        names = 3;
        known = recorded.functions();
      } else if (s.indexOfWords(1, "ON", "COLUMN") == 1) {
        return recorded.relations().contains(columnsRelation(t, 3));
      } else if (s.indexOfWords(1, "ON", "TABLE") == 1
          || s.indexOfWords(1, "ON", "VIEW") == 1
          || s.indexOfWords(1, "ON", "SEQUENCE") == 1) {
        names = 3;
        known = recorded.relations();
      } else if (s.indexOfWords(1, "ON", "MATERIALIZED", "VIEW") == 1) {
        names = 4;
        known = recorded.relations();
      } else if (s.indexOfWords(1, "ON", "SCHEMA") == 1) {
        names = 3;
        known = recorded.schemas();
      } else {
        return false;
      }
    } else {
      // A role's membership (GRANT r TO u) names no object. A column's privileges are written in
      // parentheses before ON.
      int on = s.indexOfWords(1, "ON");
      if (on < 0 || on + 1 >= t.size()) {
        return false;
      }
      if (t.get(on + 1).isWord("ALL") && s.indexOfWords(on + 3, "IN", "SCHEMA") == on + 3) {
        return inRecordedSchemas(t, on + 2, recorded);
      }
      boolean columns = t.subList(1, on).stream().anyMatch(token -> token.isSymbol('('));
      if (columns && (isOneOf(t.get(on + 1), ROUTINES) || t.get(on + 1).isWord("SEQUENCE"))) {
        return false;
      }
      if (t.get(on + 1).isWord("SCHEMA")) {
        names = on + 2;
        known = recorded.schemas();
      } else if (isOneOf(t.get(on + 1), ROUTINES)) {
        names = on + 2;
        known = recorded.functions();
      } else if (t.get(on + 1).isWord("TABLE") || t.get(on + 1).isWord("SEQUENCE")) {
        names = on + 2;
        known = recorded.relations();
      } else if (isOneOf(t.get(on + 1), OTHER_OBJECTS)) {
        return false;
      } else {
        names = on + 1;
        known = recorded.relations();
      }
    }
    return eachName(t, names, known::contains);
  }

  /**
   * Whether each name of the list that starts at {@code from} passes {@code test}: names
   * schema-qualified or not, each with a routine's arguments if written, then a comma or the rest.
   */
  private static boolean eachName(List<SqlToken> t, int from, Predicate<String> test) {
    int i = from;
    while (i < t.size()) {
      if (!test.test(name(t, i))) {
        return false;
      }
      i = next(t, i);
      if (i < t.size() && t.get(i).isSymbol('(')) { // a routine's arguments, skipped whole
        int depth = 0;
        do {
          depth += t.get(i).isSymbol('(') ? 1 : t.get(i).isSymbol(')') ? -1 : 0;
          i++;
        } while (i < t.size() && depth > 0);
      }
      if (i >= t.size() || !t.get(i).isSymbol(',')) {
        return true;
      }
      i++;
    }
    return false;
  }

  /**
   * Whether every object of the kind {@code ON ALL <kind> IN SCHEMA a, b} names at {@code kind} in
   * each of those schemas is one the snapshots record. {@code ROUTINES} are functions (aggregates
   * and window functions too) and procedures.
   */
  private static boolean inRecordedSchemas(List<SqlToken> t, int kind, Recorded recorded) {
    List<String> kinds =
        switch (t.get(kind).name()) {
          case "tables" -> List.of("TABLES");
          case "sequences" -> List.of("SEQUENCES");
          case "functions" -> List.of("FUNCTIONS");
          case "procedures" -> List.of("PROCEDURES");
          case "routines" -> List.of("FUNCTIONS", "PROCEDURES");
          default -> List.of();
        };
    if (kinds.isEmpty()) {
      return false;
    }
    for (int i = kind + 3; i < t.size(); i += 2) {
      String schema = t.get(i).name();
      if (!kinds.stream().allMatch(k -> recorded.wholly(k, schema))) {
        return false;
      }
      if (i + 1 >= t.size() || !t.get(i + 1).isSymbol(',')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code s} only writes rows into a table the migration made, whose rows its revert
   * deletes by dropping it: {@code INSERT INTO table} or {@code COPY table ... FROM}.
   */
  private static boolean intoMadeTable(SqlStatement s, Made made) {
    List<SqlToken> t = s.tokens();
    if (t.size() > 2 && t.get(0).isWord("INSERT") && t.get(1).isWord("INTO")) {
      return made.has("table", name(t, 2));
    }
    return t.size() > 1
        && t.get(0).isWord("COPY")
        && s.indexOfWords(1, "FROM") > 0
        && made.has("table", name(t, 1));
  }

  /**
   * Whether what {@code s} changes goes with objects the migration made, which the revert drops: a
   * comment or security label on one; a type's grants or owner; what ALTER TABLE, VIEW,
   * MATERIALIZED VIEW or INDEX sets on one; extended statistics on one's columns.
   */
  private static boolean onMadeObjects(SqlStatement s, Made made) {
    List<SqlToken> t = s.tokens();
    return switch (t.get(0).name()) {
      case "comment" -> t.size() > 2 && onMadeObject(t, 2, made);
      case "security" -> {
        int on = s.indexOfWords(2, "ON");
        yield on > 0 && onMadeObject(t, on + 1, made);
      }
      case "grant", "revoke" -> onMadeTypes(s, made);
      case "alter" -> {
        if (t.size() < 3) {
          yield false;
        }
        if (t.get(1).isWord("TYPE") || t.get(1).isWord("DOMAIN")) {
          yield made.has("type", name(t, 2));
        }
        if (t.get(1).isWord("INDEX")) {
          yield made.has("index", name(t, after(s, 2, "IF", "EXISTS")));
        }
        if (t.get(1).isWord("TABLE") || t.get(1).isWord("VIEW")) {
          yield made.has("relation", name(t, after(s, after(s, 2, "IF", "EXISTS"), "ONLY")));
        }
        yield s.indexOfWords(1, "MATERIALIZED", "VIEW") == 1
            && made.has("relation", name(t, after(s, 3, "IF", "EXISTS")));
      }
      case "create" ->
          t.size() > 1 && t.get(1).isWord("STATISTICS") && statisticsOnMadeTable(t, made);
      default -> false;
    };
  }

  /** Whether GRANT or REVOKE ... ON TYPE (or DOMAIN) names only types the migration made. */
  private static boolean onMadeTypes(SqlStatement s, Made made) {
    List<SqlToken> t = s.tokens();
    int on = s.indexOfWords(1, "ON");
    if (on < 0
        || on + 2 >= t.size()
        || !(t.get(on + 1).isWord("TYPE") || t.get(on + 1).isWord("DOMAIN"))) {
      return false;
    }
    return eachName(t, on + 2, name -> made.has("type", name));
  }

  /** Whether CREATE STATISTICS ... FROM names a table the migration made. */
  private static boolean statisticsOnMadeTable(List<SqlToken> t, Made made) {
    int depth = 0;
    for (int i = 2; i + 1 < t.size(); i++) {
      depth += t.get(i).isSymbol('(') ? 1 : t.get(i).isSymbol(')') ? -1 : 0;
      if (depth == 0 && t.get(i).isWord("FROM")) {
        return made.has("relation", name(t, i + 1));
      }
    }
    return false;
  }

  /**
   * Whether the object that COMMENT ON or SECURITY LABEL ... ON names, from its kind's word at
   * {@code kind}, is one the migration made: a type or domain, an index, an extension, a table,
   * view or sequence or one's column, a constraint (of a domain too), trigger, policy or rule by
   * its table.
   */
  private static boolean onMadeObject(List<SqlToken> t, int kind, Made made) {
    if (kind + 1 >= t.size()) {
      return false;
    }
    String word = t.get(kind).kind() == SqlToken.Kind.WORD ? t.get(kind).name() : "";
    int at = kind + 1;
    return switch (word) {
      case "type", "domain" -> made.has("type", name(t, at));
      case "index", "extension" -> made.has(word, name(t, at));
      case "table", "view", "sequence" -> made.has("relation", name(t, at));
      case "materialized" -> made.has("relation", name(t, at + 1));
      case "column" -> made.has("relation", columnsRelation(t, at));
      case "constraint", "trigger", "policy", "rule" -> {
        int on = next(t, at);
        if (on + 1 >= t.size() || !t.get(on).isWord("ON")) {
          yield false;
        }
        if (t.get(on + 1).isWord("DOMAIN")) {
          yield word.equals("constraint") && made.has("type", name(t, on + 2));
        }
        String table = name(t, on + 1);
        yield word.equals("rule")
            ? made.has("relation", table)
            : made.has(word, table + "." + name(t, at));
      }
      default -> false;
    };
  }

  /** The name, schema-qualified or not, that starts at {@code i}, unquoted; empty past the end. */
  private static String name(List<SqlToken> t, int i) {
    if (i >= t.size()) {
      return "";
    }
    return next(t, i) == i + 3 ? t.get(i).name() + "." + t.get(i + 2).name() : t.get(i).name();
  }

  /** The index after the name that starts at {@code i}. */
  private static int next(List<SqlToken> t, int i) {
    return i + 2 < t.size() && t.get(i + 1).isSymbol('.') ? i + 3 : i + 1;
  }

  /** Whether {@code token} is one of {@code words}, unquoted. */
  private static boolean isOneOf(SqlToken token, Set<String> words) {
    return token.kind() == SqlToken.Kind.WORD && words.contains(token.name());
  }

  /**
   * The relation of the column {@code [schema.]relation.column} that starts at {@code at}, as
   * COMMENT ON COLUMN names it; empty for a name without one.
   */
  private static String columnsRelation(List<SqlToken> t, int at) {
    List<String> parts = new ArrayList<>();
    for (int i = at; i < t.size() && !t.get(i).isWord("IS"); i++) {
      if (!t.get(i).isSymbol('.')) {
        parts.add(t.get(i).name());
      }
    }
    return parts.size() < 2 ? "" : String.join(".", parts.subList(0, parts.size() - 1));
  }

  /** The index after {@code words} if {@code s} has them at {@code at}, else {@code at}. */
  private static int after(SqlStatement s, int at, String... words) {
    return s.indexOfWords(at, words) == at ? at + words.length : at;
  }
}
