package dev.kit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A revert migration being written: its statements and what it cannot undo, and its text. */
final class RevertScript {

  /** A statement that drops or creates one index, as kit writes them: nothing else on its lines. */
  private static final Pattern INDEX_STATEMENT =
      Pattern.compile("(DROP INDEX|CREATE (?:UNIQUE )?INDEX)( IF (?:NOT )?EXISTS [^;\\n]+;)");

  private final List<String> statements = new ArrayList<>();
  private final List<String> irreversible = new ArrayList<>();

  /** Adds a statement, without a line break after it. */
  void statement(String statement) {
    statements.add(statement);
  }

  /** Adds a line to {@code -- kit:irreversible}: {@code <object>: <why>}. */
  void irreversible(String line) {
    irreversible.add(line);
  }

  /** What it cannot undo so far, one line each. */
  List<String> irreversible() {
    return List.copyOf(irreversible);
  }

  /**
   * The migration's text: the header, what it cannot undo, then the statements.
   *
   * @param name the reverted migration's file name
   * @param version the reverted migration's version
   * @param server the server it was derived on, such as {@code PostgreSQL 17.11}
   * @param withoutTransaction whether the reverted migration ran without a transaction: a revert
   *     that only drops and creates indexes then does so {@code CONCURRENTLY}, as its author did
   */
  String render(String name, String version, String server, boolean withoutTransaction) {
    boolean concurrently =
        withoutTransaction
            && !statements.isEmpty()
            && statements.stream().allMatch(s -> INDEX_STATEMENT.matcher(s).matches());
    StringBuilder sql = new StringBuilder();
    if (concurrently) {
      // In the header, which the empty line below ends, so Atlas runs the file without one.
      sql.append("-- atlas:txmode none\n");
    }
    sql.append("-- kit:revert ")
        .append(version)
        .append('\n')
        .append("-- Reverts ")
        .append(name)
        .append(", derived by kit from the catalog before and after it on ")
        .append(server)
        .append(".\n")
        .append("-- Review it before merging; kit:verify proves that it restores what ")
        .append(version)
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
    for (String statement : statements) {
      sql.append(
              concurrently
                  ? INDEX_STATEMENT.matcher(statement).replaceFirst("$1 CONCURRENTLY$2")
                  : statement)
          .append("\n\n");
    }
    return sql.toString().stripTrailing() + "\n";
  }
}
