package dev.kit.lint;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds a password written as a literal in a migration: {@code CREATE ROLE reporting LOGIN PASSWORD
 * 'hunter2'}, {@code ALTER USER ... ENCRYPTED PASSWORD '...'}, {@code CREATE USER MAPPING ...
 * OPTIONS (password '...')}, and the same inside a {@code DO} block, written there or as dynamic
 * SQL ({@code EXECUTE 'ALTER ROLE app PASSWORD ''hunter2'''}, {@code EXECUTE format('... PASSWORD
 * %L', r, 'hunter2')}). kit copies migrations into a ConfigMap, which anyone who may read
 * ConfigMaps (and Argo CD's UI) shows, so such a statement must neither be accepted silently nor
 * quoted in a message. {@code PASSWORD NULL} sets none and is not a literal, nor is a {@code %L}
 * whose argument is a variable; the word inside a comment or a string (other than a {@code DO}
 * block's) is no token, so it matches nothing.
 *
 * <pre>{@code
 * SqlStatement s = SqlScript.parse("CREATE ROLE r LOGIN PASSWORD 'x';").statements().get(0);
 * LiteralPasswords.in(s); // true
 * LiteralPasswords.mask("ALTER ROLE r PASSWORD 'x';").text(); // "ALTER ROLE r PASSWORD '***';"
 * }</pre>
 */
public final class LiteralPasswords {

  /** What a password literal is replaced with in {@link #mask} and {@link #hidden}. */
  public static final String MASK = "'***'";

  /** Dynamic SQL nested deeper than this is not read (a string in a string in a DO block). */
  private static final int MAX_DEPTH = 4;

  /**
   * One password literal: the token of the statement that holds it (a DO block's body for dynamic
   * SQL), and the literal as PostgreSQL's scanner reads it where it is run.
   */
  private record Found(SqlToken token, String literal) {}

  /** A {@code format()} call's template and its arguments after the template. */
  private record Format(String template, List<List<SqlToken>> arguments) {}

  /**
   * A {@code format()} placeholder's string-constant argument's value, and its type (s, I or L).
   */
  private record Placeholder(String value, char type) {

    /**
     * The argument as {@code format()} writes it: {@code %L} as a literal, {@code %s} as it is, and
     * {@code %I} as it is too, without the quotes {@code quote_ident} may add (a message's text is
     * masked where it holds the value, quoted or not).
     */
    String written() {
      return type == 'L' ? quoteLiteral(value) : value;
    }
  }

  private LiteralPasswords() {}

  /**
   * Whether {@code statement} is a {@code CREATE} or {@code ALTER} of a role, user (or user
   * mapping) or group whose {@code PASSWORD} (or quoted {@code "password"} option) is followed by a
   * string constant, in any of its forms ({@code '...'}, {@code E'...'}, {@code $$...$$}), or of a
   * subscription whose {@code CONNECTION} string sets a password ({@code password=} or a URI's
   * {@code user:password@}); or a {@code DO} block that runs such a statement, written in its body
   * or as a string constant it executes (a {@code format()} template's {@code PASSWORD %L} counts
   * when its argument is a string constant).
   */
  public static boolean in(SqlStatement statement) {
    return !found(statement).isEmpty();
  }

  /**
   * {@code sql} with its password literals masked, and the literals themselves, from one parse.
   *
   * @param text {@code sql} with every string constant that holds a password replaced by {@link
   *     #MASK} (a {@code DO} block's whole body when its dynamic SQL sets one), followed by the
   *     line breaks the constant spanned, so lines keep their numbers
   * @param literals the password literals as PostgreSQL's scanner reads them where they run, quotes
   *     included ({@code 'hunter2'}, inside a {@code DO} block's dynamic SQL too, and as {@code
   *     format()} or {@code quote_literal} writes them): the text its errors quote, such as {@code
   *     syntax error at or near "'hunter2'"}; longest first
   */
  public record Masked(String text, List<String> literals) {
    public Masked {
      literals = List.copyOf(literals);
    }
  }

  /** {@code sql}'s password literals, found and masked ({@link Masked}). */
  public static Masked mask(String sql) {
    List<SqlToken> tokens = new ArrayList<>();
    Set<String> literals = new LinkedHashSet<>();
    for (SqlStatement statement : SqlScript.parse(sql).statements()) {
      for (Found found : found(statement)) {
        if (!tokens.contains(found.token())) {
          tokens.add(found.token());
        }
        literals.add(found.literal());
      }
    }
    List<String> longestFirst = new ArrayList<>(literals);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    if (tokens.isEmpty()) {
      return new Masked(sql, longestFirst);
    }
    tokens.sort(Comparator.comparingInt(SqlToken::offset));
    StringBuilder out = new StringBuilder(sql.length());
    int at = 0;
    for (SqlToken token : tokens) {
      out.append(sql, at, token.offset()).append(MASK);
      token.text().chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
      at = token.offset() + token.text().length();
    }
    return new Masked(out.append(sql.substring(at)).toString(), longestFirst);
  }

  /**
   * {@code text} (what PostgreSQL or Atlas said of a statement) with each of {@code literals},
   * longest first as {@link Masked#literals} lists them, replaced by {@link #MASK}.
   */
  public static String hidden(String text, List<String> literals) {
    String out = text;
    for (String literal : literals) {
      out = out.replace(literal, MASK);
    }
    return out;
  }

  private static List<Found> found(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    List<Found> found = new ArrayList<>();
    if (t.isEmpty()) {
      return found;
    }
    if (t.get(0).isWord("DO")) {
      for (int i = 1; i < t.size(); i++) {
        if (t.get(i).kind() == SqlToken.Kind.STRING && !t.get(i - 1).isWord("LANGUAGE")) {
          for (String literal : inCode(value(t.get(i)), null, 1)) {
            found.add(new Found(t.get(i), literal));
          }
          break;
        }
      }
    } else {
      for (int at : passwordsAt(t, 0)) {
        SqlToken token = t.get(at);
        written(token, null).ifPresent(literal -> found.add(new Found(token, literal)));
      }
    }
    return found;
  }

  /**
   * The password literals of PL/pgSQL code or dynamic SQL (a {@code format()} template when {@code
   * format} is not null): its role statements wherever they start, and those of the string
   * constants it holds, read as SQL in turn.
   */
  private static List<String> inCode(String code, @Nullable Format format, int depth) {
    List<String> literals = new ArrayList<>();
    for (SqlStatement statement : SqlScript.parse(code).statements()) {
      List<SqlToken> t = statement.tokens();
      for (int i = 0; i < t.size(); i++) {
        for (int at : passwordsAt(t, i)) {
          written(t.get(at), format).ifPresent(literals::add);
        }
        if (t.get(i).kind() == SqlToken.Kind.STRING && depth < MAX_DEPTH) {
          String dynamic = value(t.get(i));
          literals.addAll(inCode(dynamic, formatAt(t, i), depth + 1));
          quotedAfter(t, i, dynamic).ifPresent(literals::add);
        }
      }
    }
    return literals;
  }

  /**
   * The indexes of the tokens that set a password in the role, user, group or subscription command
   * at token {@code from}: the string constant after {@code PASSWORD} (or a {@code format()}
   * placeholder's {@code %} there), or a {@code CONNECTION} string that holds a password. None when
   * no such command starts there.
   */
  private static List<Integer> passwordsAt(List<SqlToken> t, int from) {
    List<Integer> at = new ArrayList<>();
    if (from + 1 >= t.size() || !(t.get(from).isWord("CREATE") || t.get(from).isWord("ALTER"))) {
      return at;
    }
    boolean subscription = t.get(from + 1).isWord("SUBSCRIPTION");
    if (!subscription && !isRoleCommand(t, from)) {
      return at;
    }
    for (int i = from + 2; i + 1 < t.size() && !t.get(i).isSymbol(';'); i++) {
      SqlToken next = t.get(i + 1);
      if (subscription) {
        if (t.get(i).isWord("CONNECTION")
            && next.kind() == SqlToken.Kind.STRING
            && connectionHoldsPassword(value(next))) {
          at.add(i + 1);
        }
      } else if (isPasswordWord(t.get(i))
          && (next.kind() == SqlToken.Kind.STRING || next.isSymbol('%'))) {
        at.add(i + 1);
      }
    }
    return at;
  }

  /**
   * The password literal {@code token} (a {@link #passwordsAt} token) puts where its SQL runs: the
   * constant itself, or in a {@code format()} template the placeholder's string-constant argument
   * as {@code format()} writes it ({@code %L} as {@code quote_literal} does, {@code '%s'} as is
   * between the template's quotes). Empty for a placeholder whose argument is a variable or an
   * expression.
   */
  private static Optional<String> written(SqlToken token, @Nullable Format format) {
    boolean string = token.kind() == SqlToken.Kind.STRING;
    if (string && (format == null || !placeholder(value(token)))) {
      return Optional.of(token.text());
    }
    if (format == null) {
      return Optional.empty(); // a '%' outside a template sets no password
    }
    if (string) {
      // PASSWORD '%s': the value lands between the template's own quotes.
      return argument(format, token.offset() + 1)
          .map(a -> token.text().replace(value(token), a.written()));
    }
    return argument(format, token.offset()).map(Placeholder::written);
  }

  /**
   * Whether a {@code CREATE} or {@code ALTER} of a role, user (or user mapping) or group starts at
   * {@code from}.
   */
  private static boolean isRoleCommand(List<SqlToken> t, int from) {
    SqlToken object = t.get(from + 1);
    return (t.get(from).isWord("CREATE") || t.get(from).isWord("ALTER"))
        && (object.isWord("ROLE") || object.isWord("USER") || object.isWord("GROUP"));
  }

  /** Whether {@code token} is the word {@code PASSWORD} or the quoted option {@code "password"}. */
  private static boolean isPasswordWord(SqlToken token) {
    return (token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER)
        && token.name().equals("password");
  }

  /**
   * Whether a subscription's connection string sets a password, read as libpq reads it: a URI
   * ({@code postgresql://} or {@code postgres://}) with a password before its host or a {@code
   * password} parameter, whatever it starts with ({@code postgresql://u:x@h/db}, {@code
   * ...?password=x}); else {@code keyword = value} pairs, a value quoted or not, with a {@code
   * password} keyword ({@code host='h'password=x} too). {@code dbname=passwords} sets none; a
   * string libpq would refuse counts when it holds the word at all.
   */
  private static boolean connectionHoldsPassword(String conninfo) {
    String lower = conninfo.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return uriHoldsPassword(lower);
    }
    int i = 0;
    while (true) {
      while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
        i++;
      }
      if (i == lower.length()) {
        return false;
      }
      int keyStart = i;
      while (i < lower.length()
          && lower.charAt(i) != '='
          && !Character.isWhitespace(lower.charAt(i))) {
        i++;
      }
      String keyword = lower.substring(keyStart, i);
      while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
        i++;
      }
      if (i == lower.length() || lower.charAt(i) != '=') {
        return lower.contains("password"); // libpq refuses it: judge it by the word
      }
      if (keyword.equals("password")) {
        return true;
      }
      i++;
      while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
        i++;
      }
      if (i < lower.length() && lower.charAt(i) == '\'') {
        // A quoted value ends at its unescaped quote; the next keyword may follow at once.
        i++;
        while (i < lower.length() && lower.charAt(i) != '\'') {
          i += lower.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= lower.length()) {
          return lower.contains("password");
        }
        i++;
      } else {
        while (i < lower.length() && !Character.isWhitespace(lower.charAt(i))) {
          i++;
        }
      }
    }
  }

  /**
   * Whether a connection URI (lower-cased) has a password in its user part ({@code u:x@}) or a
   * {@code password} parameter in its query.
   */
  private static boolean uriHoldsPassword(String uri) {
    int authority = uri.indexOf("://") + 3;
    int end = authority;
    while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
      end++;
    }
    int at = uri.lastIndexOf('@', end - 1);
    if (at >= authority && uri.substring(authority, at).indexOf(':') >= 0) {
      return true;
    }
    int query = uri.indexOf('?');
    if (query < 0) {
      return false;
    }
    for (String parameter : uri.substring(query + 1).split("&", -1)) {
      if (parameter.startsWith("password=")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The literal that {@code quote_literal} (or {@code quote_nullable}) of a string constant appends
   * to the dynamic SQL at token {@code i} when that ends at a role, user or group command's {@code
   * PASSWORD}: {@code 'ALTER ROLE app PASSWORD ' || quote_literal('hunter2')}, as the function
   * writes it. Empty for a variable or an expression in the call.
   */
  private static Optional<String> quotedAfter(List<SqlToken> t, int i, String dynamic) {
    if (i + 6 >= t.size()
        || !t.get(i + 1).isSymbol('|')
        || !t.get(i + 2).isSymbol('|')
        || !(t.get(i + 3).isWord("quote_literal") || t.get(i + 3).isWord("quote_nullable"))
        || !t.get(i + 4).isSymbol('(')
        || t.get(i + 5).kind() != SqlToken.Kind.STRING
        || !t.get(i + 6).isSymbol(')')
        || !awaitsPassword(dynamic)) {
      return Optional.empty();
    }
    return Optional.of(quoteLiteral(value(t.get(i + 5))));
  }

  /**
   * {@code value} as PostgreSQL's {@code quote_literal} (and {@code format()}'s {@code %L}) writes
   * it: quotes doubled, and with a backslash, backslashes doubled and an {@code E} before it.
   */
  private static String quoteLiteral(String value) {
    String quoted = "'" + value.replace("'", "''").replace("\\", "\\\\") + "'";
    return value.contains("\\") ? "E" + quoted : quoted;
  }

  /**
   * Whether {@code sql} (dynamic SQL cut short) ends at the {@code PASSWORD} of a role, user or
   * group command, the value left to what is appended to it.
   */
  private static boolean awaitsPassword(String sql) {
    List<SqlStatement> statements = SqlScript.parse(sql).statements();
    if (statements.isEmpty()) {
      return false;
    }
    List<SqlToken> t = statements.get(statements.size() - 1).tokens();
    if (t.isEmpty() || !isPasswordWord(t.get(t.size() - 1))) {
      return false;
    }
    for (int j = 0; j + 1 < t.size(); j++) {
      if (isRoleCommand(t, j)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code format()} call whose template is the string constant at {@code i}, or null: {@code
   * format ( 'template' , argument , ... )}.
   */
  private static @Nullable Format formatAt(List<SqlToken> t, int i) {
    if (i < 2 || !t.get(i - 1).isSymbol('(') || !t.get(i - 2).isWord("format")) {
      return null;
    }
    List<List<SqlToken>> arguments = new ArrayList<>();
    List<SqlToken> current = new ArrayList<>();
    int depth = 0;
    for (int j = i + 1; j < t.size(); j++) {
      SqlToken token = t.get(j);
      if (token.isSymbol('(')) {
        depth++;
      } else if (token.isSymbol(')') && depth-- == 0) {
        break;
      }
      if (token.isSymbol(',') && depth == 0) {
        current = new ArrayList<>();
        arguments.add(current);
      } else {
        current.add(token);
      }
    }
    return new Format(value(t.get(i)), arguments);
  }

  /**
   * The argument of the placeholder that starts at {@code offset} of the template when it is a
   * string constant, by PostgreSQL's {@code format()} rules ({@code
   * %[position][flags][width]type}): {@code %%} takes none; a width of {@code *} takes the next
   * argument and {@code *n$} argument n (so the value's next argument is the one after it), both
   * before the value's; {@code %n$} takes argument n, any other the next one. Empty for a variable,
   * an expression, or a template PostgreSQL would refuse. A width's padding is not applied.
   */
  private static Optional<Placeholder> argument(Format format, int offset) {
    String s = format.template();
    int next = 1;
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) != '%') {
        i++;
        continue;
      }
      int start = i++;
      if (i < s.length() && s.charAt(i) == '%') {
        i++;
        continue;
      }
      int position = 0;
      int digits = i;
      i = digitsEnd(s, i);
      if (i > digits && i < s.length() && s.charAt(i) == '$') {
        position = number(s, digits, i);
        if (position == 0) {
          return Optional.empty(); // PostgreSQL refuses argument position 0
        }
        i++;
      }
      if (i == digits || position > 0) { // digits without '$' were the width: no flags follow
        while (i < s.length() && s.charAt(i) == '-') {
          i++;
        }
        if (i < s.length() && s.charAt(i) == '*') {
          int widthDigits = ++i;
          i = digitsEnd(s, i);
          int widthArgument = next;
          if (i > widthDigits) {
            if (i == s.length() || s.charAt(i) != '$') {
              return Optional.empty(); // PostgreSQL refuses "*n" without '$'
            }
            widthArgument = number(s, widthDigits, i);
            if (widthArgument == 0) {
              return Optional.empty();
            }
            i++;
          }
          next = widthArgument + 1;
        } else {
          i = digitsEnd(s, i);
        }
      }
      int argument = position > 0 ? position : next;
      next = argument + 1;
      char type = i < s.length() ? s.charAt(i) : ' ';
      i++;
      if (start == offset) {
        List<SqlToken> tokens =
            argument <= format.arguments().size()
                ? format.arguments().get(argument - 1)
                : List.of();
        return tokens.size() == 1 && tokens.get(0).kind() == SqlToken.Kind.STRING
            ? Optional.of(new Placeholder(value(tokens.get(0)), type))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The number the digits {@code s[from, to)} spell, capped far above any argument count. */
  private static int number(String s, int from, int to) {
    return to - from > 6 ? 1_000_000 : Integer.parseInt(s.substring(from, to));
  }

  /** The index after the digits of {@code s} that start at {@code from}. */
  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Whether a string constant's value is a {@code format()} placeholder such as {@code %s}. */
  private static boolean placeholder(String value) {
    return value.matches("%(\\d+\\$)?-*(\\*(\\d+\\$)?|\\d*)[sIL]");
  }

  /** A string constant's value: without its quotes, doubled quotes and escaped ones undone. */
  private static String value(SqlToken constant) {
    String text = constant.text();
    if (text.startsWith("$")) {
      int tag = text.indexOf('$', 1) + 1;
      return text.length() >= 2 * tag ? text.substring(tag, text.length() - tag) : "";
    }
    int open = text.indexOf('\'');
    boolean escapes = open > 0 && Character.toUpperCase(text.charAt(0)) == 'E';
    int close = text.length() > open + 1 && text.endsWith("'") ? text.length() - 1 : text.length();
    String inner = text.substring(open + 1, close).replace("''", "'");
    return escapes ? inner.replace("\\'", "'").replace("\\\\", "\\") : inner;
  }
}
