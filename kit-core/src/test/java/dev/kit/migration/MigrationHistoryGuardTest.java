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

  @Test
  void check_isSkipped_whenTheBranchHasNoUpstream() {
    HistoryCheck check = MigrationHistoryGuard.check(repo, dirs, Optional.empty());

    assertThat(check.skipped())
        .contains(
            "the current branch has no upstream; pass -Dkit.base=origin/main to guard migration history");
    assertThat(check.passed()).isTrue();
  }

  @Test
  void check_usesTheUpstream_whenNoBaseIsGiven() throws IOException {
    git("branch", "-q", "--set-upstream-to=main");
    Files.writeString(migrations.resolve("20250101000000_a.sql"), "changed\n");

    HistoryCheck check = MigrationHistoryGuard.check(repo, dirs, Optional.empty());

    assertThat(check.base()).contains("main");
    assertThat(check.problems()).hasSize(1);
  }

  @Test
  void check_fails_whenTheGivenBaseDoesNotExist() {
    assertThat(MigrationHistoryGuard.check(repo, dirs, Optional.of("origin/nope")).problems())
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
