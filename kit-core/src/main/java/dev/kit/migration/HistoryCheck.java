package dev.kit.migration;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of guarding migration history against a base revision.
 *
 * @param base the revision compared with, when the check ran
 * @param problems one line per migration that breaks history, naming the file, what changed and the
 *     fix
 * @param skipped why the check did not run (no Git work tree, no base branch in the clone), when it
 *     did not
 */
public record HistoryCheck(Optional<String> base, List<String> problems, Optional<String> skipped) {

  public HistoryCheck {
    problems = List.copyOf(problems);
  }

  static HistoryCheck skipped(String why) {
    return new HistoryCheck(Optional.empty(), List.of(), Optional.of(why));
  }

  public boolean passed() {
    return problems.isEmpty();
  }
}
