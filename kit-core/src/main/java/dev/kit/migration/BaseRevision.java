package dev.kit.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the revision the migration history guard compares with: the branch a pull request merges
 * into. In order, each only when it is a commit in the clone: the revision the user names; the
 * target branch a CI system names for the pull request it builds; the default branch of the remote;
 * the current branch's upstream, unless that is the branch's own copy on its remote (after {@code
 * git push -u origin feat}, {@code origin/feat} already holds the edit to guard against).
 */
final class BaseRevision {

  /** The revision to compare with, or the check's outcome without one. */
  sealed interface Choice permits Chosen, NotChosen {}

  record Chosen(String revision) implements Choice {}

  record NotChosen(HistoryCheck outcome) implements Choice {}

  /**
   * The variables CI systems name a pull request's target branch in, set only when they build one.
   */
  private static final List<Target> TARGETS =
      List.of(
          new Target(
              "GITHUB_BASE_REF",
              "actions/checkout fetches only the commit it builds: set fetch-depth: 0 on it, or run "),
          new Target(
              "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
              "GitLab fetches only the merge request's commits: run "));

  private record Target(String variable, String fetchAdvice) {}

  private BaseRevision() {}

  /**
   * The revision to compare with, or why there is none.
   *
   * @param given the revision the user named ({@code -Dkit.base}), if any
   * @param environment reads an environment variable; null when it is not set
   */
  static Choice choose(
      GitCli git, Optional<String> given, Function<String, @Nullable String> environment) {
    if (given.isPresent()) {
      String revision = given.get();
      return isCommit(git, revision)
          ? new Chosen(revision)
          : new NotChosen(
              // Not compared with: no base, so nothing is read or warned about at the typo.
              new HistoryCheck(
                  Optional.empty(),
                  List.of(
                      "base revision "
                          + revision
                          + " is not a commit in this clone; fetch it (git fetch origin) or pass another -Dkit.base"),
                  Optional.empty()));
    }
    String pipelineProject = environment.apply("CI_PROJECT_ID");
    String targetProject = environment.apply("CI_MERGE_REQUEST_PROJECT_ID");
    if (pipelineProject != null
        && targetProject != null
        && !targetProject.isBlank()
        && !pipelineProject.strip().equals(targetProject.strip())) {
      // A fork's merge request pipeline that runs in the fork (GitLab's default): its
      // origin/<target> is the fork's copy, which may lack migrations the project itself has run.
      // Run in the parent project, the pipeline's project is the target's and origin is right.
      String url = environment.apply("CI_MERGE_REQUEST_PROJECT_URL");
      return skipped(
          "this merge request comes from a fork, whose origin is the fork itself; fetch the"
              + " target project's branch (git fetch "
              + (url == null || url.isBlank() ? "<the project's URL>" : url.strip())
              + " \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\") and pass -Dkit.base=FETCH_HEAD");
    }
    for (Target target : TARGETS) {
      String branch = environment.apply(target.variable());
      if (branch != null && !branch.isBlank()) {
        // The pull request's target is the base; another branch would judge the wrong history.
        String revision = "origin/" + branch.strip();
        return isCommit(git, revision)
            ? new Chosen(revision)
            : skipped(
                target.variable()
                    + " names "
                    + branch.strip()
                    + ", the branch this pull request merges into, but "
                    + revision
                    + " is not in this clone; "
                    + target.fetchAdvice()
                    + "git fetch origin "
                    + branch.strip()
                    + " before mvn kit:check");
      }
    }
    List<String> tried = new ArrayList<>();
    String branch = text(git.run("symbolic-ref", "--quiet", "--short", "HEAD"));
    String remote =
        branch.isEmpty() ? "" : text(git.run("config", "--get", "branch." + branch + ".remote"));
    String defaultRemote = remote.isEmpty() || remote.equals(".") ? "origin" : remote;
    String defaultBranch = text(git.run("rev-parse", "--abbrev-ref", defaultRemote + "/HEAD"));
    if (!defaultBranch.isEmpty() && isCommit(git, defaultBranch)) {
      return new Chosen(defaultBranch);
    }
    tried.add(defaultRemote + "/HEAD is not in this clone");
    if (branch.isEmpty()) {
      tried.add("HEAD is detached");
    } else if (remote.isEmpty()) {
      tried.add(branch + " has no upstream");
    } else {
      String merge = text(git.run("config", "--get", "branch." + branch + ".merge"));
      String upstream =
          text(git.run("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"));
      String named =
          upstream.isEmpty()
              ? (remote.equals(".") ? "" : remote + "/") + merge.replaceFirst("^refs/heads/", "")
              : upstream;
      if (!remote.equals(".") && merge.equals("refs/heads/" + branch)) {
        tried.add(branch + "'s upstream " + named + " is its own copy on " + remote);
      } else if (!upstream.isEmpty() && isCommit(git, upstream)) {
        return new Chosen(upstream);
      } else {
        tried.add(branch + "'s upstream " + named + " is not in this clone");
      }
    }
    return skipped(
        "no base branch to compare with ("
            + String.join("; ", tried)
            + "); fetch the branch a pull request merges into and name it, e.g. git fetch "
            + defaultRemote
            + " main && mvn kit:check -Dkit.base="
            + defaultRemote
            + "/main, or let kit find the default branch: git remote set-head "
            + defaultRemote
            + " --auto");
  }

  private static boolean isCommit(GitCli git, String revision) {
    return git.run("rev-parse", "--verify", "--quiet", revision + "^{commit}").ok();
  }

  /** What a command printed when it succeeded; empty when it failed. */
  private static String text(GitCli.Result result) {
    return result.ok() ? result.text() : "";
  }

  private static NotChosen skipped(String why) {
    return new NotChosen(HistoryCheck.skipped(why));
  }
}
