package dev.kit.maven;

import dev.kit.migration.HistoryCheck;
import dev.kit.write.Drift;
import java.util.ArrayList;
import java.util.List;

/** Words for a {@link Drift}: what {@code kit:check} prints. */
final class DriftReport {

  /** Lines shown per file diff; a new migrations ConfigMap can hold a MiB of SQL. */
  static final int MAX_DIFF_LINES = 60;

  private DriftReport() {}

  /** The unified diff of every drifted file, each cut after {@link #MAX_DIFF_LINES} lines. */
  static List<String> diffLines(Drift drift) {
    List<String> lines = new ArrayList<>();
    drift
        .diffs()
        .forEach(
            (path, diff) -> {
              List<String> all = diff.lines().toList();
              lines.addAll(all.subList(0, Math.min(all.size(), MAX_DIFF_LINES)));
              if (all.size() > MAX_DIFF_LINES) {
                lines.add(
                    "... "
                        + (all.size() - MAX_DIFF_LINES)
                        + " more lines for "
                        + path
                        + "; run 'mvn kit:generate', then 'git diff' to see them all");
              }
            });
    return lines;
  }

  /** The success line, such as {@code kit: 6 generated files are up to date.} */
  static String upToDate(Drift drift) {
    return "kit: "
        + files(drift.unchanged().size())
        + (drift.unchanged().size() == 1 ? " is" : " are")
        + " up to date.";
  }

  /**
   * The failure message: one line per file, prefixed with what is wrong, then what to run, such as
   * {@code Run 'mvn kit:generate' to update 3 files.}, after moving any conflicting file away
   */
  static String failure(Drift drift, String source) {
    StringBuilder message =
        new StringBuilder("kit: the files under services/ are not what ")
            .append(source)
            .append(" generates:");
    append(message, "missing", drift.missing());
    append(message, "stale", drift.stale());
    append(message, "extra", drift.extra());
    append(message, "conflict", drift.conflicts());
    // kit:generate refuses while a file is in the way, so moving it comes first.
    message.append(
        drift.conflicts().isEmpty()
            ? "\nRun 'mvn kit:generate'"
            : "\nMove the conflicting files away, then run 'mvn kit:generate'");
    if (drift.changeCount() > 0) {
      message.append(" to update ").append(plainFiles(drift.changeCount()));
    }
    return message.append('.').toString();
  }

  /**
   * The failure message of the migration history guard: one line per migration that breaks history.
   */
  static String historyFailure(HistoryCheck history) {
    // Without a base the guard could not compare (a -Dkit.base that is not a commit).
    StringBuilder message =
        history.base().isPresent()
            ? new StringBuilder("kit: migrations already at ")
                .append(history.base().get())
                .append(" must not change:")
            : new StringBuilder("kit: the migration history guard could not run:");
    history.problems().forEach(problem -> message.append("\n  history: ").append(problem));
    return message.toString();
  }

  private static void append(StringBuilder message, String what, List<String> paths) {
    paths.forEach(path -> message.append("\n  ").append(what).append(": ").append(path));
  }

  private static String files(int count) {
    return count + (count == 1 ? " generated file" : " generated files");
  }

  private static String plainFiles(int count) {
    return count + (count == 1 ? " file" : " files");
  }
}
