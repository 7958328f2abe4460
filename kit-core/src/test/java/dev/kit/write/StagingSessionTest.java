package dev.kit.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
