package dev.kit.lint;

import dev.kit.migration.SqlScript;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the migration linter checks. Each rule has an id (silence one statement with {@code --
 * kit:nolint <ID>} above it), the matching Atlas lint code where Atlas has one ({@code --
 * atlas:nolint DS102} works too, and so does the name of Atlas's analyzer that reports it, {@code
 * -- atlas:nolint destructive}), a default severity, and the fix. Destructive changes and changes
 * that fail on a table with rows are errors by default; the rest are warnings. Set another severity
 * per rule in the plugin's {@code <lint>} configuration.
 *
 * <pre>{@code
 * LintRule.DROP_TABLE.atlasCode();        // Optional[DS102]
 * LintRule.DROP_TABLE.defaultSeverity();  // ERROR
 * }</pre>
 */
public enum LintRule {
  DROP_SCHEMA(
      "DS101",
      Severity.ERROR,
      "keep the schema until no deployed version uses it, then drop it in a reviewed migration of its own with "
          + "'-- kit:nolint DROP_SCHEMA' above the statement"),
  DROP_TABLE(
      "DS102",
      Severity.ERROR,
      "keep the table until no deployed version reads it, then drop it in a reviewed migration of its own with "
          + "'-- kit:nolint DROP_TABLE' above the statement"),
  DROP_COLUMN(
      "DS103",
      Severity.ERROR,
      "release a version that no longer reads the column first, then drop it with '-- kit:nolint DROP_COLUMN' above the "
          + "statement"),
  ADD_NOT_NULL_COLUMN(
      "MF103",
      Severity.ERROR,
      "give the column a DEFAULT (a constant default adds it without rewriting the table), or add it nullable, "
          + "backfill it, then make it NOT NULL"),
  SET_NOT_NULL(
      "MF104",
      Severity.WARNING,
      "on a large table, add CHECK (<column> IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT "
          + "NULL, which then skips the scan"),
  RENAME_TABLE(
      "BC101",
      Severity.WARNING,
      "the running version still uses the old name: create the new table (or a view), move the application over, and "
          + "drop the old name in a later release"),
  RENAME_COLUMN(
      "BC102",
      Severity.WARNING,
      "the running version still uses the old name: add the new column, write both, move the application over, and "
          + "drop the old column in a later release"),
  COLUMN_TYPE_REWRITE(
      null,
      Severity.WARNING,
      "add a column of the new type, backfill it in batches, move the application over, then drop the old column"),
  TABLE_REWRITE(
      null,
      Severity.WARNING,
      "add the column without a default (or plain, without GENERATED or IDENTITY), backfill it in batches, then set "
          + "the default, the generation or the identity: a volatile default, a stored generated column or an identity "
          + "column added to an existing table rewrites it; a column of a domain with a CHECK or NOT NULL rewrites it "
          + "default or not: add it as the domain's base type and check the rows with a table CHECK ... NOT VALID, "
          + "then VALIDATE CONSTRAINT"),
  CREATE_INDEX_LOCKING(
      "PG101",
      Severity.WARNING,
      "use CREATE INDEX CONCURRENTLY (for a constraint: CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... "
          + "USING INDEX) in a file whose first line is '-- atlas:txmode none' followed by an empty line"),
  ADD_CONSTRAINT_LOCKING(
      null,
      Severity.WARNING,
      "add it NOT VALID (rows written from then on are checked), then VALIDATE CONSTRAINT in a later migration, "
          + "which checks the existing rows while reads and writes go on"),
  DROP_INDEX_LOCKING(
      "PG102",
      Severity.WARNING,
      "use DROP INDEX CONCURRENTLY in a file whose first line is '-- atlas:txmode none' followed by an empty line"),
  DETACH_PARTITION_LOCKING(
      null,
      Severity.WARNING,
      "use DETACH PARTITION ... CONCURRENTLY (not while the table has a default partition) in a file whose first line "
          + "is '-- atlas:txmode none' followed by an empty line"),
  CONCURRENTLY_IN_TRANSACTION(
      "PG103",
      Severity.ERROR,
      "make '-- atlas:txmode none' the file's first line and follow it with an empty line, so Atlas runs the file "
          + "without a transaction, and keep the statement out of the file's own BEGIN ... COMMIT"),
  TRANSACTION_BLOCK_REFUSED(
      null,
      Severity.ERROR,
      "put the statement in a file of its own whose first line is '-- atlas:txmode none' followed by an empty "
          + "line, so Atlas runs it without a transaction, and outside any BEGIN ... COMMIT"),
  EXPLICIT_TRANSACTION(
      null,
      Severity.WARNING,
      "remove the file's BEGIN and COMMIT, Atlas already runs the file in a transaction; to manage transactions in "
          + "the file, make '-- atlas:txmode none' its first line, followed by an empty line"),
  NEW_ENUM_VALUE_IN_TRANSACTION(
      null,
      Severity.WARNING,
      "use the new value in a later migration file, which runs after the one that adds it has committed (with the "
          + "service's txMode FILE), or add it in a file whose first line is '-- atlas:txmode none' followed by an "
          + "empty line"),
  ATLAS_BLOCK_COMMENT(
      null,
      Severity.ERROR,
      "close the inner comment (or the unclosed one) with */, or use -- comments"),
  ATLAS_BACKSLASH_QUOTE(null, Severity.ERROR, "write '' instead of \\' inside E'...'"),
  CREATE_WITHOUT_IF_NOT_EXISTS(
      null,
      Severity.WARNING,
      "write CREATE ... IF NOT EXISTS (ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS) so the file can run again"),
  LITERAL_PASSWORD(
      null,
      Severity.ERROR,
      "create the role without a password and set it from a Secret (a Job running ALTER ROLE ... PASSWORD from a "
          + "Secret-fed env var), or let CNPG manage the role (spec.managed.roles with passwordSecret)");

  private final @Nullable String atlasCode;
  private final Severity defaultSeverity;
  private final String fix;

  LintRule(@Nullable String atlasCode, Severity defaultSeverity, String fix) {
    this.atlasCode = atlasCode;
    this.defaultSeverity = defaultSeverity;
    this.fix = fix;
  }

  /** Atlas's code for the same check, such as {@code DS102}, when Atlas has one. */
  public Optional<String> atlasCode() {
    return Optional.ofNullable(atlasCode);
  }

  /**
   * The name of Atlas's analyzer that reports this code, which {@code -- atlas:nolint} accepts for
   * all of its codes: {@code destructive} (DS), {@code data_depend} (MF), {@code incompatible}
   * (BC), {@code concurrent_index} (PG).
   */
  public Optional<String> atlasAnalyzer() {
    return atlasCode()
        .map(
            code ->
                switch (code.substring(0, 2)) {
                  case "DS" -> "destructive";
                  case "MF" -> "data_depend";
                  case "BC" -> "incompatible";
                  default -> "concurrent_index";
                });
  }

  /** The rule that reports where Atlas reads a file otherwise than PostgreSQL. */
  public static LintRule of(SqlScript.AtlasDifference.Kind kind) {
    return switch (kind) {
      case NESTED_BLOCK_COMMENT, UNCLOSED_BLOCK_COMMENT -> ATLAS_BLOCK_COMMENT;
      case BACKSLASH_QUOTE -> ATLAS_BACKSLASH_QUOTE;
    };
  }

  /** The severity unless the configuration says otherwise. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** How to make the change safely, in one line. */
  public String fix() {
    return fix;
  }

  /**
   * How much a finding matters: errors fail the build, warnings are logged, {@code OFF} turns a
   * rule off.
   */
  public enum Severity {
    ERROR,
    WARNING,
    OFF
  }
}
