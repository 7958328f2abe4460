package dev.kit.migration;

import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The file directives Atlas reads from a migration, such as {@code -- atlas:txmode none}, by
 * Atlas's own rule: they are the comment lines at the very top of the file, and only when an empty
 * line (nothing, or only spaces and tabs, before its line feed) separates them from the rest.
 * Without that empty line Atlas treats them as comments of the first statement and ignores them,
 * which is how a {@code CREATE INDEX CONCURRENTLY} ends up in a transaction.
 *
 * <pre>{@code
 * AtlasFileDirectives d = AtlasFileDirectives.read("-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY ...");
 * d.values("txmode");                      // ["none"]
 * d.txMode(TxMode.FILE, "1_index.sql");    // TxMode.NONE
 * }</pre>
 *
 * @param comments the file's header comment lines, trimmed; empty when no empty line follows them
 * @param ignoredHeader the header comment lines when no empty line follows them (Atlas ignores
 *     those)
 * @param crlf whether Atlas ignores the header because the file has CRLF line ends: a carriage
 *     return ends the would-be empty line after the header, where Atlas needs a bare line feed (a
 *     header line ending in one is not the cause when no empty line follows at all)
 */
public record AtlasFileDirectives(List<String> comments, List<String> ignoredHeader, boolean crlf) {

  /**
   * Atlas's directive pattern ({@code reDirective}), character for character: printable ASCII
   * before "atlas:", the name, the value (printable ASCII, so a carriage return or a tab ends it).
   */
  static final Pattern DIRECTIVE = Pattern.compile("^([ -~]*)atlas:(\\w+)(?: +([ -~]*))*");

  public AtlasFileDirectives {
    comments = List.copyOf(comments);
    ignoredHeader = List.copyOf(ignoredHeader);
  }

  /**
   * Reads the directives of a migration file, decoding only its header and the line after it
   * through its line feed when it holds only spaces and tabs: a line feed never belongs to a
   * multi-byte character, so the header's lines decode as in the whole file.
   */
  public static AtlasFileDirectives read(MigrationFile file) {
    byte[] content = file.rawContent();
    int end = headerEnd(content);
    while (end < content.length && (content[end] == ' ' || content[end] == '\t')) {
      end++;
    }
    return read(new String(content, 0, Math.min(end + 1, content.length), StandardCharsets.UTF_8));
  }

  /** Reads the directives of a migration's text. */
  public static AtlasFileDirectives read(String content) {
    List<String> header = new ArrayList<>();
    int at = 0;
    while (content.startsWith("#", at) || content.startsWith("--", at)) {
      int newline = content.indexOf('\n', at);
      if (newline < 0) {
        // a file of comments only: nothing follows, so no empty line either
        header.add(content.substring(at).strip());
        at = content.length();
        break;
      }
      header.add(content.substring(at, newline).strip());
      at = newline + 1;
    }
    // Atlas's LocalFile.comments(): spaces and tabs before the line feed still make it empty.
    while (at < content.length() && (content.charAt(at) == ' ' || content.charAt(at) == '\t')) {
      at++;
    }
    return content.startsWith("\n", at)
        ? new AtlasFileDirectives(header, List.of(), false)
        : new AtlasFileDirectives(List.of(), header, content.startsWith("\r", at));
  }

