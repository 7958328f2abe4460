package dev.kit.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingSessionTest {

  @TempDir Path root;

  /**
   * Two staging threads can record a folder and the one inside it in either order (a thread records
   * its folder after creating it, and another may create the child in between): an abort must still
   * leave neither behind. {@code PlanWriterTest}'s full-disk case found it, now and then.
   */
  @Test
  void deleteFolders_removesAParentRecordedBeforeItsChild_whenBothAreEmpty() throws IOException {
    Path parent = Files.createDirectory(root.resolve("services"));
    Path child = Files.createDirectory(parent.resolve("s2"));
    Path grandchild = Files.createDirectory(child.resolve("manifests"));

    StagingSession.deleteFolders(List.of(parent, grandchild, child));

    assertThat(root).isEmptyDirectory();
  }

  @Test
  void deleteFolders_leavesAFolderSomeoneWroteInto_andRemovesTheRest() throws IOException {
    Path parent = Files.createDirectory(root.resolve("services"));
    Path empty = Files.createDirectory(parent.resolve("empty"));
    Path used = Files.createDirectory(parent.resolve("used"));
    Files.writeString(used.resolve("notes.txt"), "mine\n");

    StagingSession.deleteFolders(List.of(parent, empty, used));

    assertThat(empty).doesNotExist();
    assertThat(used.resolve("notes.txt")).hasContent("mine");
    assertThat(parent).isDirectory();
  }

  /**
   * The paths a session is given are checked before anything is looked at or written, a plain one
   * as strictly as one that needs normalizing: none may leave the repository.
   */
  @Test
  void keepAndCreate_refuseAPathThatLeavesTheRepository_andWriteNothing() throws IOException {
    Path repo = Files.createDirectory(root.resolve("repo"));
    // "services/.." is the repository itself, which no planned file may be either.
    for (String path :
        List.of("../outside.yaml", "services/../../outside.yaml", "/etc/x", "services/..")) {
      try (StagingSession session = new PlanWriter(repo).begin()) { // the first failure ends one
        assertThatThrownBy(() -> session.keep(List.of(path)))
            .as(path)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("planned path escapes the repository: " + path);
      }
    }
    try (StagingSession session = new PlanWriter(repo).begin()) {
      assertThatThrownBy(() -> session.create("services/../../outside.sql", new byte[] {1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("planned path escapes the repository: services/../../outside.sql");
    }

    assertThat(root.resolve("outside.yaml")).doesNotExist();
    assertThat(root.resolve("outside.sql")).doesNotExist();
    assertThat(repo).isEmptyDirectory();
  }

  @Test
  void commit_writesAPathThatNeedsNormalizing_whereItsPlainFormPoints() throws IOException {
    Path repo = Files.createDirectory(root.resolve("repo"));
    try (StagingSession session = new PlanWriter(repo).begin()) {
      session.create("services/./orders/../orders/migrations/1_a.sql", new byte[] {'x'});
      session.commit(List.of());
    }

    assertThat(repo.resolve("services/orders/migrations/1_a.sql")).hasContent("x");
    // and no temporary file is left behind
    try (Stream<Path> files = Files.walk(repo)) {
      assertThat(files.filter(Files::isRegularFile).map(repo::relativize).map(Path::toString))
          .containsExactly("services/orders/migrations/1_a.sql".replace('/', File.separatorChar));
    }
  }

  /**
   * A path in another form than its plain one is planned as the file it names: the stale-file
   * search keeps the file (it deleted it as unplanned), and the plain form is then planned twice.
   */
  @Test
  void keepAndCreate_planTheFileAPathNames_whateverItsForm() throws IOException {
    Path repo = Files.createDirectory(root.resolve("repo"));
    Path kept = Files.createDirectories(repo.resolve("services/a")).resolve("x.yaml");
    Files.writeString(kept, dev.kit.plan.GeneratedHeader.line("test") + "a: 1\n");

    try (StagingSession session = new PlanWriter(repo).begin()) {
      session.keep(List.of("services/./a/x.yaml"));
      WriteReport report = session.commit(List.of());
      assertThat(report.deleted()).isEmpty();
      assertThat(report.unchanged()).containsExactly("services/a/x.yaml");
    }
    assertThat(kept).exists();

    try (StagingSession session = new PlanWriter(repo).begin()) {
      session.create("services/b/../b/1_a.sql", new byte[] {'x'});
      assertThatThrownBy(() -> session.keep(List.of("services/b/1_a.sql")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("services/b/1_a.sql is planned twice");
    }
  }

  /**
   * A cache records what the session stamped when it knew each file's bytes: a file it compared and
   * left, one it replaced, one it created; never one it kept without a look. Without {@code
   * takeStamps} it stamps nothing, so a generation without a cache stats nothing more.
   */
  @Test
  void stamps_holdEachFileFoundUnchangedOrWritten_onlyAfterTakeStamps() throws IOException {
    Path repo = Files.createDirectory(root.resolve("repo"));
    Path folder = Files.createDirectories(repo.resolve("services/a"));
    String header = dev.kit.plan.GeneratedHeader.line("test");
    Files.writeString(folder.resolve("same.yaml"), header + "a: 1\n");
    Files.writeString(folder.resolve("old.yaml"), header + "b: 1\n");
    Files.writeString(folder.resolve("kept.yaml"), header + "k: 1\n");
    dev.kit.plan.FilePlan plan =
        dev.kit.plan.FilePlan.builder()
            .add("services/a/same.yaml", (header + "a: 1\n").getBytes(UTF_8))
            .add("services/a/old.yaml", (header + "b: 2\n").getBytes(UTF_8))
            .add("services/a/new.yaml", (header + "c: 1\n").getBytes(UTF_8))
            .build();

    try (StagingSession session = new PlanWriter(repo).begin()) {
      session.takeStamps();
      session.stage(plan);
      session.keep(List.of("services/a/kept.yaml"));
      session.commit(List.of());

      assertThat(session.stamps())
          .containsOnlyKeys("services/a/same.yaml", "services/a/old.yaml", "services/a/new.yaml");
      session
          .stamps()
          .forEach(
              (path, stamp) ->
                  assertThat(stamp).as(path).isEqualTo(FileStamp.of(repo.resolve(path))));
    }
    Files.writeString(folder.resolve("old.yaml"), header + "b: 1\n");
    try (StagingSession session = new PlanWriter(repo).begin()) {
      session.stage(plan);
      session.commit(List.of());

      assertThat(session.stamps()).isEmpty();
    }
  }
}
