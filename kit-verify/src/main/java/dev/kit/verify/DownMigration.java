package dev.kit.verify;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.verify.CatalogObject.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration that reverses another, derived from the catalog before and after it ran on a real
 * PostgreSQL: created objects are dropped, dropped ones re-created from their catalog definition,
 * renames undone, changed columns, views and functions set back. What the catalog cannot give back
 * (rows that were deleted or updated, enum values, a NOT NULL column without a default whose values
 * are gone, the grants and comment of a view it creates again) is listed at the top as {@code --
 * kit:irreversible <object>: <why>}. The first line, {@code -- kit:revert <version>}, lets {@code
 * kit:verify} prove that applying it restores every other object the reverted migration changed.
 *
 * <pre>{@code
 * DownMigration down = DownMigration.derive(change, "PostgreSQL 17.11");
 * down.sql();           // "-- kit:revert 20250215093000\n...ALTER TABLE public.orders DROP COLUMN IF EXISTS status;\n"
 * down.irreversible();  // ["data: line 3 (UPDATE) changed rows; ..."]
 * }</pre>
 *
 * @param version the reverted migration's version
 * @param sql the migration's text
 * @param irreversible what it cannot undo, one line each
 */
public record DownMigration(String version, String sql, List<String> irreversible) {

  private static final Pattern REVERT = Pattern.compile("(?m)^--\\s*kit:revert\\s+(\\S+)\\s*$");
  private static final Pattern IRREVERSIBLE =
      Pattern.compile("(?m)^--\\s*kit:irreversible\\s+(.+?):\\s");
  private static final Set<String> DATA_STATEMENTS =
      Set.of("insert", "update", "delete", "merge", "truncate", "copy");

