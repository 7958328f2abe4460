package dev.kit.verify;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.verify.CatalogObject.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * are gone) is listed at the top as {@code -- kit:irreversible <object>: <why>}. The first line,
 * {@code -- kit:revert <version>}, lets {@code kit:verify} prove that applying it restores every
 * other object the reverted migration changed.
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
      dataChanges();
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

      // 1. Undo changes to objects that survived: renames, column changes, redefined views and
      // functions.
      kept.stream().filter(o -> o.kind() == Kind.COLUMN).forEach(o -> alterColumn(o, kept(o)));
      kept.stream().filter(o -> o.kind() == Kind.TABLE).forEach(o -> renameTable(o, kept(o)));
      kept.stream()
          .filter(
              o ->
                  o.kind() == Kind.INDEX
                      || o.kind() == Kind.SEQUENCE
                      || o.kind() == Kind.TYPE
                      || o.kind() == Kind.EXTENSION
                      || o.kind() == Kind.VIEW
                      || o.kind() == Kind.MATERIALIZED_VIEW
                      || o.kind() == Kind.FUNCTION
                      || o.kind() == Kind.CONSTRAINT
                      || o.kind() == Kind.TRIGGER
                      || o.kind() == Kind.SCHEMA)
          .forEach(o -> redefine(o, kept(o)));

      // 2. Drop what the migration created, dependents first; what lives on a dropped table goes
      // with it.
      for (Kind kind :
          List.of(
              Kind.TRIGGER,
              Kind.MATERIALIZED_VIEW,
              Kind.VIEW,
              Kind.FUNCTION,
              Kind.CONSTRAINT,
              Kind.INDEX,
              Kind.COLUMN,
              Kind.TABLE,
              Kind.SEQUENCE,
              Kind.TYPE,
              Kind.SCHEMA,
              Kind.EXTENSION)) {
        created.stream()
            .filter(o -> o.kind() == kind)
            .filter(o -> !droppedTables.contains(o.detail("tableIdentity")))
            .filter(o -> !(o.kind() == Kind.INDEX && o.flag("constraint")))
            .sorted(
                kind == Kind.CONSTRAINT
                    ? Comparator.comparing((CatalogObject o) -> !o.detail("type").equals("f"))
                    : Comparator.comparing(CatalogObject::name))
            .forEach(this::drop);
      }

      // 3. Bring back what it dropped, dependencies first.
      for (Kind kind :
          List.of(
              Kind.EXTENSION,
              Kind.SCHEMA,
              Kind.TYPE,
              Kind.SEQUENCE,
              Kind.TABLE,
              Kind.COLUMN,
              Kind.CONSTRAINT,
              Kind.INDEX,
              Kind.FUNCTION,
              Kind.VIEW,
              Kind.MATERIALIZED_VIEW,
              Kind.TRIGGER)) {
        dropped.stream()
            .filter(o -> o.kind() == kind)
            .filter(o -> !(o.kind() == Kind.INDEX && o.flag("constraint")))
            .sorted(
                kind == Kind.CONSTRAINT
                    ? Comparator.comparing((CatalogObject o) -> o.detail("type").equals("f"))
                    : Comparator.comparing(CatalogObject::name))
            .forEach(this::create);
      }
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

    private void dataChanges() {
      SqlScript script = SqlScript.parse(change.file().content());
      for (SqlStatement s : script.statements()) {
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
        statements.add(
            alter
                + " TYPE "
                + old.detail("type")
                + " USING "
                + column
                + "::"
                + old.detail("type")
                + ";");
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
        case VIEW ->
            statements.add(
                "CREATE OR REPLACE VIEW " + old.detail("sql") + " AS\n" + body(old) + ";");
        case FUNCTION -> statements.add(old.definition() + ";");
        case INDEX, CONSTRAINT, TRIGGER, SCHEMA, SEQUENCE -> {
          if (!old.name().equals(now.name())
              && old.definition()
                  .equals(now.definition().replace(now.detail("sql"), old.detail("sql")))) {
            return; // renamed with its table: the table's rename brings it back
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
        case COLUMN ->
            statements.add(
                "-- kit:nolint DROP_COLUMN: the reverted migration added it\n"
                    + "ALTER TABLE "
                    + o.detail("tableSql")
                    + " DROP COLUMN IF EXISTS "
                    + o.detail("sql")
                    + ";");
        case TABLE ->
            statements.add(
                "-- kit:nolint DROP_TABLE: the reverted migration created it\n"
                    + "DROP TABLE IF EXISTS "
                    + o.detail("sql")
                    + ";");
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
      if (table.flag("partitioned")) {
        irreversible.add(
            table.key()
                + ": it was partitioned; add its PARTITION BY clause and partitions by hand");
      }
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
        sql.append("-- ").append(name).append(" changed no schema object.\n");
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