  /**
   * Whether a comment line of the file's header holds {@code atlas:<name>}, which a directive
   * {@code name} needs: a byte scan, without decoding or copying, that lets the many files without
   * such a directive skip {@link #read(MigrationFile)}.
   */
  public static boolean mayHave(MigrationFile file, String name) {
    byte[] content = file.rawContent();
    int end = headerEnd(content) - "atlas:".length() - name.length();
    for (int at = 0; at <= end; at++) {
      // The first byte inline: few header bytes are an 'a', and a call per byte of every file's
      // header is what a cold JVM, interpreting or in C1 code, pays.
      if (content[at] == 'a'
          && asciiAt(content, at, "atlas:")
          && asciiAt(content, at + "atlas:".length(), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean asciiAt(byte[] content, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (content[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the header ends: the start of the first line that is not a comment ({@code #} or {@code
   * --}), or the file's length.
   */
  private static int headerEnd(byte[] content) {
    int at = 0;
    while (at < content.length
        && (content[at] == '#'
            || (content[at] == '-' && at + 1 < content.length && content[at + 1] == '-'))) {
      while (at < content.length && content[at] != '\n') {
        at++;
      }
      at = Math.min(at + 1, content.length);
    }
    return at;
  }

  /**
   * The statement delimiter that a first line {@code -- atlas:delimiter X} sets, with {@code \n},
   * {@code \r} and {@code \t} unescaped as Atlas does, or empty when the first line sets none.
   * Unlike the header directives it needs no empty line after it: Atlas reads it from the first
   * line alone, with exactly {@code "-- "} before {@code atlas:}.
   *
   * @throws IllegalArgumentException with Atlas's message when the value is empty
   */
  static Optional<String> delimiter(String content) {
    // Nearly no file starts so: no matcher for every file that is split.
    if (!content.startsWith("-- atlas:delimiter")) {
      return Optional.empty();
    }
    Matcher m = DIRECTIVE.matcher(content);
    if (!m.lookingAt() || !m.group(1).equals("-- ") || !m.group(2).equals("delimiter")) {
      return Optional.empty();
    }
    String value = m.group(3) == null ? "" : m.group(3);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty delimiter");
    }
    return Optional.of(value.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t"));
  }

  /**
   * Whether {@code file}'s header carries {@code atlas:checkpoint}, with or without a tag: where
   * Atlas starts an empty database without a baseline, and a file it never runs with one.
   */
  public static boolean isCheckpoint(MigrationFile file) {
    return mayHave(file, "checkpoint") && !read(file).values("checkpoint").isEmpty();
  }

  /** The values of every directive named {@code name} in the header, in file order. */
  public List<String> values(String name) {
    return values(comments, name);
  }

  /** Whether the header would carry directive {@code name} if an empty line followed it. */
  public boolean ignores(String name) {
    return !values(ignoredHeader, name).isEmpty();
  }

  /**
   * Why Atlas ignores the header's directive {@code name} and what to do, for a message, when it
   * {@link #ignores} it.
   */
  public Optional<String> whyIgnored(String name) {
    if (!ignores(name)) {
      return Optional.empty();
    }
    String directive = "the file's '-- atlas:" + name + "' is ignored";
    return Optional.of(
        crlf
            ? directive
                + ": the file has CRLF line ends, and Atlas reads the header's directives only when"
                + " an empty line of a bare line feed (LF) follows the header comments; save the"
                + " file with LF line ends (in .gitattributes: '*.sql text eol=lf')"
            : directive + " because no empty line follows the header comments");
  }

  /**
   * The transaction mode Atlas runs this file in under the service's {@code --tx-mode} {@code
   * global}, by Atlas's rules: the file's {@code atlas:txmode} wins, except that {@code all} cannot
   * be overridden.
   *
   * @throws IllegalArgumentException with Atlas's own message when Atlas would refuse the file
   */
  public TxMode txMode(TxMode global, String fileName) {
    Optional<TxMode> file = fileTxMode(fileName);
    if (file.isEmpty() || file.get() == global) {
      return global;
    }
    if (global == TxMode.ALL) {
      throw new IllegalArgumentException(
          "cannot set txmode directive to \""
              + file.get().flag()
              + "\" in \""
              + fileName
              + "\" when txmode \"all\" is set globally");
    }
    return file.get();
  }

  private Optional<TxMode> fileTxMode(String fileName) {
    List<String> modes = values("txmode");
    if (modes.isEmpty()) {
      return Optional.empty();
    }
    if (modes.size() > 1) {
      throw new IllegalArgumentException(
          "multiple txmode values found in file \""
              + fileName
              + "\": "
              + modes.stream()
                  .map(m -> "\"" + m + "\"")
                  .collect(Collectors.joining(" ", "[", "]")));
    }
    return switch (modes.get(0)) {
      case "none" -> Optional.of(TxMode.NONE);
      case "file" -> Optional.of(TxMode.FILE);
      case "all" ->
          throw new IllegalArgumentException(
              "txmode \"all\" is not allowed in file directive \""
                  + fileName
                  + "\". Use \"file\" instead");
      default ->
          throw new IllegalArgumentException(
              "unknown txmode \""
                  + modes.get(0)
                  + "\" found in file directive \""
                  + fileName
                  + "\"");
    };
  }

  private static List<String> values(List<String> lines, String name) {
    List<String> values = new ArrayList<>();
    for (String line : lines) {
      Matcher m = DIRECTIVE.matcher(line);
      if (m.lookingAt() && m.group(2).equals(name)) {
        values.add(m.group(3) == null ? "" : m.group(3));
      }
    }
    return values;
  }
}
