package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Git repository whose service repository is the sub-folder {@code platform/}: the
 * base commit holds two files, a link and a folder; the work tree then changes them.
 */
class RevisionFilesTest {

  @TempDir Path workTree;
  private Path repository;

  @BeforeEach
  void commitBase() throws IOException {
    repository = Files.createDirectories(workTree.resolve("platform"));
    Files.createDirectories(repository.resolve("a/b"));
    Files.writeString(repository.resolve("a/b/main.tf"), "one\n");
    Files.write(repository.resolve("two.tf"), new byte[] {0, 10, (byte) 0xff, 10});
    Files.createSymbolicLink(repository.resolve("link.tf"), Path.of("two.tf"));
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
    Files.writeString(repository.resolve("a/b/main.tf"), "changed\n");
  }

  private void git(String... args) {
    GitCli.Result result = new GitCli(workTree).run(args);
    assertThat(result.exitCode()).as("git %s: %s", List.of(args), result.stderr()).isZero();
  }

  @Test
  void read_givesTheBasesBytes_inTheOrderAsked() {
    Map<String, byte[]> files =
        RevisionFiles.read(repository, "main", List.of("two.tf", "a/b/main.tf"));

    assertThat(files).containsOnlyKeys("two.tf", "a/b/main.tf");
    assertThat(files.keySet()).containsExactly("two.tf", "a/b/main.tf");
    assertThat(files.get("two.tf")).containsExactly(0, 10, 0xff, 10);
    assertThat(new String(files.get("a/b/main.tf"), StandardCharsets.UTF_8)).isEqualTo("one\n");
  }

  @Test
  void read_leavesOut_aLinkAFolderAndAMissingPath() {
    assertThat(
            RevisionFiles.read(
                repository, "main", List.of("link.tf", "a/b", "missing.tf", "a/b/main.tf")))
        .containsOnlyKeys("a/b/main.tf");
  }

  @Test
  void read_findsThePaths_whenTheRepositoryIsReachedThroughALink() throws IOException {
    Path linked = Files.createSymbolicLink(workTree.resolve("linked"), repository);

    assertThat(RevisionFiles.read(linked, "main", List.of("a/b/main.tf")))
        .containsOnlyKeys("a/b/main.tf");
  }

  @Test
  void read_isEmpty_whenTheRevisionIsNoCommitOrAnOption() {
    assertThat(RevisionFiles.read(repository, "origin/main", List.of("a/b/main.tf"))).isEmpty();
    assertThat(RevisionFiles.read(repository, "--help", List.of("a/b/main.tf"))).isEmpty();
  }

  @Test
  void read_isEmpty_outsideGit(@TempDir Path elsewhere) throws IOException {
    Files.writeString(elsewhere.resolve("main.tf"), "one\n");

    assertThat(RevisionFiles.read(elsewhere, "HEAD", List.of("main.tf"))).isEmpty();
  }
}
