package dev.kit.status;

import dev.kit.lint.LiteralPasswords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code atlas migrate apply} printed, read back: which version and statement failed, and why.
 * Atlas writes a report to stdout and the error to stderr; a pod's log has both. The formats
 * (ariga/atlas):
 *
 * <ul>
 *   <li>stdout, {@code cmd/atlas/internal/cmdlog/cmdlog.go} {@code MigrateApplyTemplate}: {@code
 *       Migrating to version V from W (N migrations in total):}, then per file {@code -- migrating
 *       version V}, one {@code -> statement} per statement (a statement's own lines follow as they
 *       are in the file), and after the failing one its error;
 *   <li>stderr, {@code sql/migrate/migrate.go} {@code Executor.Execute}: {@code Error: sql/migrate:
 *       executing statement "<Go-quoted SQL>" from version "V": <database error>} (older releases:
 *       {@code sql/migrate: execute: executing statement ...}); newer CLIs may print {@code Error:
 *       Execution had errors:} and the database error on the next line instead;
 *   <li>anything else ends with an {@code Error: ...} line of its own (a checksum mismatch, no
 *       connection).
 * </ul>
 *
 * The samples the tests read are in {@code kit-status/src/test/resources/atlas-logs/}.
 *
 * <p>A statement may set a password as a literal that its author let through {@code
 * LITERAL_PASSWORD}'s lint; what is read here is printed, so a {@link Failure} holds the statement
 * with such literals masked, found as the lint finds them, and the error without them (PostgreSQL
 * quotes the token a syntax error is at: {@code syntax error at or near "'hunter2'"}).
 */
final class AtlasApplyLog {

  private static final Pattern EXECUTING =
      Pattern.compile(
          "executing statement \"((?:[^\"\\\\]|\\\\.)*)\" from version \"([^\"]+)\": (.*)");
  private static final Pattern MIGRATING = Pattern.compile("^\\s*-- migrating version (\\S+)\\s*$");
  private static final Pattern STATEMENT = Pattern.compile("^\\s*-> (.*)$");

  /**
   * A failed run.
   *
   * @param version the version of the file that failed, when the log says
   * @param statement the failing statement as Atlas ran it, its password literals masked, when the
   *     log says
   * @param error what the database (or Atlas) said, without the statement's password literals
   * @param before the first lines of the statements this run applied from the same file before the
   *     failing one, to find the right one when a file repeats a statement
   */
  record Failure(
      Optional<String> version, Optional<String> statement, String error, List<String> before) {}

  private AtlasApplyLog() {}

