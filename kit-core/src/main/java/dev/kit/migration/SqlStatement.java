package dev.kit.migration;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a migration file, with where it starts and the comments directly above it.
 *
 * <pre>{@code
 * SqlStatement s = SqlScript.parse("-- kit:nolint DROP_TABLE\nDROP TABLE old;").statements().get(0);
 * s.text();     // "DROP TABLE old;"
 * s.line();     // 2
 * s.comments(); // ["-- kit:nolint DROP_TABLE"]
 * }</pre>
 *
 * @param text the statement as sent to PostgreSQL, from its first token through its semicolon, or
 *     up to the file's {@code -- atlas:delimiter}, which it leaves out
 * @param offset where the statement starts, as a char index into the file's text
 * @param line the 1-based line the statement starts on
 * @param column the 1-based column (in characters) the statement starts at
 * @param comments the comment group directly above the statement (no empty line between), as Atlas
 *     attaches them; this is where {@code -- kit:nolint} and {@code -- atlas:nolint} are read
 * @param tokens the statement's tokens, comments and white space left out
 */
public record SqlStatement(
    String text, int offset, int line, int column, List<String> comments, List<SqlToken> tokens) {

  public SqlStatement {
    Objects.requireNonNull(text, "text");
    comments = List.copyOf(comments);
    tokens = List.copyOf(tokens);
  }

  /**
   * Whether the statement contains the unquoted words {@code words} in a row, such as {@code IF NOT
   * EXISTS}.
   */
  public boolean hasWords(String... words) {
    return indexOfWords(0, words) >= 0;
  }

  /**
   * The index of the first token at or after {@code from} that starts the words {@code words} in a
   * row, or -1.
   */
  public int indexOfWords(int from, String... words) {
    for (int i = Math.max(0, from); i + words.length <= tokens.size(); i++) {
      boolean match = true;
      for (int j = 0; j < words.length && match; j++) {
        match = tokens.get(i + j).isWord(words[j]);
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  /** The statement's first line, for messages. */
  public String firstLine() {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
