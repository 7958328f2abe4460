package dev.kit.verify;

import java.util.List;
import java.util.Objects;

/**
 * A migration that PostgreSQL (or Atlas) refused, located like a compiler error: {@code
 * services/orders/migrations/20250102000000_x.sql:14:7: ERROR: column "x" does not exist}, then the
 * server's detail, hint and context, and kit's own advice, one per line.
 *
 * <pre>{@code
 * error.toString();
 * // services/orders/migrations/20250102000000_x.sql:14:7: ERROR: column "x" does not exist
 * //   HINT: Perhaps you meant to reference the column "orders.id".
 * }</pre>
 *
 * @param file the migration, relative to the repository root
 * @param line the 1-based line PostgreSQL's error position points at (or where the statement
 *     starts)
 * @param column the 1-based column, in characters
 * @param message the first line, such as {@code ERROR: column "x" does not exist}
 * @param details further lines ({@code DETAIL: ...}, {@code HINT: ...}, {@code kit: ...})
 */
public record MigrationError(
    String file, int line, int column, String message, List<String> details) {

  public MigrationError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    details = List.copyOf(details);
  }

  /** The location, such as {@code services/orders/migrations/2_x.sql:14:7}. */
  public String location() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(location()).append(": ").append(message);
    details.forEach(detail -> text.append("\n  ").append(detail));
    return text.toString();
  }
}