  public DownMigration {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sql, "sql");
    irreversible = List.copyOf(irreversible);
  }

  private static boolean isView(CatalogObject o) {
    return o.kind() == Kind.VIEW || o.kind() == Kind.MATERIALIZED_VIEW;
  }

  /** The version a migration's {@code -- kit:revert <version>} line names, if it has one. */
  static Optional<String> revertedVersion(String text) {
    Matcher m = REVERT.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The catalog keys a revert migration declares it cannot restore ({@code -- kit:irreversible
   * <key>: why}).
   */
  static Set<String> irreversibleKeys(String text) {
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = IRREVERSIBLE.matcher(text);
    while (m.find()) {
      keys.add(m.group(1).strip());
    }
    return keys;
  }

  /**
   * Derives the reverse of {@code change}.
   *
   * @param change the catalog before and after the migration to revert
   * @param server the server it was derived on, for the header, such as {@code PostgreSQL 17.11}
   */
  static DownMigration derive(MigrationVerifier.FileChange change, String server) {
    return new Derivation(change).run(server);
  }

  /**
   * Builds the statements in dependency order: first undo what was created, then bring back what
   * was dropped.
   */
  private static final class Derivation {
    private final MigrationVerifier.FileChange change;
    private final CatalogSnapshot before;
    private final CatalogSnapshot after;
    private final Map<String, CatalogObject> beforeById = new HashMap<>();
    private final Map<String, CatalogObject> afterById = new HashMap<>();
    private final List<String> statements = new ArrayList<>();
    private final List<String> irreversible = new ArrayList<>();

    Derivation(MigrationVerifier.FileChange change) {
      this.change = change;
      this.before = change.before();
      this.after = change.after();
      before.objects().forEach(o -> beforeById.put(id(o), o));
      after.objects().forEach(o -> afterById.put(id(o), o));
    }

    /** The object {@code kept} (one in both catalogs) is after the migration. */
    private CatalogObject kept(CatalogObject kept) {
      return Objects.requireNonNull(afterById.get(id(kept)), "kept objects are in both catalogs");
    }

    DownMigration run(String server) {
      if (!change.later().isEmpty()) {
        irreversible.add(
            "later migrations: "
                + String.join(", ", change.later())
                + " ran after "
                + change.file().name()
                + ", and kit derived this revert from the schema around it alone; if they renamed"
                + " or changed what it touches, edit it to match");
      }
      List<SqlStatement> written = SqlScript.parse(change.file().content()).statements();
      dataChanges(written);
      unrecordedChanges(written);
      List<CatalogObject> created =
          after.objects().stream().filter(o -> !beforeById.containsKey(id(o))).toList();
      List<CatalogObject> dropped =
          before.objects().stream().filter(o -> !afterById.containsKey(id(o))).toList();
      List<CatalogObject> kept =
          before.objects().stream().filter(o -> afterById.containsKey(id(o))).toList();
      Set<String> droppedTables = new LinkedHashSet<>();
      created.stream()
          .filter(o -> o.kind() == Kind.TABLE)
          .forEach(o -> droppedTables.add(o.identity()));
      // Views whose definition changed are dropped and created again: CREATE OR REPLACE VIEW
      // refuses to lose columns, and a view holds on to the columns and types it reads. So are
      // the views that read them, which DROP VIEW without CASCADE refuses to leave behind.
      List<CatalogObject> changedViews =
          withReaders(
              kept.stream()
                  .filter(DownMigration::isView)
                  .filter(o -> !o.definition().equals(kept(o).definition()))
                  .toList(),
              kept.stream().filter(DownMigration::isView).toList());

      // 1. Drop what reads columns and functions: created triggers, then created and changed
      // views, each before the views it reads.
      dropAll(created, Kind.TRIGGER, droppedTables);
      List<CatalogObject> viewsToDrop = new ArrayList<>();
      created.stream().filter(DownMigration::isView).forEach(viewsToDrop::add);
      changedViews.forEach(o -> viewsToDrop.add(kept(o)));
      List<CatalogObject> dropOrder = readFirst(viewsToDrop);
      for (int i = dropOrder.size() - 1; i >= 0; i--) {
        drop(dropOrder.get(i));
      }

      // 2. Drop created constraints (foreign keys first) and indexes, then undo changes to the
      // objects that survived: renames, column changes, redefined sequences and types.
      dropAll(created, Kind.CONSTRAINT, droppedTables);
      dropAll(created, Kind.INDEX, droppedTables);
      kept.stream().filter(o -> o.kind() == Kind.COLUMN).forEach(o -> alterColumn(o, kept(o)));
      kept.stream()
          .filter(
              o ->
                  o.kind() == Kind.INDEX
                      || o.kind() == Kind.SEQUENCE
                      || o.kind() == Kind.TYPE
                      || o.kind() == Kind.EXTENSION
                      || o.kind() == Kind.CONSTRAINT
                      || o.kind() == Kind.TRIGGER
                      || o.kind() == Kind.SCHEMA)
          .forEach(o -> redefine(o, kept(o)));

      // 3. Drop the rest of what the migration created, users before what they use; what lives
      // on a dropped table goes with it.
      dropAll(created, Kind.COLUMN, droppedTables);
      // What was created on a renamed table is gone: rename it back.
      kept.stream().filter(o -> o.kind() == Kind.TABLE).forEach(o -> renameTable(o, kept(o)));
      dropTables(created);
      for (Kind kind : List.of(Kind.FUNCTION, Kind.SEQUENCE, Kind.TYPE, Kind.SCHEMA)) {
        dropAll(created, kind, droppedTables);
      }
      dropAll(created, Kind.EXTENSION, droppedTables);

      // 4. Bring back what it dropped or changed, dependencies first; functions before the tables
      // whose defaults and checks call them.
      for (Kind kind : List.of(Kind.EXTENSION, Kind.SCHEMA, Kind.TYPE, Kind.SEQUENCE)) {
        createAll(dropped, kind);
      }
      List<CatalogObject> functions = new ArrayList<>();
      dropped.stream().filter(o -> o.kind() == Kind.FUNCTION).forEach(functions::add);
      kept.stream()
          .filter(o -> o.kind() == Kind.FUNCTION)
          .filter(o -> !o.definition().equals(kept(o).definition()))
          .forEach(functions::add);
      if (!functions.isEmpty()) {
        // As pg_dump does: a function body may name a table that comes back below.
        statements.add("SET LOCAL check_function_bodies = off;");
        functions.stream().sorted(Comparator.comparing(CatalogObject::name)).forEach(this::create);
      }
      List<CatalogObject> partitioned =
          dropped.stream()
              .filter(o -> o.kind() == Kind.TABLE)
              .filter(o -> o.flag("partitioned") || o.flag("partition"))
              .toList();
      if (!partitioned.isEmpty()) {
        refusePartitioned(partitioned);
        Set<String> tables = new LinkedHashSet<>();
        partitioned.forEach(t -> tables.add(t.identity()));
        Set<String> tablesSql = new LinkedHashSet<>();
        partitioned.forEach(t -> tablesSql.add(t.detail("sql")));
        dropped =
            dropped.stream()
                .filter(o -> !(o.kind() == Kind.TABLE && tables.contains(o.identity())))
                .filter(o -> !tables.contains(o.detail("tableIdentity")))
                .filter(
                    o -> !(o.kind() == Kind.TRIGGER && tablesSql.contains(o.detail("tableSql"))))
                .toList();
      }
      for (Kind kind : List.of(Kind.TABLE, Kind.COLUMN, Kind.CONSTRAINT, Kind.INDEX)) {
        createAll(dropped, kind);
      }
      List<CatalogObject> views = new ArrayList<>(changedViews);
      dropped.stream().filter(DownMigration::isView).forEach(views::add);
      readFirst(views).forEach(this::create);
      views.stream()
          .filter(o -> !o.detail("acl").isEmpty() || !o.detail("comment").isEmpty())
          .sorted(Comparator.comparing(CatalogObject::name))
          .forEach(
              o ->
                  irreversible.add(
                      "grants and comment of "
                          + o.key()
                          + ": it is created again, without "
                          + (o.detail("acl").isEmpty() ? "" : "its grants " + o.detail("acl"))
                          + (o.detail("acl").isEmpty() || o.detail("comment").isEmpty()
                              ? ""
                              : " and ")
                          + (o.detail("comment").isEmpty() ? "" : "its comment")
                          + "; GRANT and COMMENT ON it again by hand"));
      createAll(dropped, Kind.TRIGGER);
      dropped.stream()
          .filter(o -> o.kind() == Kind.SEQUENCE && !o.detail("ownedBy").isEmpty())
          .forEach(
              o ->
                  statements.add(
                      "ALTER SEQUENCE "
                          + o.detail("sql")
                          + " OWNED BY "
                          + o.detail("ownedBy")
                          + ";"));
      return new DownMigration(change.file().version(), render(server), irreversible);
    }

    /**
     * {@code views} and the views of {@code candidates} that read one of them, directly or through
     * another.
     */
    private static List<CatalogObject> withReaders(
        List<CatalogObject> views, List<CatalogObject> candidates) {
      Map<String, CatalogObject> all = new LinkedHashMap<>();
      views.forEach(v -> all.put(v.identity(), v));
      boolean grew = true;
      while (grew) {
        grew = false;
        for (CatalogObject candidate : candidates) {
          if (!all.containsKey(candidate.identity())
              && reads(candidate).stream().anyMatch(all::containsKey)) {
            all.put(candidate.identity(), candidate);
            grew = true;
          }
        }
      }
      return List.copyOf(all.values());
    }

    /**
     * {@code views} in an order where each comes after the views of the list it reads, by oid where
     * none reads another: the order to create them in, reversed the order to drop them in.
     */
    private static List<CatalogObject> readFirst(List<CatalogObject> views) {
      List<CatalogObject> left =
          new ArrayList<>(
              views.stream()
                  .sorted(
                      Comparator.comparingLong((CatalogObject o) -> Long.parseLong(o.identity())))
                  .toList());
      List<CatalogObject> ordered = new ArrayList<>();
      Set<String> placed = new HashSet<>();
      Set<String> listed = new HashSet<>();
      left.forEach(v -> listed.add(v.identity()));
      while (!left.isEmpty()) {
        CatalogObject next =
            left.stream()
                .filter(
                    v -> reads(v).stream().allMatch(r -> placed.contains(r) || !listed.contains(r)))
                .findFirst()
                .orElse(left.get(0)); // a cycle cannot happen; keep going rather than loop
        left.remove(next);
        placed.add(next.identity());
        ordered.add(next);
      }
      return ordered;
    }

    /** The oids of the views {@code view} reads. */
    private static List<String> reads(CatalogObject view) {
      String reads = view.detail("reads");
      return reads.isEmpty() ? List.of() : List.of(reads.split(","));
    }

    /**
     * Lists the partitioned tables and partitions the migration dropped, which kit does not
     * re-create: a plain table in their place would not be what the application had.
     */
    private void refusePartitioned(List<CatalogObject> tables) {
      tables.forEach(
          t ->
              irreversible.add(
                  t.key()
                      + ": it was "
                      + (t.flag("partitioned") ? "a partitioned table" : "a partition")
                      + ", which kit does not re-create; write its CREATE TABLE with PARTITION BY or"
                      + " PARTITION OF, its indexes and constraints by hand, and restore its rows"
                      + " from a backup (see RUNBOOK.md)"));
    }

    private void dropAll(List<CatalogObject> created, Kind kind, Set<String> droppedTables) {
      created.stream()
          .filter(o -> o.kind() == kind)
          .filter(o -> !droppedTables.contains(o.detail("tableIdentity")))
          .filter(o -> !(o.kind() == Kind.INDEX && o.flag("constraint")))
          .sorted(
              kind == Kind.CONSTRAINT
                  ? Comparator.comparing((CatalogObject o) -> !o.detail("type").equals("f"))
                      .thenComparing(CatalogObject::name)
                  : Comparator.comparing(CatalogObject::name))
          .forEach(this::drop);
    }

    private void createAll(List<CatalogObject> dropped, Kind kind) {
      dropped.stream()
          .filter(o -> o.kind() == kind)
          .filter(o -> !(o.kind() == Kind.INDEX && o.flag("constraint")))
          .sorted(
              kind == Kind.CONSTRAINT
                  ? Comparator.comparing((CatalogObject o) -> o.detail("type").equals("f"))
                      .thenComparing(CatalogObject::name)
                  : Comparator.comparing(CatalogObject::name))
          .forEach(this::create);
    }

    /**
     * Drops the created tables in one statement, so that foreign keys between them do not stop it,
     * and says that the rows written to them since are lost.
     */
    private void dropTables(List<CatalogObject> created) {
      List<CatalogObject> tables =
          created.stream()
              .filter(o -> o.kind() == Kind.TABLE)
              .sorted(Comparator.comparing(CatalogObject::name))
              .toList();
      if (tables.isEmpty()) {
        return;
      }
      tables.forEach(
          t ->
              irreversible.add(
                  "rows of "
                      + t.key()
                      + ": dropping it deletes the rows written to it since "
                      + change.file().version()
                      + "; copy them first if they matter"));
      statements.add(
          "-- kit:nolint DROP_TABLE: the reverted migration created "
              + (tables.size() == 1 ? "it" : "them")
              + "\nDROP TABLE IF EXISTS "
              + String.join(", ", tables.stream().map(t -> t.detail("sql")).toList())
              + ";");
    }

    private void dataChanges(List<SqlStatement> written) {
      for (SqlStatement s : written) {
        if (!s.tokens().isEmpty() && DATA_STATEMENTS.contains(s.tokens().get(0).name())) {
          irreversible.add(
              "data: line "
                  + s.line()
                  + " ("
                  + s.tokens().get(0).text().toUpperCase(java.util.Locale.ROOT)
                  + ") changed rows, which the catalog does not record; undo it by hand if it matters");
        }
      }
    }

    /**
     * Says which statements changed what the catalog snapshot does not record (privileges,
     * comments, owners, row security, extension versions), so the revert leaves them as they are.
     */
    private void unrecordedChanges(List<SqlStatement> written) {
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
      if (first.equals("grant") || first.equals("revoke")) {
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
      if (s.hasWords("owner", "to") && !s.hasWords("rename")) {
        return Optional.of("an owner");
      }
      if (s.hasWords("row", "level", "security")) {
        return Optional.of("row level security");
      }
      if (s.hasWords("alter", "extension") && s.hasWords("update")) {
        return Optional.of("an extension's version");
      }
      if (s.hasWords("alter", "default", "privileges")) {
        return Optional.of("default privileges");
      }
      return Optional.empty();
    }

    private void alterColumn(CatalogObject old, CatalogObject now) {
      String table = now.detail("tableSql");
      String column = now.detail("sql");
      if (!old.detail("sql").equals(column)) {
        statements.add(
            "ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + old.detail("sql") + ";");
        column = old.detail("sql");
      }
      String alter = "ALTER TABLE " + table + " ALTER COLUMN " + column;
      if (old.flag("identity") != now.flag("identity")
          || old.flag("generated") != now.flag("generated")) {
        irreversible.add(
            old.key()
                + ": its identity or generation changed; set it back by hand ("
                + old.definition()
                + ")");
        return;
      }
      if (!old.detail("type").equals(now.detail("type"))) {
        ColumnTypeRevert type = new ColumnTypeRevert(old.detail("type"), now.detail("type"));
        statements.add(
            alter
                + " TYPE "
                + old.detail("type")
                + type.using(column).map(using -> " USING " + using).orElse("")
                + ";");
        if (type.narrower()) {
          irreversible.add(
              "values of "
                  + old.key()
                  + ": "
                  + old.detail("type")
                  + " is narrower than "
                  + now.detail("type")
                  + ", so a value written since "
                  + change.file().version()
                  + " that does not fit makes this revert fail, or is rounded; check them first");
        }
      }
      if (!old.detail("default").equals(now.detail("default")) && !old.flag("generated")) {
        statements.add(
            old.detail("default").isEmpty()
                ? alter + " DROP DEFAULT;"
                : alter + " SET DEFAULT " + old.detail("default") + ";");
      }
      if (old.flag("notNull") != now.flag("notNull") && !old.flag("identity")) {
        statements.add(alter + (old.flag("notNull") ? " SET NOT NULL;" : " DROP NOT NULL;"));
      }
    }

    private void renameTable(CatalogObject old, CatalogObject now) {
      if (old.name().equals(now.name())) {
        return;
      }
      String current = now.detail("sql");
      if (!old.detail("schemaSql").equals(now.detail("schemaSql"))) {
        statements.add("ALTER TABLE " + current + " SET SCHEMA " + old.detail("schemaSql") + ";");
        current = old.detail("schemaSql") + "." + now.detail("nameSql");
      }
      if (!old.detail("nameSql").equals(now.detail("nameSql"))) {
        statements.add("ALTER TABLE " + current + " RENAME TO " + old.detail("nameSql") + ";");
      }
    }

    private void redefine(CatalogObject old, CatalogObject now) {
      if (old.definition().equals(now.definition()) && old.name().equals(now.name())) {
        return;
      }
      switch (old.kind()) {
        case INDEX, CONSTRAINT, TRIGGER, SCHEMA, SEQUENCE -> {
          if (old.definition().equals(tablesNamedAsBefore(now.definition()))) {
            return; // it names a renamed table, whose rename brings it back
          }
          if (old.kind() == Kind.SEQUENCE && old.name().equals(now.name())) {
            statements.add("ALTER SEQUENCE " + old.detail("sql") + " " + old.detail("body") + ";");
          } else {
            irreversible.add(
                old.key()
                    + ": it was renamed or redefined in place; set it back by hand ("
                    + old.definition()
                    + ")");
          }
        }
        default ->
            irreversible.add(
                old.key()
                    + ": it was changed in place in a way kit cannot undo (before: "
                    + old.definition()
                    + ")");
      }
    }

    /**
     * {@code definition} with the tables the migration renamed named as before, as they are once
     * the revert renamed them back.
     */
    private String tablesNamedAsBefore(String definition) {
      String named = definition;
      for (CatalogObject table : before.objects()) {
        CatalogObject now = afterById.get(id(table));
        if (table.kind() != Kind.TABLE || now == null || table.name().equals(now.name())) {
          continue;
        }
        named =
            named.replaceAll(
                "(?<![\\w.])" + Pattern.quote(now.detail("sql")) + "(?!\\w)",
                Matcher.quoteReplacement(table.detail("sql")));
        if (table.detail("schemaSql").equals(now.detail("schemaSql"))) {
          // PostgreSQL leaves out a schema on the search path: REFERENCES t(id), ON t FOR EACH.
          named =
              named.replaceAll(
                  "(?<=REFERENCES |ON )" + Pattern.quote(now.detail("nameSql")) + "(?=[ (]|$)",
                  Matcher.quoteReplacement(table.detail("nameSql")));
        }
      }
      return named;
    }

    private void drop(CatalogObject o) {
      switch (o.kind()) {
        case TRIGGER ->
            statements.add(
                "DROP TRIGGER IF EXISTS " + o.detail("sql") + " ON " + o.detail("tableSql") + ";");
        case MATERIALIZED_VIEW ->
            statements.add("DROP MATERIALIZED VIEW IF EXISTS " + o.detail("sql") + ";");
        case VIEW -> statements.add("DROP VIEW IF EXISTS " + o.detail("sql") + ";");
        case FUNCTION ->
            statements.add(
                "DROP "
                    + (o.flag("procedure") ? "PROCEDURE" : "FUNCTION")
                    + " IF EXISTS "
                    + o.detail("sql")
                    + ";");
        case CONSTRAINT ->
            statements.add(
                "ALTER TABLE "
                    + o.detail("tableSql")
                    + " DROP CONSTRAINT IF EXISTS "
                    + o.detail("sql")
                    + ";");
        case INDEX -> statements.add("DROP INDEX IF EXISTS " + o.detail("sql") + ";");
        case COLUMN -> {
          irreversible.add(
              "values of "
                  + o.key()
                  + ": dropping it deletes the values written to it since "
                  + change.file().version()
                  + "; copy them first if they matter");
          statements.add(
              "-- kit:nolint DROP_COLUMN: the reverted migration added it\n"
                  + "ALTER TABLE "
                  + o.detail("tableSql")
                  + " DROP COLUMN IF EXISTS "
                  + o.detail("sql")
                  + ";");
        }
        case TABLE -> throw new IllegalStateException("tables are dropped together");
        case SEQUENCE -> statements.add("DROP SEQUENCE IF EXISTS " + o.detail("sql") + ";");
        case TYPE ->
            statements.add(
                "DROP "
                    + (o.detail("typtype").equals("d") ? "DOMAIN" : "TYPE")
                    + " IF EXISTS "
                    + o.detail("sql")
                    + ";");
        case SCHEMA ->
            statements.add(
                "-- kit:nolint DROP_SCHEMA: the reverted migration created it\n"
                    + "DROP SCHEMA IF EXISTS "
                    + o.detail("sql")
                    + ";");
        case EXTENSION -> statements.add("DROP EXTENSION IF EXISTS " + o.detail("sql") + ";");
      }
    }

    private void create(CatalogObject o) {
      switch (o.kind()) {
        case EXTENSION -> statements.add("CREATE EXTENSION IF NOT EXISTS " + o.detail("sql") + ";");
        case SCHEMA -> statements.add("CREATE SCHEMA IF NOT EXISTS " + o.detail("sql") + ";");
        case TYPE ->
            statements.add(
                "CREATE "
                    + (o.detail("typtype").equals("d") ? "DOMAIN " : "TYPE ")
                    + o.detail("sql")
                    + " "
                    + o.detail("body")
                    + ";");
        case SEQUENCE ->
            statements.add(
                "CREATE SEQUENCE IF NOT EXISTS " + o.detail("sql") + " " + o.detail("body") + ";");
        case TABLE -> createTable(o);
        case COLUMN -> {
          if (!beforeById.containsKey(tableId(o)) || afterById.containsKey(tableId(o))) {
            addColumn(o);
          }
        }
        case CONSTRAINT ->
            statements.add(
                "ALTER TABLE "
                    + o.detail("tableSql")
                    + " ADD CONSTRAINT "
                    + o.detail("sql")
                    + " "
                    + o.detail("body")
                    + ";");
        case INDEX ->
            statements.add(
                o.definition()
                        .replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                    + ";");
        case FUNCTION -> statements.add(o.definition() + ";");
        case VIEW ->
            statements.add("CREATE OR REPLACE VIEW " + o.detail("sql") + " AS\n" + body(o) + ";");
        case MATERIALIZED_VIEW ->
            statements.add(
                "CREATE MATERIALIZED VIEW IF NOT EXISTS "
                    + o.detail("sql")
                    + " AS\n"
                    + body(o)
                    + ";");
        case TRIGGER -> statements.add(o.definition() + ";");
      }
    }

    private void createTable(CatalogObject table) {
      List<CatalogObject> columns =
          before.objects().stream()
              .filter(
                  c ->
                      c.kind() == Kind.COLUMN && c.detail("tableIdentity").equals(table.identity()))
              .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.detail("position"))))
              .toList();
      List<String> lines = new ArrayList<>();
      for (CatalogObject column : columns) {
        lines.add("  " + columnDefinition(column));
      }
      statements.add(
          "CREATE TABLE IF NOT EXISTS "
              + table.detail("sql")
              + " (\n"
              + String.join(",\n", lines)
              + "\n);");
      irreversible.add(
          "rows of "
              + table.key()
              + ": the reverted migration deleted them with the table; restore them "
              + "from a backup (see RUNBOOK.md)");
    }

    private void addColumn(CatalogObject column) {
      statements.add(
          "ALTER TABLE "
              + column.detail("tableSql")
              + " ADD COLUMN IF NOT EXISTS "
              + columnDefinition(column)
              + ";");
      irreversible.add(
          "values of "
              + column.key()
              + ": the reverted migration deleted them with the column; restore them "
              + "from a backup (see RUNBOOK.md)");
    }

    /**
     * A column's definition, without NOT NULL when a NOT NULL column without a default could not be
     * added back.
     */
    private String columnDefinition(CatalogObject column) {
      boolean unfillable =
          column.flag("notNull")
              && column.detail("default").isEmpty()
              && !column.flag("identity")
              && !column.flag("generated")
              && !tableIsNew(column);
      if (unfillable) {
        irreversible.add(
            column.key()
                + ": it was NOT NULL without a default and its values are gone, so it comes back "
                + "nullable; fill it, then SET NOT NULL");
        return column.definition().replaceFirst(" NOT NULL$", "");
      }
      return column.definition();
    }

    private boolean tableIsNew(CatalogObject column) {
      return !afterById.containsKey(
          tableId(column)); // its table is re-created empty, so NOT NULL holds
    }

    private String render(String server) {
      String name = change.file().name();
      StringBuilder sql =
          new StringBuilder()
              .append("-- kit:revert ")
              .append(change.file().version())
              .append('\n')
              .append("-- Reverts ")
              .append(name)
              .append(", derived by kit from the catalog before and after it on ")
              .append(server)
              .append(".\n")
              .append("-- Review it before merging; kit:verify proves that it restores what ")
              .append(change.file().version())
              .append(" changed.\n");
      if (!irreversible.isEmpty()) {
        sql.append("-- What it cannot undo:\n");
        irreversible.forEach(line -> sql.append("-- kit:irreversible ").append(line).append('\n'));
      }
      sql.append('\n');
      if (statements.isEmpty()) {
        sql.append(
            irreversible.isEmpty()
                ? "-- " + name + " changed no schema object.\n"
                : "-- No statement: what " + name + " changed is listed above.\n");
      }
      statements.forEach(statement -> sql.append(statement).append("\n\n"));
      return sql.toString().stripTrailing() + "\n";
    }

    private static String body(CatalogObject view) {
      String body = view.detail("body").strip();
      return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
    }

    private static String id(CatalogObject o) {
      return o.kind().name() + ":" + o.identity();
    }

    private static String tableId(CatalogObject column) {
      return Kind.TABLE.name() + ":" + column.detail("tableIdentity");
    }
  }
}
