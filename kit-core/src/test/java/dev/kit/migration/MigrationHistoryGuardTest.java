package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Git repository: the base branch holds two migrations, the work tree changes them.
 */
class MigrationHistoryGuardTest {

  @TempDir Path repo;
  private Path migrations;
  private Map<String, Path> dirs;

  @BeforeEach
  void commitBase() throws IOException {
    migrations = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "CREATE TABLE a (id int);\n");
    Files.writeString(migrations.resolve("20250201000000_b.sql"), "CREATE TABLE b (id int);\n");
    git("init", "-q", "-b", "main");
    git("add", ".");
    git(
        "-c",
        "user.name=kit",
        "-c",
        "user.email=kit@example.invalid",
        "commit",
        "-q",
        "-m",
        "base");
    git("checkout", "-q", "-b", "feature");
    dirs = Map.of("services/orders/migrations", migrations);
  }

  private void git(String... args) {
    GitCli.Result result = new GitCli(repo).run(args);
    assertThat(result.exitCode()).as("git %s: %s", List.of(args), result.stderr()).isZero();
  }

  private HistoryCheck check() {
    return MigrationHistoryGuard.check(repo, dirs, Optional.of("main"));
  }

  @Test
  void check_passes_whenOnlyNewerMigrationsAreAdded() throws IOException {
    Files.writeString(migrations.resolve("20250301000000_c.sql"), "CREATE TABLE c (id int);\n");

    HistoryCheck check = check();

    assertThat(check.problems()).isEmpty();
    assertThat(check.base()).contains("main");
  }

  @Test
  void check_comparesTheHistory_whenTheRepositoryIsReachedThroughALink(@TempDir Path elsewhere)
      throws IOException {
    // A linked workspace, or macOS's /var -> /private/var: git answers with the real folder.
    Path linked = Files.createSymbolicLink(elsewhere.resolve("linked"), repo);
    Files.writeString(
        linked.resolve("services/orders/migrations/20250101000000_a.sql"),
        "CREATE TABLE a (id bigint);\n");

    HistoryCheck check =
        MigrationHistoryGuard.check(
            linked,
            Map.of("services/orders/migrations", linked.resolve("services/orders/migrations")),
            Optional.of("main"));

    assertThat(check.problems())
        .singleElement()
        .asString()
        .startsWith("services/orders/migrations/20250101000000_a.sql changed since main");
  }

  @Test
  void check_namesTheFile_whenAnOldMigrationChanged() throws IOException {
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "CREATE TABLE a (id bigint);\n");

    assertThat(check().problems())
        .containsExactly(
            "services/orders/migrations/20250101000000_a.sql changed since main; "
                + "databases that applied it would fail with an atlas.sum checksum mismatch; restore it (git checkout main -- "
                + "services/orders/migrations/20250101000000_a.sql) and put the change in a new migration (mvn kit:new-migration)");
  }

  @Test
  void check_namesTheFile_whenAnOldMigrationWasDeleted() throws IOException {
    Files.delete(migrations.resolve("20250201000000_b.sql"));

    assertThat(check().problems())
        .singleElement()
        .asString()
        .startsWith(
            "services/orders/migrations/20250201000000_b.sql was deleted, but it exists at main");
  }

  @Test
  void check_rejectsANewMigration_whenItSortsBeforeTheNewestAtBase() throws IOException {
    Files.writeString(
        migrations.resolve("20250115000000_late.sql"), "CREATE TABLE late (id int);\n");

    assertThat(check().problems())
        .containsExactly(
            "services/orders/migrations/20250115000000_late.sql is new but sorts "
                + "before 20250201000000_b.sql, the newest migration at main; Atlas would refuse it on databases already past "
                + "that version; give it a newer version (mvn kit:new-migration)");
  }

  /** The guard without -Dkit.base, in an environment holding only {@code variables}. */
  private HistoryCheck checkByDefault(Map<String, String> variables) {
    return MigrationHistoryGuard.check(repo, dirs, Optional.empty(), variables::get);
  }

  /** Commits the work tree on the current branch. */
  private void commit(String message) {
    git("add", "-A");
    git(
        "-c",
        "user.name=kit",
        "-c",
        "user.email=kit@example.invalid",
        "commit",
        "-q",
        "-m",
        message);
  }

  /**
   * A remote named {@code name} whose branches are the given local ones, as a fetch leaves them.
   */
  private void remote(String name, String... branches) {
    git("remote", "add", name, "https://example.invalid/repo.git");
    for (String branch : branches) {
      git("update-ref", "refs/remotes/" + name + "/" + branch, branch);
    }
  }

  private static final String A_CHANGED_SINCE =
      "services/orders/migrations/20250101000000_a.sql changed since ";

  @Test
  void check_comparesWithTheRemotesDefaultBranch_whenTheEditIsPushedToTheBranchsOwnCopy()
      throws IOException {
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "CREATE TABLE a (id bigint);\n");
    commit("edit a migration that already ran");
    remote("origin", "main", "feature"); // git push -u origin feature
    git("branch", "-q", "--set-upstream-to=origin/feature");
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");

    HistoryCheck check = checkByDefault(Map.of());

    assertThat(check.base()).contains("origin/main");
    assertThat(check.problems())
        .singleElement()
        .asString()
        .startsWith(A_CHANGED_SINCE + "origin/main;");
  }

  @Test
  void check_isSkipped_whenTheOnlyUpstreamIsTheBranchsOwnCopy() throws IOException {
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "CREATE TABLE a (id bigint);\n");
    commit("edit a migration that already ran");
    remote("origin", "main", "feature");
    git("branch", "-q", "--set-upstream-to=origin/feature");

    HistoryCheck check = checkByDefault(Map.of());

    assertThat(check.base()).isEmpty();
    assertThat(check.skipped())
        .contains(
            "no base branch to compare with (origin/HEAD is not in this clone; feature's upstream "
                + "origin/feature is its own copy on origin); fetch the branch a pull request merges into "
                + "and name it, e.g. git fetch origin main && mvn kit:check -Dkit.base=origin/main, or let "
                + "kit find the default branch: git remote set-head origin --auto");
  }

  @Test
  void check_usesTheDefaultBranchOfTheUpstreamsRemote() throws IOException {
    remote("upstream", "main", "feature");
    git("update-ref", "refs/remotes/upstream/trunk", "main");
    git("symbolic-ref", "refs/remotes/upstream/HEAD", "refs/remotes/upstream/trunk");
    git("branch", "-q", "--set-upstream-to=upstream/feature");

    assertThat(checkByDefault(Map.of()).base()).contains("upstream/trunk");
  }

  @Test
  void check_usesTheUpstream_whenItIsAnotherBranchOnTheRemote() throws IOException {
    remote("origin", "main");
    git("branch", "-q", "--set-upstream-to=origin/main");
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "changed\n");

    HistoryCheck check = checkByDefault(Map.of());

    assertThat(check.base()).contains("origin/main");
    assertThat(check.problems())
        .singleElement()
        .asString()
        .startsWith(A_CHANGED_SINCE + "origin/main;");
  }

  @Test
  void check_usesTheUpstream_whenItIsALocalBranch() throws IOException {
    git("branch", "-q", "--set-upstream-to=main");
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "changed\n");

    HistoryCheck check = checkByDefault(Map.of());

    assertThat(check.base()).contains("main");
    assertThat(check.problems()).hasSize(1);
  }

  @Test
  void check_comparesWithThePullRequestsTarget_whenGithubActionsNamesIt() throws IOException {
    remote("origin", "main", "feature");
    git("update-ref", "refs/remotes/origin/release", "main");
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    git("checkout", "-q", "--detach"); // as actions/checkout leaves a pull request's merge commit
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "changed\n");

    HistoryCheck check = checkByDefault(Map.of("GITHUB_BASE_REF", "release"));

    assertThat(check.base()).contains("origin/release");
    assertThat(check.problems())
        .singleElement()
        .asString()
        .startsWith(A_CHANGED_SINCE + "origin/release;");
  }

  @Test
  void check_comparesWithTheMergeRequestsTarget_whenGitlabNamesIt() {
    remote("origin", "main");
    git("checkout", "-q", "--detach");

    HistoryCheck check =
        checkByDefault(
            Map.of("GITHUB_BASE_REF", "", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"));

    assertThat(check.base()).contains("origin/main");
    assertThat(check.problems()).isEmpty();
  }

  @Test
  void check_isSkipped_namingHowToFetchIt_whenThePullRequestsTargetIsNotInTheClone() {
    // Another branch would judge the wrong history: no fallback to the default branch.
    remote("origin", "main");
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    git("checkout", "-q", "--detach");

    assertThat(checkByDefault(Map.of("GITHUB_BASE_REF", "release")).skipped())
        .contains(
            "GITHUB_BASE_REF names release, the branch this pull request merges into, but origin/release "
                + "is not in this clone; actions/checkout fetches only the commit it builds: set fetch-depth: 0 "
                + "on it, or run git fetch origin release before mvn kit:check");
    assertThat(checkByDefault(Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "release")).skipped())
        .contains(
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME names release, the branch this pull request merges into, "
                + "but origin/release is not in this clone; GitLab fetches only the merge request's commits: "
                + "run git fetch origin release before mvn kit:check");
  }

  @Test
  void check_isSkipped_namingWhatToPass_onADetachedHeadWithoutABase() {
    git("checkout", "-q", "--detach");

    HistoryCheck check = checkByDefault(Map.of());

    assertThat(check.skipped())
        .contains(
            "no base branch to compare with (origin/HEAD is not in this clone; HEAD is detached); fetch the "
                + "branch a pull request merges into and name it, e.g. git fetch origin main && mvn kit:check "
                + "-Dkit.base=origin/main, or let kit find the default branch: git remote set-head origin --auto");
    assertThat(check.passed()).isTrue();
  }

  @Test
  void check_isSkipped_whenTheBranchHasNoUpstream() {
    assertThat(checkByDefault(Map.of()).skipped())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith(
                        "no base branch to compare with (origin/HEAD is not in this clone; feature has no upstream)"));
  }

  @Test
  void check_usesTheGivenBase_beforeThePullRequestsTarget() {
    HistoryCheck check =
        MigrationHistoryGuard.check(
            repo, dirs, Optional.of("main"), Map.of("GITHUB_BASE_REF", "release")::get);

    assertThat(check.base()).contains("main");
  }

  @Test
  void check_passes_whenGitConvertsLineEndings_withAutocrlf() throws IOException {
    git("config", "core.autocrlf", "true"); // Git for Windows' default: CRLF in the work tree
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "CREATE TABLE a (id int);\r\n");
    Files.writeString(migrations.resolve("20250201000000_b.sql"), "CREATE TABLE b (id int);\r\n");

    assertThat(check().problems()).isEmpty();

    Files.writeString(
        migrations.resolve("20250201000000_b.sql"), "CREATE TABLE b (id bigint);\r\n");
    assertThat(check().problems())
        .singleElement()
        .asString()
        .startsWith("services/orders/migrations/20250201000000_b.sql changed since main;");
  }

  @Test
  void check_passes_whenABlobCommittedWithCrlfIsUnchanged_withAutocrlf() throws IOException {
    Files.writeString(migrations.resolve("20250301000000_c.sql"), "CREATE TABLE c (id int);\r\n");
    commit("a migration committed with CRLF, before autocrlf");
    git("config", "core.autocrlf", "true");

    assertThat(MigrationHistoryGuard.check(repo, dirs, Optional.of("feature")).problems())
        .isEmpty();
  }

  @Test
  void check_passes_whenGitattributesCheckOutCrlf() throws IOException {
    Files.writeString(repo.resolve(".gitattributes"), "*.sql text eol=crlf\n");
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "CREATE TABLE a (id int);\r\n");

    assertThat(check().problems()).isEmpty();
  }

  /**
   * Commits migration {@code 20250301000000_c.sql} as a link to {@code sql/c.sql}, a file of this
   * temporary repository outside the migrations folder; returns that file.
   */
  private Path migrationKeptAsALink() throws IOException {
    Path target = Files.createDirectories(repo.resolve("sql")).resolve("c.sql");
    Files.writeString(target, "CREATE TABLE c (id int);\n");
    Files.createSymbolicLink(
        migrations.resolve("20250301000000_c.sql"), Path.of("../../../sql/c.sql"));
    commit("a migration kept as a link");
    return target;
  }

  @Test
  void check_comparesALinkAtTheBase_withWhereItLeads() throws IOException {
    migrationKeptAsALink();
    Path link = migrations.resolve("20250301000000_c.sql");
    HistoryCheck unchanged = MigrationHistoryGuard.check(repo, dirs, Optional.of("feature"));

    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("20250101000000_a.sql"));
    HistoryCheck relinked = MigrationHistoryGuard.check(repo, dirs, Optional.of("feature"));

    assertThat(unchanged.problems()).isEmpty();
    assertThat(relinked.problems())
        .singleElement()
        .asString()
        .startsWith("services/orders/migrations/20250301000000_c.sql changed since feature;");
  }

  @Test
  void check_namesALinkAtTheBase_whenTheFileItLeadsToChanged() throws IOException {
    Path target = migrationKeptAsALink();

    // The link stays as it was; what Atlas applied through it does not.
    Files.writeString(target, "DROP TABLE c;\n");

    assertThat(MigrationHistoryGuard.check(repo, dirs, Optional.of("feature")).problems())
        .singleElement()
        .asString()
        .startsWith("services/orders/migrations/20250301000000_c.sql changed since feature;");
  }

  @Test
  void check_namesAMigrationWhoseLineEndingsACommitChanged_withAutocrlf() throws IOException {
    Files.writeString(migrations.resolve("20250301000000_c.sql"), "CREATE TABLE c (id int);\r\n");
    commit("a migration committed with CRLF, before autocrlf");
    git("branch", "applied");
    git("config", "core.autocrlf", "true");
    Files.writeString(migrations.resolve("20250301000000_c.sql"), "CREATE TABLE c (id int);\n");
    commit("the same migration renormalised to LF");
    // A checkout under autocrlf writes CRLF again: the same bytes as the applied blob.
    Files.writeString(migrations.resolve("20250301000000_c.sql"), "CREATE TABLE c (id int);\r\n");

    assertThat(MigrationHistoryGuard.check(repo, dirs, Optional.of("applied")).problems())
        .singleElement()
        .asString()
        .startsWith("services/orders/migrations/20250301000000_c.sql changed since applied;");
  }

  @Test
  void check_isSkipped_namingTheProjectToFetchFrom_forAMergeRequestFromAFork() {
    remote("origin", "main");
    git("checkout", "-q", "--detach");

    assertThat(
            checkByDefault(
                    Map.of(
                        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main",
                        "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42",
                        "CI_PROJECT_ID", "42",
                        "CI_MERGE_REQUEST_PROJECT_ID", "7",
                        "CI_MERGE_REQUEST_PROJECT_URL", "https://gitlab.example/acme/shop"))
                .skipped())
        .contains(
            "this merge request comes from a fork, whose origin is the fork itself; fetch the"
                + " target project's branch (git fetch https://gitlab.example/acme/shop"
                + " \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\") and pass -Dkit.base=FETCH_HEAD");
  }

  @Test
  void check_comparesWithTheTarget_forAMergeRequestFromAForkRunInTheParentProject() {
    remote("origin", "main");
    git("checkout", "-q", "--detach");

    HistoryCheck check =
        checkByDefault(
            Map.of(
                "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main",
                "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42",
                "CI_PROJECT_ID", "7",
                "CI_MERGE_REQUEST_PROJECT_ID", "7"));

    assertThat(check.base()).contains("origin/main");
    assertThat(check.problems()).isEmpty();
  }

  @Test
  void check_fails_whenTheGivenBaseDoesNotExist() {
    HistoryCheck check = MigrationHistoryGuard.check(repo, dirs, Optional.of("origin/nope"));
    assertThat(check.base()).isEmpty();
    assertThat(check.problems())
        .containsExactly(
            "base revision origin/nope is not a commit in this clone; fetch it (git fetch origin) or pass another -Dkit.base");
  }

  @Test
  void check_isSkipped_outsideAGitWorkTree(@TempDir Path plain) {
    assertThat(MigrationHistoryGuard.check(plain, Map.of(), Optional.empty()).skipped())
        .hasValueSatisfying(why -> assertThat(why).contains("is not in a Git work tree"));
  }

  @Test
  void gitBlobId_matchesGit_forKnownContent() {
    // git hash-object of "hello\n"
    assertThat(
            MigrationHistoryGuard.gitBlobId(
                "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 40))
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
  }
}
