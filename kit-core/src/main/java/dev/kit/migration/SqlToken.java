package dev.kit.migration;

import java.util.Locale;
import java.util.Objects;

/**
 * One lexical token of a SQL statement, as PostgreSQL's scanner delimits it; comments and white
 * space are not tokens. Lint rules match tokens, so a keyword inside a comment, a string or a
 * quoted name never fires one.
 *
 * <pre>{@code
 * SqlToken drop = SqlScript.parse("DROP TABLE \"Orders\";").statements().get(0).tokens().get(0);
 * drop.isWord("drop"); // true: keywords compare case-insensitively
 * }</pre>
 *
 * @param kind what the token is
 * @param text the token exactly as written
 * @param offset where it starts, as a char index into the file's text
 */
public record SqlToken(Kind kind, String text, int offset) {

  /** The kinds of token the lint rules tell apart. */
  public enum Kind {
    /** An unquoted identifier or keyword, such as {@code CREATE} or {@code orders}. */
    WORD,
    /** A double-quoted identifier, such as {@code "Orders"}. */
    QUOTED_IDENTIFIER,
    /** A string constant in any of PostgreSQL's forms: {@code 'a'}, {@code E'a'}, {@code $$a$$}. */
    STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAMETER,
    /** Any other character: punctuation and operators, one character each. */
    SYMBOL
  }

  public SqlToken {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Whether this is the unquoted word {@code word}, compared case-insensitively as PostgreSQL folds
   * keywords.
   */
  public boolean isWord(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }

  /** Whether this is the one-character symbol {@code symbol}. */
  public boolean isSymbol(char symbol) {
    return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
  }

  /**
   * The name this token denotes as PostgreSQL resolves it: an unquoted word folded to lower case, a
   * quoted identifier without its quotes; other tokens as written.
   */
  public String name() {
    return switch (kind) {
      case WORD -> text.toLowerCase(Locale.ROOT);
      case QUOTED_IDENTIFIER -> unquote(text);
      default -> text;
    };
  }

  private static String unquote(String quoted) {
    int start = quoted.startsWith("U&") || quoted.startsWith("u&") ? 3 : 1;
    int end =
        quoted.endsWith("\"") && quoted.length() > start ? quoted.length() - 1 : quoted.length();
    return quoted.substring(start, end).replace("\"\"", "\"");
  }
}
