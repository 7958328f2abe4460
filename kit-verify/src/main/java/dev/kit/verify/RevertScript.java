package dev.kit.verify;

import java.util.ArrayList;
import java.util.List;

/** A revert migration being written: its statements and what it cannot undo, and its text. */
final class RevertScript {

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
   */
  String render(String name, String version, String server) {
    StringBuilder sql =
        new StringBuilder()
            .append("-- kit:revert ")
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
    statements.forEach(statement -> sql.append(statement).append("\n\n"));
    return sql.toString().stripTrailing() + "\n";
  }
}
