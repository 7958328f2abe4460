package dev.kit.verify;

import dev.kit.verify.CatalogObject.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Writes the DDL that drops or re-creates one catalog object into a revert, and what it loses. */
final class RevertDdl {

  private final MigrationVerifier.FileChange change;
  private final RevertScript script;

  /**
   * @param change the catalog before and after the reverted migration
   * @param script the revert to write to
   */
  RevertDdl(MigrationVerifier.FileChange change, RevertScript script) {
    this.change = change;
    this.script = script;
  }

  /** Whether the table with the identity {@code identity} is there after the migration. */
  private boolean tableAfter(String identity) {
    return change.after().withIdentity(Kind.TABLE, identity).isPresent();
  }

  /**
   * Drops the created tables in one statement, so that foreign keys between them do not stop it,
   * and says that the rows written to them since are lost.
   */
  void dropTables(List<CatalogObject> created) {
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
            script.irreversible(
                "rows of "
                    + t.key()
                    + ": dropping it deletes the rows written to it since "
                    + change.file().version()
                    + "; copy them first if they matter"));
    script.statement(
        "-- kit:nolint DROP_TABLE: the reverted migration created "
            + (tables.size() == 1 ? "it" : "them")
            + "\nDROP TABLE IF EXISTS "
            + String.join(", ", tables.stream().map(t -> t.detail("sql")).toList())
            + ";");
  }

  /** Drops {@code o}, an object the reverted migration created (not a table). */
  void drop(CatalogObject o) {
    switch (o.kind()) {
      case TRIGGER ->
          script.statement(
              "DROP TRIGGER IF EXISTS " + o.detail("sql") + " ON " + o.detail("tableSql") + ";");
      case POLICY ->
          script.statement(
              "DROP POLICY IF EXISTS " + o.detail("sql") + " ON " + o.detail("tableSql") + ";");
      case MATERIALIZED_VIEW ->
          script.statement("DROP MATERIALIZED VIEW IF EXISTS " + o.detail("sql") + ";");
      case VIEW -> script.statement("DROP VIEW IF EXISTS " + o.detail("sql") + ";");
      case FUNCTION ->
          script.statement(
              "DROP "
                  + (o.flag("procedure") ? "PROCEDURE" : "FUNCTION")
                  + " IF EXISTS "
                  + o.detail("sql")
                  + ";");
      case CONSTRAINT ->
          script.statement(
              "ALTER TABLE "
                  + o.detail("tableSql")
                  + " DROP CONSTRAINT IF EXISTS "
                  + o.detail("sql")
                  + ";");
      case INDEX -> script.statement("DROP INDEX IF EXISTS " + o.detail("sql") + ";");
      case COLUMN -> {
        // A generated column's values come from the others, which keep theirs.
        if (!o.flag("generated")) {
          script.irreversible(
              "values of "
                  + o.key()
                  + ": dropping it deletes the values written to it since "
                  + change.file().version()
                  + "; copy them first if they matter");
        }
        script.statement(
            "-- kit:nolint DROP_COLUMN: the reverted migration added it\n"
                + "ALTER TABLE "
                + o.detail("tableSql")
                + " DROP COLUMN IF EXISTS "
                + o.detail("sql")
                + ";");
      }
      case TABLE -> throw new IllegalStateException("tables are dropped together");
      case SEQUENCE -> script.statement("DROP SEQUENCE IF EXISTS " + o.detail("sql") + ";");
      case TYPE ->
          script.statement(
              "DROP "
                  + (o.detail("typtype").equals("d") ? "DOMAIN" : "TYPE")
                  + " IF EXISTS "
                  + o.detail("sql")
                  + ";");
      case SCHEMA ->
          script.statement(
              "-- kit:nolint DROP_SCHEMA: the reverted migration created it\n"
                  + "DROP SCHEMA IF EXISTS "
                  + o.detail("sql")
                  + ";");
      case EXTENSION -> script.statement("DROP EXTENSION IF EXISTS " + o.detail("sql") + ";");
      case DEFAULT_PRIVILEGES ->
          throw new IllegalStateException("default privileges are set back, not dropped");
    }
  }

  /** Creates {@code o} again, an object the reverted migration dropped or changed. */
  void create(CatalogObject o) {
    switch (o.kind()) {
      case EXTENSION ->
          script.statement(
              "CREATE EXTENSION IF NOT EXISTS " + o.detail("sql") + " " + o.detail("body") + ";");
      case SCHEMA -> script.statement("CREATE SCHEMA IF NOT EXISTS " + o.detail("sql") + ";");
      case TYPE ->
          script.statement(
              "CREATE "
                  + (o.detail("typtype").equals("d") ? "DOMAIN " : "TYPE ")
                  + o.detail("sql")
                  + " "
                  + o.detail("body")
                  + ";");
      case SEQUENCE -> {
        script.statement(
            "CREATE SEQUENCE IF NOT EXISTS " + o.detail("sql") + " " + o.detail("body") + ";");
        script.irreversible(
            "value of "
                + o.key()
                + ": it comes back at its START WITH, so nextval gives numbers it gave before;"
                + " setval it to the value it has in production, which kit's throwaway database"
                + " does not know");
      }
      case TABLE -> createTable(o);
      case COLUMN -> {
        // A column of a dropped table comes back with it (createTable).
        if (tableAfter(o.detail("tableIdentity"))) {
          addColumn(o);
        }
      }
      case CONSTRAINT ->
          script.statement(
              "ALTER TABLE "
                  + o.detail("tableSql")
                  + " ADD CONSTRAINT "
                  + o.detail("sql")
                  + " "
                  + o.detail("body")
                  + ";");
      case INDEX ->
          // Without ONLY, an index on a partitioned table is created on its partitions too.
          script.statement(
              o.definition()
                      .replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                      .replaceFirst(" ON ONLY ", " ON ")
                  + ";");
      case FUNCTION -> script.statement(o.detail("functiondef") + ";");
      case VIEW ->
          script.statement("CREATE OR REPLACE VIEW " + o.detail("sql") + " AS\n" + body(o) + ";");
      case MATERIALIZED_VIEW ->
          script.statement(
              "CREATE MATERIALIZED VIEW IF NOT EXISTS "
                  + o.detail("sql")
                  + " AS\n"
                  + body(o)
                  + ";");
      case TRIGGER -> {
        script.statement(o.shape() + ";");
        if (!o.detail("enabled").equals("ENABLE")) {
          setTriggerEnabled(o);
        }
      }
      case POLICY -> script.statement(o.definition() + ";");
      case DEFAULT_PRIVILEGES ->
          throw new IllegalStateException("default privileges are set back, not created");
    }
  }

  /** Makes the trigger {@code o} fire as it did: always, on a replica only, or not at all. */
  void setTriggerEnabled(CatalogObject o) {
    script.statement(
        "ALTER TABLE "
            + o.detail("tableSql")
            + " "
            + o.detail("enabled")
            + " TRIGGER "
            + o.detail("sql")
            + ";");
  }

  private void createTable(CatalogObject table) {
    List<CatalogObject> columns =
        change.before().objects().stream()
            .filter(
                c -> c.kind() == Kind.COLUMN && c.detail("tableIdentity").equals(table.identity()))
            .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.detail("position"))))
            .toList();
    List<String> lines = new ArrayList<>();
    for (CatalogObject column : columns) {
      lines.add("  " + columnDefinition(column));
    }
    script.statement(
        "CREATE TABLE IF NOT EXISTS "
            + table.detail("sql")
            + " (\n"
            + String.join(",\n", lines)
            + "\n);");
    script.irreversible(
        "rows of "
            + table.key()
            + ": the reverted migration deleted them with the table; restore them "
            + "from a backup (see RUNBOOK.md)");
  }

  private void addColumn(CatalogObject column) {
    script.statement(
        "ALTER TABLE "
            + column.detail("tableSql")
            + " ADD COLUMN IF NOT EXISTS "
            + columnDefinition(column)
            + ";");
    script.irreversible(
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
      script.irreversible(
          column.key()
              + ": it was NOT NULL without a default and its values are gone, so it comes back "
              + "nullable; fill it, then SET NOT NULL");
      return column.shape().replaceFirst(" NOT NULL$", "");
    }
    // Its sequence named as it was (SEQUENCE NAME given unqualified goes to the table's schema).
    String sequence = column.detail("identitySequence");
    int identity = column.shape().indexOf(" AS IDENTITY");
    if (!sequence.isEmpty() && identity >= 0) {
      int end = identity + " AS IDENTITY".length();
      return column.shape().substring(0, end)
          + " (SEQUENCE NAME "
          + sequence
          + ")"
          + column.shape().substring(end);
    }
    return column.shape();
  }

  private boolean tableIsNew(CatalogObject column) {
    // Its table is re-created empty, so NOT NULL holds.
    return !tableAfter(column.detail("tableIdentity"));
  }

  private static String body(CatalogObject view) {
    String body = view.detail("body").strip();
    return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
  }
}
