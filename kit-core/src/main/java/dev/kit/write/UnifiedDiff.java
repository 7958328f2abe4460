package dev.kit.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A unified diff ({@code diff -u} style, 3 lines of context) of one file, for {@code kit:check}.
 */
final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /**
   * The diff from {@code before} (null: the file does not exist) to {@code after} (null: it will be
   * deleted).
   */
  static String of(String path, byte @Nullable [] before, byte @Nullable [] after) {
    List<String> original = lines(before);
    List<String> revised = lines(after);
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            before == null ? "/dev/null" : "a/" + path,
            after == null ? "/dev/null" : "b/" + path,
            original,
            DiffUtils.diff(original, revised),
            CONTEXT);
    StringBuilder text = new StringBuilder();
    diff.forEach(line -> text.append(line).append('\n'));
    if (text.length() == 0) {
      text.append("(the files differ only in line endings or a final newline)\n");
    }
    return text.toString();
  }

  private static List<String> lines(byte @Nullable [] content) {
    if (content == null || content.length == 0) {
      return List.of();
    }
    return List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1));
  }
}
