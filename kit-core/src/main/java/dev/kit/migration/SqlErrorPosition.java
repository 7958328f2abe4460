package dev.kit.migration;

/**
 * A place in a migration file as an editor shows it: 1-based line and 1-based column, counted in
 * characters (Unicode code points, as PostgreSQL counts its error positions).
 *
 * <pre>{@code
 * // PostgreSQL reported "Position: 15" for the statement that starts at offset 40 of the file:
 * SqlErrorPosition at = SqlErrorPosition.inStatement(fileText, 40, 15);
 * at.line();   // 3
 * at.column(); // 8
 * }</pre>
 *
 * @param line the 1-based line
 * @param column the 1-based column, in characters
 */
public record SqlErrorPosition(int line, int column) {

  /** The line and column of the char index {@code offset} of {@code text}. */
  public static SqlErrorPosition ofOffset(String text, int offset) {
    int end = Math.max(0, Math.min(offset, text.length()));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SqlErrorPosition(line, text.codePointCount(lineStart, end) + 1);
  }

  /**
   * Where PostgreSQL's error {@code position} points: it counts characters from 1 within the
   * statement that was sent, and the statement starts at the char index {@code statementOffset} of
   * the file's {@code text}.
   */
  public static SqlErrorPosition inStatement(String text, int statementOffset, int position) {
    int remaining = text.codePointCount(statementOffset, text.length());
    int steps = Math.max(0, Math.min(position - 1, remaining));
    return ofOffset(text, text.offsetByCodePoints(statementOffset, steps));
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
