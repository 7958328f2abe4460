package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git executable as kit asks it: answers, failures, and a question that never ends. */
class GitCliTest {

  @TempDir Path repo;

  @Test
  void run_answersWithGitsOutput_andPassesInput() {
    GitCli git = new GitCli(repo);
    assertThat(git.run("init", "-q").ok()).isTrue();

    GitCli.Result hashed =
        git.run("x\n".getBytes(StandardCharsets.UTF_8), "hash-object", "--stdin");

    assertThat(hashed.ok()).isTrue();
    assertThat(hashed.text()).isEqualTo("587be6b4c3f93f93c489c0111bba5596147a26cb");
  }

  @Test
  void run_reportsGitsExitCodeAndMessage() {
    GitCli.Result result = new GitCli(repo).run("rev-parse", "--show-toplevel");

    assertThat(result.ok()).isFalse();
    assertThat(result.stderr()).contains("not a git repository");
  }

  @Test
  void run_givesUp_whenAQuestionDoesNotFinish_evenWhileAFilterHoldsItsOutput() throws IOException {
    GitCli git = new GitCli(repo, Duration.ofSeconds(1));
    git.run("init", "-q");
    git.run("config", "filter.slow.clean", "sleep 20");
    Files.writeString(repo.resolve(".gitattributes"), "*.sql filter=slow\n");
    Files.writeString(repo.resolve("a.sql"), "SELECT 1;\n");
    long start = System.nanoTime();

    GitCli.Result result =
        git.run("a.sql\n".getBytes(StandardCharsets.UTF_8), "hash-object", "--stdin-paths");

    assertThat(result.ok()).isFalse();
    assertThat(result.stderr())
        .isEqualTo(
            "git hash-object --stdin-paths did not finish in 1 s (a clean filter or a lock in this"
                + " repository?)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