  /** The failure this log reports, or empty when it reports none. */
  static Optional<Failure> failure(String log) {
    List<String> lines = log.lines().toList();
    int errorLine = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("Error: ")) {
        errorLine = i;
        break;
      }
    }
    if (errorLine < 0) {
      return Optional.empty();
    }
    String error = lines.get(errorLine).substring("Error: ".length()).trim();
    Report report = report(lines.subList(0, errorLine));
    Matcher executing = EXECUTING.matcher(error);
    if (executing.find()) {
      return Optional.of(
          masked(
              new Failure(
                  Optional.of(executing.group(2)),
                  Optional.of(unquote(executing.group(1))),
                  executing.group(3).trim(),
                  report.before())));
    }
    if (error.equals("Execution had errors:") && errorLine + 1 < lines.size()) {
      String cause = lines.get(errorLine + 1).trim();
      return Optional.of(
          masked(new Failure(report.version(), report.failing(cause), cause, report.before())));
    }
    return Optional.of(new Failure(Optional.empty(), Optional.empty(), error, List.of()));
  }

  /**
   * Whether {@code error} (an {@code Error:} line's text, without that prefix) is Atlas refusing a
   * migration directory whose files do not match its {@code atlas.sum} ({@code
   * migrate.ErrChecksumMismatch}, which newer releases follow with the file that differs).
   */
  static boolean isChecksumMismatch(String error) {
    String text = error.startsWith("Error: ") ? error.substring("Error: ".length()) : error;
    return text.strip().startsWith("checksum mismatch");
  }

  /**
   * The error text of an {@code Error:} line alone (as the Atlas operator reports it in a
   * condition's message), its password literals {@link #masked(String) masked} already.
   */
  static Optional<Failure> failureIn(String maskedMessage) {
    Matcher executing = EXECUTING.matcher(maskedMessage);
    return executing.find()
        ? Optional.of(
            new Failure(
                Optional.of(executing.group(2)),
                Optional.of(unquote(executing.group(1))),
                executing.group(3).trim(),
                List.of()))
        : Optional.empty();
  }

  /**
   * {@code message} (an {@code Error:} line's text, as the Atlas operator reports it) with the
   * quoted statement's password literals masked, there and in the error after it; unchanged when it
   * quotes no statement.
   */
  static String masked(String message) {
    Matcher executing = EXECUTING.matcher(message);
    if (!executing.find()) {
      return message;
    }
    String statement = unquote(executing.group(1));
    LiteralPasswords.Masked masked = LiteralPasswords.mask(statement);
    if (masked.literals().isEmpty()) {
      return message; // as it was quoted, not as kit would quote it
    }
    return message.substring(0, executing.start(1))
        + quote(masked.text())
        + message.substring(executing.end(1), executing.start(3))
        + LiteralPasswords.hidden(executing.group(3), masked.literals())
        + message.substring(executing.end(3));
  }

  /** {@code failure} with its statement's password literals masked, everywhere it holds them. */
  private static Failure masked(Failure failure) {
    if (failure.statement().isEmpty()) {
      return failure;
    }
    LiteralPasswords.Masked statement = LiteralPasswords.mask(failure.statement().get());
    List<String> before = new ArrayList<>();
    for (String first : failure.before()) {
      before.add(LiteralPasswords.mask(first).text());
    }
    return new Failure(
        failure.version(),
        Optional.of(statement.text()),
        LiteralPasswords.hidden(failure.error(), statement.literals()),
        before);
  }

  /**
   * The 1-based line in {@code sql} (a migration file) where {@code failure}'s statement starts:
   * searched after the statements this run applied before it, then from the start; whitespace may
   * differ. Empty when the file does not hold it (it changed since it ran). It is searched with its
   * password literals masked as the failure's are, which keeps its lines.
   */
  static Optional<Integer> line(String sql, Failure failure) {
    if (failure.statement().isEmpty()) {
      return Optional.empty();
    }
    String file = LiteralPasswords.mask(sql).text();
    int cursor = 0;
    for (String first : failure.before()) {
      int at = file.indexOf(first, cursor);
      if (at >= 0) {
        cursor = at + first.length();
      }
    }
    String statement = failure.statement().get().strip();
    int at = file.indexOf(statement, cursor);
    if (at < 0) {
      at = file.indexOf(statement);
    }
    if (at < 0) {
      at = indexIgnoringWhitespace(file, statement);
    }
    if (at < 0) {
      return Optional.empty();
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (file.charAt(i) == '\n') {
        line++;
      }
    }
    return Optional.of(line);
  }

  /**
   * The report's last file: its version, its statements' first lines, and the text after the last
   * {@code ->}.
   */
  private record Report(Optional<String> version, List<String> before, List<String> lastStatement) {

    /**
     * The failing statement: the last {@code ->} entry, up to the line that is the database's
     * error.
     */
    Optional<String> failing(String error) {
      List<String> lines = new ArrayList<>();
      for (String line : lastStatement) {
        if (line.trim().equals(error)) {
          break;
        }
        lines.add(line);
      }
      return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines).strip());
    }
  }

  private static Report report(List<String> lines) {
    Optional<String> version = Optional.empty();
    List<String> firstLines = new ArrayList<>();
    List<String> last = new ArrayList<>();
    boolean inStatement = false;
    for (String line : lines) {
      Matcher migrating = MIGRATING.matcher(line);
      Matcher statement = STATEMENT.matcher(line);
      if (migrating.matches()) {
        version = Optional.of(migrating.group(1));
        firstLines.clear();
        last = new ArrayList<>();
        inStatement = false;
      } else if (statement.matches()) {
        firstLines.add(statement.group(1).strip());
        last = new ArrayList<>(List.of(statement.group(1)));
        inStatement = true;
      } else if (inStatement
          && (line.isBlank() || line.trim().startsWith("-------------------------"))) {
        inStatement = false;
      } else if (inStatement) {
        last.add(line);
      }
    }
    List<String> before =
        firstLines.isEmpty()
            ? List.of()
            : List.copyOf(firstLines.subList(0, firstLines.size() - 1));
    return new Report(version, before, last);
  }

  /**
   * Go's {@code strconv.Quote} for what {@link #unquote} reads back: {@code \\}, {@code \"}, the
   * named control escapes, {@code \xNN} for another control character; the rest as it is.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\u0007' -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u000b' -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Go's {@code strconv.Quote} undone: {@code \"}, {@code \\}, {@code \n}, {@code \t}, ..., {@code
   * \xNN}, {@code \}{@code uNNNN}.
   */
  static String unquote(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c != '\\' || i + 1 == quoted.length()) {
        flush(bytes, out);
        out.append(c);
        continue;
      }
      char escape = quoted.charAt(++i);
      switch (escape) {
        case 'n' -> append(bytes, out, '\n');
        case 't' -> append(bytes, out, '\t');
        case 'r' -> append(bytes, out, '\r');
        case 'a' -> append(bytes, out, '\u0007');
        case 'b' -> append(bytes, out, '\b');
        case 'f' -> append(bytes, out, '\f');
        case 'v' -> append(bytes, out, '\u000b');
        case 'x' -> {
          bytes.write(Integer.parseInt(quoted.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          append(bytes, out, (char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          flush(bytes, out);
          out.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, i + 9), 16));
          i += 8;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          bytes.write(Integer.parseInt(quoted.substring(i, i + 3), 8));
          i += 2;
        }
        default -> append(bytes, out, escape); // \" and \\ (and \' in a rune literal)
      }
    }
    flush(bytes, out);
    return out.toString();
  }

  private static void append(java.io.ByteArrayOutputStream bytes, StringBuilder out, char c) {
    flush(bytes, out);
    out.append(c);
  }

  /** Raw bytes ({@code \xNN}, octal) are UTF-8 sequences Go quoted byte by byte. */
  private static void flush(java.io.ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  private static int indexIgnoringWhitespace(String file, String statement) {
    String wanted = statement.replaceAll("\\s+", "");
    if (wanted.isEmpty()) {
      return -1;
    }
    StringBuilder squeezed = new StringBuilder(file.length());
    List<Integer> origin = new ArrayList<>(file.length());
    for (int i = 0; i < file.length(); i++) {
      if (!Character.isWhitespace(file.charAt(i))) {
        squeezed.append(file.charAt(i));
        origin.add(i);
      }
    }
    int at = squeezed.indexOf(wanted);
    return at < 0 ? -1 : origin.get(at);
  }
}
