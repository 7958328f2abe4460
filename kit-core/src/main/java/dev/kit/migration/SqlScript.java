package dev.kit.migration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A migration file split into statements by PostgreSQL's lexical rules, the way {@code psql} and
 * Atlas split one: a semicolon ends a statement only outside quotes ({@code '...'}, {@code E'...'},
 * {@code "..."}), dollar quotes ({@code $body$...$body$}), comments ({@code --}, nested {@code /*
 * *\/}), parentheses and the {@code BEGIN ... END} body of a {@code CREATE FUNCTION} or {@code
 * PROCEDURE}. Each statement keeps its offset in the file, so a PostgreSQL error position maps back
 * to a line and column.
 *
 * <p>A first line {@code -- atlas:delimiter X} makes {@code X} end statements instead, as in Atlas:
 * that line is not part of any statement, semicolons end none, and {@code X} ends one wherever it
 * starts outside quotes, dollar quotes, comments and parentheses, even inside a word; the statement
 * leaves it out.
 *
 * <p>Where Atlas's scanner reads the text otherwise than PostgreSQL, so that Atlas would send other
 * statements than these, {@link #atlasDifferences()} says where: Atlas ends a block comment at its
 * first {@code *\/} (it does not nest them) and sends an unclosed one as SQL, and it does not read
 * {@code \'} as a quote inside {@code E'...'} (ariga/atlas#3762).
 *
 * <pre>{@code
 * SqlScript script = SqlScript.parse("CREATE TABLE t (a text DEFAULT ';');\nSELECT 1;");
 * script.statements().size();          // 2
 * script.statements().get(1).line();   // 2
 * }</pre>
 */
public final class SqlScript {

  private final String text;
  private final List<SqlStatement> statements;
  private final List<AtlasDifference> atlasDifferences;

  private SqlScript(String text, Splitter splitter) {
    this.text = text;
    this.statements = List.copyOf(splitter.split());
    this.atlasDifferences = List.copyOf(splitter.atlasDifferences);
  }

  /**
   * Splits {@code text} into statements.
   *
   * @throws IllegalArgumentException with Atlas's message when Atlas cannot read the file's {@code
   *     -- atlas:delimiter} line
   */
  public static SqlScript parse(String text) {
    Objects.requireNonNull(text, "text");
    Optional<String> delimiter = AtlasFileDirectives.delimiter(text);
    if (delimiter.isEmpty()) {
      return new SqlScript(text, new Splitter(text, null, 0));
    }
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw new IllegalArgumentException(
          "1:0: no input found after delimiter \"" + delimiter.get() + "\"");
    }
    return new SqlScript(text, new Splitter(text, delimiter.get(), newline + 1));
  }

  /**
   * Splits a migration file's bytes, read as UTF-8 (what PostgreSQL's client encoding is for
   * Atlas).
   */
  public static SqlScript parse(byte[] content) {
    return parse(new String(content, StandardCharsets.UTF_8));
  }

  /** The whole file's text. */
  public String text() {
    return text;
  }

  /** The statements in file order; empty statements ({@code ;;}) are left out. */
  public List<SqlStatement> statements() {
    return statements;
  }

  /**
   * Where Atlas's scanner reads the file otherwise than PostgreSQL, in file order: there Atlas
   * sends other statements than {@link #statements()}.
   */
  public List<AtlasDifference> atlasDifferences() {
    return atlasDifferences;
  }

  /**
   * A place where Atlas's scanner reads the file otherwise than PostgreSQL.
   *
   * @param kind what Atlas reads otherwise
   * @param line the 1-based line of the construct
   * @param column the 1-based column (in characters) of the construct
   */
  public record AtlasDifference(Kind kind, int line, int column) {

    /** What Atlas reads otherwise than PostgreSQL. */
    public enum Kind {
      /**
       * A {@code /*} inside a block comment: PostgreSQL nests block comments, Atlas ends one at its
       * first {@code *\/} and runs the rest as SQL.
       */
      NESTED_BLOCK_COMMENT,
      /**
       * A block comment never closed: PostgreSQL's scanner reads it to the end of the file, Atlas
       * sends it as a statement.
       */
      UNCLOSED_BLOCK_COMMENT,
      /**
       * {@code \'} inside {@code E'...'}: a quote for PostgreSQL, the string's end for Atlas
       * (ariga/atlas#3762), which then reports an unclosed quote or splits at a semicolon inside.
       */
      BACKSLASH_QUOTE
    }

    public AtlasDifference {
      Objects.requireNonNull(kind, "kind");
    }

    /** What Atlas does with it, in one line. */
    public String why() {
      return switch (kind) {
        case NESTED_BLOCK_COMMENT ->
            "Atlas ends a block comment at its first */ and does not nest them, so the rest runs as"
                + " SQL";
        case UNCLOSED_BLOCK_COMMENT ->
            "the /* comment is never closed: PostgreSQL reads the rest of the file as a comment,"
                + " Atlas sends it as SQL";
        case BACKSLASH_QUOTE ->
            "Atlas does not read \\' as a quote inside E'...' (ariga/atlas#3762, v1.2.2 to at"
                + " least v1.3.0): it ends the string there, then reports an unclosed quote or"
                + " splits the file at a ; inside the string";
      };
    }
  }

  /**
   * Splits by PostgreSQL's lexical rules while collecting tokens and the comments above each
   * statement.
   */
  private static final class Splitter {
    private final String text;
    // What a first-line atlas:delimiter sets; null for PostgreSQL's semicolon rules.
    private final @Nullable String delimiter;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<AtlasDifference> atlasDifferences = new ArrayList<>();
    private int pos;

    // The statement being read.
    private int start = -1;
    private List<SqlToken> tokens = new ArrayList<>();
    private List<String> pendingComments = new ArrayList<>();
    private int parenDepth;
    private int beginDepth;
    private int wordCount;
    private final char[] leadingWords = new char[4];
    private SqlErrorPosition startPosition = new SqlErrorPosition(1, 1);

    // A running place in the text that only moves forward, so that placing every statement costs
    // one pass over the file, not one per statement from its start.
    private int cursorOffset;
    private int cursorLine = 1;
    private int cursorLineStart;
    private int cursorColumns; // code points from cursorLineStart to cursorOffset

    Splitter(String text, @Nullable String delimiter, int from) {
      this.text = text;
      this.delimiter = delimiter;
      this.pos = from;
    }

    List<SqlStatement> split() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        String custom = delimiter;
        // Before a statement Atlas skips white space first, so a delimiter of white space ends
        // none.
        if (custom != null && (start >= 0 || !Character.isWhitespace(c)) && delimiterAt(pos)) {
          if (start >= 0) {
            emit(pos);
          } else {
            pendingComments = new ArrayList<>(); // an empty statement
          }
          pos += custom.length();
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '-' && peek(1) == '-') {
          lineComment();
        } else if (c == '/' && peek(1) == '*') {
          blockComment();
        } else {
          token();
        }
      }
      if (start >= 0) {
        emit(text.length());
      }
      return statements;
    }

    /** Whether a custom delimiter starts at {@code at}, outside parentheses. */
    private boolean delimiterAt(int at) {
      return delimiter != null && parenDepth == 0 && text.startsWith(delimiter, at);
    }

    private void lineComment() {
      int end = text.indexOf('\n', pos);
      end = end < 0 ? text.length() : end;
      comment(pos, end, end < text.length() && peekAt(end + 1) == '\n');
      // The line feed goes with the comment, as in Atlas, so a delimiter cannot start on it.
      pos = Math.min(end + 1, text.length());
    }

    private void blockComment() {
      int begin = pos;
      int depth = 0;
      int nested = -1;
      while (pos < text.length()) {
        if (text.startsWith("/*", pos)) {
          if (depth == 1 && nested < 0) {
            nested = pos;
          }
          depth++;
          pos += 2;
        } else if (text.startsWith("*/", pos)) {
          depth--;
          pos += 2;
          if (depth == 0) {
            break;
          }
        } else {
          pos++;
        }
      }
      if (nested >= 0) {
        atlasDifference(AtlasDifference.Kind.NESTED_BLOCK_COMMENT, nested);
      } else if (depth > 0) {
        atlasDifference(AtlasDifference.Kind.UNCLOSED_BLOCK_COMMENT, begin);
      }
      comment(begin, pos, text.startsWith("\n\n", pos));
    }

    private void atlasDifference(AtlasDifference.Kind kind, int at) {
      SqlErrorPosition p = positionAt(at);
      atlasDifferences.add(new AtlasDifference(kind, p.line(), p.column()));
    }

    /**
     * {@link SqlErrorPosition#ofOffset} of {@code offset}, moving the cursor there. The splitter
     * asks only forward, in file order: a statement's place when its first token starts, then a
     * difference inside that token or a comment after it.
     */
    private SqlErrorPosition positionAt(int offset) {
      assert offset >= cursorOffset : offset + " is behind the cursor at " + cursorOffset;
      int end = offset;
      for (int i = cursorOffset; i < end; i++) {
        char c = text.charAt(i);
        if (c == '\n') {
          cursorLine++;
          cursorLineStart = i + 1;
          cursorColumns = 0;
        } else if (!(Character.isLowSurrogate(c)
            && i > cursorLineStart
            && Character.isHighSurrogate(text.charAt(i - 1)))) {
          cursorColumns++; // a surrogate pair is one code point, as String.codePointCount counts
        }
      }
      cursorOffset = end;
      return new SqlErrorPosition(cursorLine, cursorColumns + 1);
    }

    /**
     * Comments before a statement's first token are its comment group; an empty line after one ends
     * the group.
     */
    private void comment(int begin, int end, boolean emptyLineFollows) {
      if (start >= 0) {
        return;
      }
      pendingComments.add(text.substring(begin, end).strip());
      if (emptyLineFollows) {
        pendingComments = new ArrayList<>();
      }
    }

    private void token() {
      int begin = pos;
      char c = text.charAt(pos);
      if (start < 0) {
        startPosition = positionAt(begin);
      }
      SqlToken.Kind kind;
      if (c == '\'') {
        quoted('\'', false);
        kind = SqlToken.Kind.STRING;
      } else if (c == '"') {
        quoted('"', false);
        kind = SqlToken.Kind.QUOTED_IDENTIFIER;
      } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
        pos++;
        quoted('\'', true);
        kind = SqlToken.Kind.STRING;
      } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n')
          && peek(1) == '\'') {
        pos++;
        quoted('\'', false);
        kind = SqlToken.Kind.STRING;
      } else if ((c == 'U' || c == 'u') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
        pos += 2;
        boolean identifier = text.charAt(pos) == '"';
        quoted(text.charAt(pos), false);
        kind = identifier ? SqlToken.Kind.QUOTED_IDENTIFIER : SqlToken.Kind.STRING;
      } else if (c == '$' && Character.isDigit(peek(1))) {
        pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && !delimiterAt(pos)) {
          pos++;
        }
        kind = SqlToken.Kind.PARAMETER;
      } else if (c == '$' && dollarTagLength(pos) > 0) {
        dollarQuoted();
        kind = SqlToken.Kind.STRING;
      } else if (isIdentifierStart(c)) {
        while (pos < text.length() && isIdentifierPart(text.charAt(pos)) && !delimiterAt(pos)) {
          pos++;
        }
        kind = SqlToken.Kind.WORD;
      } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
        number();
        kind = SqlToken.Kind.NUMBER;
      } else {
        pos++;
        kind = SqlToken.Kind.SYMBOL;
      }
      if (start < 0) {
        if (delimiter == null && kind == SqlToken.Kind.SYMBOL && c == ';') {
          pendingComments = new ArrayList<>(); // an empty statement
          return;
        }
        start = begin;
      }
      SqlToken token = new SqlToken(kind, text.substring(begin, pos), begin);
      tokens.add(token);
      track(token);
      if (delimiter == null && token.isSymbol(';') && parenDepth == 0 && beginDepth == 0) {
        emit(pos);
      }
    }

    /**
     * Tracks parentheses, and BEGIN/CASE/END inside a CREATE [OR REPLACE] FUNCTION or PROCEDURE, as
     * psql does, so that the semicolons of a {@code BEGIN ATOMIC ... END} body do not end the
     * statement.
     */
    private void track(SqlToken token) {
      if (token.isSymbol('(')) {
        parenDepth++;
      } else if (token.isSymbol(')')) {
        parenDepth = Math.max(0, parenDepth - 1);
      }
      if (token.kind() != SqlToken.Kind.WORD) {
        return;
      }
      String word = token.name();
      if (wordCount < leadingWords.length
          && (word.equals("create")
              || word.equals("or")
              || word.equals("replace")
              || word.equals("function")
              || word.equals("procedure"))) {
        leadingWords[wordCount] = word.charAt(0);
      }
      wordCount++;
      boolean routine =
          leadingWords[0] == 'c'
              && (leadingWords[1] == 'f'
                  || leadingWords[1] == 'p'
                  || (leadingWords[1] == 'o'
                      && leadingWords[2] == 'r'
                      && (leadingWords[3] == 'f' || leadingWords[3] == 'p')));
      if (!routine || parenDepth != 0) {
        return;
      }
      if (word.equals("begin")) {
        beginDepth++;
      } else if (word.equals("case") && beginDepth > 0) {
        beginDepth++; // CASE ends with END too, but only matters inside a body
      } else if (word.equals("end") && beginDepth > 0) {
        beginDepth--;
      }
    }

    private void emit(int end) {
      String statement = text.substring(start, end).stripTrailing();
      statements.add(
          new SqlStatement(
              statement,
              start,
              startPosition.line(),
              startPosition.column(),
              pendingComments,
              tokens));
      start = -1;
      tokens = new ArrayList<>();
      pendingComments = new ArrayList<>();
      parenDepth = 0;
      beginDepth = 0;
      wordCount = 0;
      java.util.Arrays.fill(leadingWords, '\0');
    }

    /**
     * Reads a quoted token from its opening quote; doubled quotes (and backslashes in E'') escape.
     */
    private void quoted(char quote, boolean backslashEscapes) {
      pos++;
      boolean reported = false;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (backslashEscapes && c == '\\') {
          if (peek(1) == quote && !reported) {
            atlasDifference(AtlasDifference.Kind.BACKSLASH_QUOTE, pos);
            reported = true;
          }
          pos += 2;
        } else if (c == quote) {
          if (peek(1) == quote) {
            pos += 2;
          } else {
            pos++;
            return;
          }
        } else {
          pos++;
        }
      }
      pos =
          Math.min(
              pos,
              text.length()); // unterminated: PostgreSQL reports it; the statement runs to the end
    }

    private void dollarQuoted() {
      String tag = text.substring(pos, pos + dollarTagLength(pos));
      int close = text.indexOf(tag, pos + tag.length());
      pos = close < 0 ? text.length() : close + tag.length();
    }

    /** The length of a dollar-quote delimiter ({@code $$} or {@code $tag$}) at {@code at}, or 0. */
    private int dollarTagLength(int at) {
      if (at > 0 && isIdentifierPart(text.charAt(at - 1))) {
        return 0; // '$' inside an identifier such as a$b
      }
      int i = at + 1;
      if (i < text.length() && isIdentifierStart(text.charAt(i)) && text.charAt(i) != '$') {
        i++;
        while (i < text.length() && isIdentifierPart(text.charAt(i)) && text.charAt(i) != '$') {
          i++;
        }
      }
      return i < text.length() && text.charAt(i) == '$' ? i - at + 1 : 0;
    }

    private void number() {
      while (pos < text.length() && !delimiterAt(pos)) {
        char c = text.charAt(pos);
        if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
          pos++;
        } else if ((c == '+' || c == '-')
            && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')) {
          pos++;
        } else {
          return;
        }
      }
    }

    private char peek(int ahead) {
      return peekAt(pos + ahead);
    }

    private char peekAt(int at) {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private static boolean isIdentifierStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    private static boolean isIdentifierPart(char c) {
      return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
  }
}
