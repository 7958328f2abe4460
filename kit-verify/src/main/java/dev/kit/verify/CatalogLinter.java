package dev.kit.verify;

import dev.kit.lint.LintFinding;
import dev.kit.lint.LintRule;
import dev.kit.lint.LintSettings;
import dev.kit.lint.StatementFindings;
import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import dev.kit.verify.CatalogObject.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lints what a statement really did, from catalog snapshots taken before and after it on a real
 * PostgreSQL: what {@code kit:verify} runs. A column dropped by {@code ALTER TABLE ... DROP x}, by
 * a {@code DO} block or by {@code CASCADE} is caught alike, and a type change is reported only when
 * PostgreSQL actually rewrote the table. The rules, severities and {@code nolint} comments are the
 * text linter's ({@link dev.kit.lint.TextLinter}).
 */
final class CatalogLinter {

  private final LintSettings settings;

  CatalogLinter(LintSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Lints what one statement did, from catalog snapshots.
   *
   * @param file the file as the repository names it
   * @param header the file's directives, whose {@code nolint} applies to every statement
   * @param statement the statement that ran
   * @param fileStart the catalog before the file's first statement: tables created in the same file
   *     are new, so indexing them or adding NOT NULL columns to them is safe
   * @param before the catalog right before the statement
   * @param after the catalog right after it
   */
  List<LintFinding> lint(
      String file,
      AtlasFileDirectives header,
      SqlStatement statement,
      CatalogSnapshot fileStart,
      CatalogSnapshot before,
      CatalogSnapshot after) {
    List<LintFinding> findings = new ArrayList<>();
    StatementFindings sink = new StatementFindings(settings, file, header, statement, findings);
    Set<String> droppedSchemas = new HashSet<>();
    Set<String> retypedTables = new HashSet<>();
    List<CatalogObject> rewritten = new ArrayList<>(); // tables with a new relfilenode
    for (CatalogObject old : before.objects()) {
      CatalogObject now = after.sameAs(old).orElse(null);
      switch (old.kind()) {
        case SCHEMA -> {
          if (now == null) {
            droppedSchemas.add(old.name());
            sink.add(LintRule.DROP_SCHEMA, "drops schema " + old.name() + " and everything in it");
          }
        }
        case TABLE -> {
          // A table created in this file is new: dropping it loses nothing (Atlas skips it too).
          if (now == null
              && !droppedSchemas.contains(schemaOf(old.name()))
              && fileStart.sameAs(old).isPresent()) {
            sink.add(LintRule.DROP_TABLE, "drops table " + old.name() + " and every row in it");
          } else if (now != null && !now.name().equals(old.name())) {
            sink.add(LintRule.RENAME_TABLE, "renames table " + old.name() + " to " + now.name());
          }
          // A plain DETACH locks the whole partitioned table; CONCURRENTLY (and its FINALIZE) not.
          if (now != null
              && old.flag("partition")
              && !now.flag("partition")
              && fileStart.withIdentity(Kind.TABLE, old.detail("parentIdentity")).isPresent()
              && !statement.hasWords("CONCURRENTLY")
              && !statement.hasWords("FINALIZE")) {
            sink.add(
                LintRule.DETACH_PARTITION_LOCKING,
                "detaches partition "
                    + old.name()
                    + " from table "
                    + old.detail("parentSql")
                    + " under an ACCESS EXCLUSIVE lock on it, so every read and write of it waits");
          }
          if (now != null
              && fileStart.sameAs(old).isPresent()
              && !now.detail("relfilenode").equals(old.detail("relfilenode"))) {
            rewritten.add(now);
          }
        }
        case COLUMN -> {
          if (now != null && !old.detail("type").equals(now.detail("type"))) {
            retypedTables.add(old.detail("tableIdentity"));
          }
          column(statement, old, now, before, after, fileStart, sink);
        }
        case INDEX -> {
          String table = old.detail("tableIdentity");
          // Only DROP INDEX: a constraint's index goes with the constraint, a column's with the
          // column, a table's with the table, each reported as such.
          if (now == null
              && statement.hasWords("DROP", "INDEX")
              && !old.flag("constraint")
              && after.withIdentity(Kind.TABLE, table).isPresent()
              && fileStart.withIdentity(Kind.TABLE, table).isPresent()
              && !statement.hasWords("CONCURRENTLY")) {
            sink.add(
                LintRule.DROP_INDEX_LOCKING,
                "drops index "
                    + old.name()
                    + " without CONCURRENTLY, so reads and writes of table "
                    + old.detail("table")
                    + " wait until it is dropped");
          }
        }
        default -> {}
      }
    }
    rewrites(statement, rewritten, retypedTables, before, after, sink);
    for (CatalogObject created : after.objects()) {
      if (before.sameAs(created).isPresent()) {
        continue;
      }
      boolean onExistingTable =
          fileStart.withIdentity(Kind.TABLE, created.detail("tableIdentity")).isPresent();
      if (created.kind() == Kind.COLUMN && onExistingTable) {
        if (created.flag("notNull")
            && created.detail("default").isEmpty()
            && !created.flag("identity")
            && !created.flag("generated")) {
          sink.add(
              LintRule.ADD_NOT_NULL_COLUMN,
              "adds NOT NULL column "
                  + created.name()
                  + " without a default, which fails on a table that has rows");
        }
        if (!statement.hasWords("IF", "NOT", "EXISTS")) {
          sink.add(
              LintRule.CREATE_WITHOUT_IF_NOT_EXISTS,
              "adds column "
                  + created.name()
                  + " without IF NOT EXISTS, so running the file again fails");
        }
      }
      if (created.kind() == Kind.INDEX
          && onExistingTable
          && !statement.hasWords("CONCURRENTLY")
          && buildsIndex(statement, created, after, retypedTables)) {
        sink.add(
            LintRule.CREATE_INDEX_LOCKING,
            created.flag("constraint")
                // ADD PRIMARY KEY and ADD UNIQUE take ACCESS EXCLUSIVE, unlike CREATE INDEX.
                ? "adds a constraint whose index "
                    + created.name()
                    + " is built on existing table "
                    + created.detail("table")
                    + " under an ACCESS EXCLUSIVE lock, so reads and writes of it wait"
                : "builds index "
                    + created.name()
                    + " on existing table "
                    + created.detail("table")
                    + " without CONCURRENTLY, so writes to it wait until the index is built");
      }
      // A column's type change creates its table's constraints again (COLUMN_TYPE_REWRITE says
      // where it rewrites): that adds none.
      if (created.kind() == Kind.CONSTRAINT
          && onExistingTable
          && !retypedTables.contains(created.detail("tableIdentity"))
          && (created.detail("type").equals("c") || created.detail("type").equals("f"))
          && !created.detail("body").endsWith(" NOT VALID")
          && !after
              .withIdentity(Kind.TABLE, created.detail("tableIdentity"))
              .map(t -> t.flag("partitioned"))
              .orElse(true)) {
        boolean foreignKey = created.detail("type").equals("f");
        sink.add(
            LintRule.ADD_CONSTRAINT_LOCKING,
            "adds "
                + (foreignKey ? "FOREIGN KEY" : "CHECK")
                + " constraint "
                + created.detail("sql")
                + " to existing table "
                + created.detail("table")
                + ", which checks every row while "
                + (foreignKey
                    ? "writes to it and to the table it references wait (SHARE ROW EXCLUSIVE)"
                    : "reads and writes of it wait (ACCESS EXCLUSIVE)"));
      }
      if (createsWithoutIfNotExists(statement, created)) {
        sink.add(
            LintRule.CREATE_WITHOUT_IF_NOT_EXISTS,
            "creates "
                + created.kind().label()
                + " "
                + created.name()
                + " without IF NOT EXISTS, so running the file again fails");
      }
    }
    return dedupe(findings);
  }

  private void column(
      SqlStatement statement,
      CatalogObject old,
      @Nullable CatalogObject now,
      CatalogSnapshot before,
      CatalogSnapshot after,
      CatalogSnapshot fileStart,
      StatementFindings sink) {
    String table = old.detail("tableIdentity");
    if (now == null) {
      if (after.withIdentity(Kind.TABLE, table).isPresent() && fileStart.sameAs(old).isPresent()) {
        sink.add(LintRule.DROP_COLUMN, "drops column " + old.name() + " and its data");
      }
      return;
    }
    if (!now.detail("sql").equals(old.detail("sql"))) {
      sink.add(
          LintRule.RENAME_COLUMN,
          "renames column " + old.name() + " to " + now.detail("sql").replace("\"", ""));
    }
    if (fileStart.withIdentity(Kind.TABLE, table).isEmpty()) {
      return; // a table created in this file is empty: changing it locks nothing anybody waits for
    }
    if (!old.flag("notNull")
        && now.flag("notNull")
        && !now.flag("identity")
        && !provedNotNull(old, before)
        && !notNullNotValid(statement, old)) {
      sink.add(
          LintRule.SET_NOT_NULL,
          "makes column "
              + now.name()
              + " NOT NULL, which scans table "
              + now.detail("table")
              + " under an ACCESS EXCLUSIVE lock");
    }
    CatalogObject tableBefore = before.withIdentity(Kind.TABLE, table).orElse(null);
    CatalogObject tableAfter = after.withIdentity(Kind.TABLE, table).orElse(null);
    boolean rewritten =
        tableBefore != null
            && tableAfter != null
            && !tableBefore.detail("relfilenode").equals(tableAfter.detail("relfilenode"));
    if (!old.detail("type").equals(now.detail("type")) && rewritten) {
      sink.add(
          LintRule.COLUMN_TYPE_REWRITE,
          "changes column "
              + now.name()
              + " from "
              + old.detail("type")
              + " to "
              + now.detail("type")
              + ", which rewrites table "
              + now.detail("table")
              + " and its indexes under an ACCESS EXCLUSIVE lock");
    }
  }

  /**
   * Reports the {@code rewritten} tables (they existed before the file and have a new relfilenode)
   * that PostgreSQL rewrote for another reason than a column's new type, which {@link
   * LintRule#COLUMN_TYPE_REWRITE} reports: a volatile default, a stored generated column or an
   * identity column added to them, for instance. TRUNCATE also gives a table a new relfilenode, but
   * rewrites no rows.
   */
  private static void rewrites(
      SqlStatement statement,
      List<CatalogObject> rewritten,
      Set<String> retypedTables,
      CatalogSnapshot before,
      CatalogSnapshot after,
      StatementFindings sink) {
    if (!statement.tokens().isEmpty() && statement.tokens().get(0).isWord("TRUNCATE")) {
      return;
    }
    for (CatalogObject now : rewritten) {
      if (retypedTables.contains(now.identity())) {
        continue;
      }
      sink.add(
          LintRule.TABLE_REWRITE,
          "rewrites table "
              + now.name()
              + " and its indexes under an ACCESS EXCLUSIVE lock, so reads and writes of it wait"
              + " until it is rewritten"
              + constrainedDomains(now, before, after));
    }
  }

  /**
   * Why adding a column rewrote {@code table} when its type is a domain with a CHECK or NOT NULL,
   * which PostgreSQL checks on every row by rewriting the table, default or not: the rule's first
   * fix (no default) does not help there.
   */
  private static String constrainedDomains(
      CatalogObject table, CatalogSnapshot before, CatalogSnapshot after) {
    List<String> columns = new ArrayList<>();
    for (CatalogObject column : after.objects()) {
      if (column.kind() != Kind.COLUMN
          || !column.detail("tableIdentity").equals(table.identity())
          || before.sameAs(column).isPresent()
          || column.detail("type").endsWith("]")) {
        continue;
      }
      after
          .withIdentity(Kind.TYPE, column.detail("typeIdentity"))
          .filter(d -> d.detail("typtype").equals("d"))
          .filter(d -> d.flag("notNull") || !d.detail("constraints").isEmpty())
          .ifPresent(d -> columns.add(column.detail("sql") + " of domain " + d.name()));
    }
    return columns.isEmpty()
        ? ""
        : ": it adds column "
            + String.join(", ", columns)
            + ", whose CHECK or NOT NULL PostgreSQL checks on every row by rewriting the table,"
            + " with a default or without";
  }

  /**
   * Whether {@code statement} adds {@code column}'s NOT NULL as a constraint {@code NOT VALID}
   * (PostgreSQL 18: {@code ADD CONSTRAINT c NOT NULL col NOT VALID}), which marks the column NOT
   * NULL without scanning the table; its VALIDATE scans while reads and writes go on.
   */
  private static boolean notNullNotValid(SqlStatement statement, CatalogObject column) {
    String name = column.name().substring(column.detail("table").length() + 1);
    List<SqlToken> t = statement.tokens();
    for (int at = statement.indexOfWords(0, "NOT", "NULL");
        at >= 0;
        at = statement.indexOfWords(at + 1, "NOT", "NULL")) {
      if (at + 2 < t.size()
          && t.get(at + 2).name().equals(name)
          && statement.indexOfWords(at + 3, "NOT", "VALID") == at + 3) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a validated {@code CHECK (<column> IS NOT NULL)} held before, so that PostgreSQL sets
   * NOT NULL without scanning the table.
   */
  private static boolean provedNotNull(CatalogObject column, CatalogSnapshot before) {
    String check = "CHECK ((" + column.detail("sql") + " IS NOT NULL))";
    return before.objects().stream()
        .anyMatch(
            c ->
                c.kind() == Kind.CONSTRAINT
                    && c.detail("type").equals("c")
                    && c.detail("tableIdentity").equals(column.detail("tableIdentity"))
                    && c.detail("body").equals(check));
  }

  /**
   * Whether {@code index}, new in the catalog after {@code statement}, was built: not when the
   * statement changed a column's type on its table (PostgreSQL rebuilds the indexes only where it
   * rewrites the table, which {@link LintRule#COLUMN_TYPE_REWRITE} reports, and otherwise keeps
   * their storage under a new name in the catalog), nor a partitioned table's {@code ON ONLY} index
   * (empty until each partition's is attached), nor a partition's index that {@code DETACH
   * PARTITION} leaves it (the snapshot sees a partition's indexes only once it is a table).
   */
  private static boolean buildsIndex(
      SqlStatement statement,
      CatalogObject index,
      CatalogSnapshot after,
      Set<String> retypedTables) {
    String table = index.detail("tableIdentity");
    if (retypedTables.contains(table) || statement.hasWords("DETACH", "PARTITION")) {
      return false;
    }
    return !(statement.hasWords("ONLY")
        && after.withIdentity(Kind.TABLE, table).map(t -> t.flag("partitioned")).orElse(false));
  }

  private static boolean createsWithoutIfNotExists(SqlStatement statement, CatalogObject created) {
    boolean idempotentKind =
        switch (created.kind()) {
          case SCHEMA, TABLE, SEQUENCE, EXTENSION, MATERIALIZED_VIEW -> true;
          case INDEX -> !created.flag("constraint");
          default -> false;
        };
    if (!idempotentKind
        || (created.kind() == Kind.SEQUENCE && !created.detail("ownedBy").isEmpty())) {
      return false;
    }
    return !statement.tokens().isEmpty()
        && statement.tokens().get(0).isWord("CREATE")
        && !statement.hasWords("IF", "NOT", "EXISTS");
  }

  private static String schemaOf(String qualified) {
    int dot = qualified.indexOf('.');
    return dot < 0 ? "" : qualified.substring(0, dot);
  }

  private static List<LintFinding> dedupe(List<LintFinding> findings) {
    return findings.stream().distinct().toList();
  }
}
