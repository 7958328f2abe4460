package dev.kit.validate;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.MigrationFile;
import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A migration's {@code -- atlas:txmode} directive that {@code atlas migrate apply} would refuse, so
 * the migration Job fails in the cluster: an unknown value, {@code all} in a file, two directives,
 * or any other mode under the service's {@code TxMode.ALL}. The rules are Atlas's, as {@link
 * AtlasFileDirectives} reads them for lint.
 */
final class TxModeDirectives {

  /** A header longer than this is read whole; directives sit in the first lines. */
  private static final int HEAD_BYTES = 4096;

  private TxModeDirectives() {}

  /**
   * The violation of {@code file}'s directive, if Atlas would refuse it.
   *
   * @param path the file's path, such as {@code
   *     services[orders].migrations.files[20250101000000_a.sql]}
   * @param global the service's tx mode
   */
  static Optional<Violation> check(String path, MigrationFile file, TxMode global) {
    byte[] first = file.head(1);
    if (first.length == 0 || (first[0] != '#' && first[0] != '-')) {
      return Optional
          .empty(); // no header comment, so no directive: most files, checked without copying them
    }
    byte[] head = file.head(HEAD_BYTES);
    byte[] text = head.length == file.size() || headerEndsWithin(head) ? head : file.content();
    if (!headerMentionsTxMode(text)) {
      return Optional.empty(); // most headers are plain comments: no need to decode and match them
    }
    AtlasFileDirectives directives = AtlasFileDirectives.read(text);
    try {
      directives.txMode(global, file.name());
      return Optional.empty();
    } catch (IllegalArgumentException atlasRefuses) {
      List<String> modes = directives.values("txmode");
      String fix =
          modes.size() > 1
              ? "keep one \"-- atlas:txmode\" line"
              : global == TxMode.ALL
                  ? "remove the directive, or run the service with txMode(TxMode.FILE) so files may choose"
                  : "use \"-- atlas:txmode none\" (for statements such as CREATE INDEX CONCURRENTLY) or \"file\"";
      return Optional.of(
          new Violation(path, "Atlas refuses the file: " + atlasRefuses.getMessage(), fix));
    }
  }

  /**
   * Whether a comment line of the header at the top of {@code text} holds {@code atlas:txmode},
   * without which {@link AtlasFileDirectives} finds no tx mode to refuse.
   */
  static boolean headerMentionsTxMode(byte[] text) {
    byte[] directive = "atlas:txmode".getBytes(StandardCharsets.US_ASCII);
    int at = 0;
    while (at < text.length
        && (text[at] == '#' || (text[at] == '-' && at + 1 < text.length && text[at + 1] == '-'))) {
      int end = at;
      while (end < text.length && text[end] != '\n') {
        end++;
      }
      for (int i = at; i + directive.length <= end; i++) {
        if (Arrays.equals(text, i, i + directive.length, directive, 0, directive.length)) {
          return true;
        }
      }
      at = end + 1;
    }
    return false;
  }

  /**
   * Whether a line that is not a comment starts within {@code head}, so the header, and its
   * directives, end there.
   */
  private static boolean headerEndsWithin(byte[] head) {
    int at = 0;
    while (at < head.length) {
      if (head[at] == '-' && at + 1 == head.length) {
        return false; // "-" or "--": the next byte decides
      }
      boolean comment =
          head[at] == '#' || (head[at] == '-' && at + 1 < head.length && head[at + 1] == '-');
      if (!comment) {
        return true;
      }
      while (at < head.length && head[at] != '\n') {
        at++;
      }
      at++;
    }
    return false;
  }
}
