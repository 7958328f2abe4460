package dev.kit.status;

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
   * @param statement the failing statement as Atlas ran it, when the log says
   * @param error what the database (or Atlas) said
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
          new Failure(
              Optional.of(executing.group(2)),
              Optional.of(unquote(executing.group(1))),
              executing.group(3).trim(),
              report.before()));
    }
    if (error.equals("Execution had errors:") && errorLine + 1 < lines.size()) {
      String cause = lines.get(errorLine + 1).trim();
      return Optional.of(
          new Failure(report.version(), report.failing(cause), cause, report.before()));
    }
    return Optional.of(new Failure(Optional.empty(), Optional.empty(), error, List.of()));
  }

  /**
   * The error text of an {@code Error:} line alone (as the Atlas operator reports it in a
   * condition's message).
   */
  static Optional<Failure> failureIn(String message) {
    Matcher executing = EXECUTING.matcher(message);
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
   * The 1-based line in {@code file} where {@code failure}'s statement starts: searched after the
   * statements this run applied before it, then from the start; whitespace may differ. Empty when
   * the file does not hold it (it changed since it ran).
   */
  static Optional<Integer> line(String file, Failure failure) {
    if (failure.statement().isEmpty()) {
      return Optional.empty();
    }
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
