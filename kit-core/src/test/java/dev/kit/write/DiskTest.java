package dev.kit.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the journal relies on from {@link Disk#move}, whichever call makes the rename: the
 * exceptions by which it tells a change already done and a file that appeared.
 */
class DiskTest {

  @TempDir Path root;

  @Test
  void move_replacesTheTarget_whenReplacing() throws IOException {
    Path from = Files.writeString(root.resolve(".x.yaml.1.kit-tmp"), "new\n");
    Path to = Files.writeString(root.resolve("x.yaml"), "old\n");

    Disk.REAL.move(from, to, true);

    assertThat(to).hasContent("new");
    assertThat(from).doesNotExist();
  }

  @Test
  void move_throwsNoSuchFileException_whenTheTemporaryFileIsGone() throws IOException {
    Path to = Files.writeString(root.resolve("x.yaml"), "renamed already\n");
    Path from = root.resolve(".x.yaml.1.kit-tmp");

    // Journal.apply takes this exception for a rename done before a crash.
    assertThatThrownBy(() -> Disk.REAL.move(from, to, true))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> Disk.REAL.move(from, to, false))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(to).hasContent("renamed already");
  }

  @Test
  void move_neverReplaces_withoutReplacing() throws IOException {
    Path from = Files.writeString(root.resolve(".1_init.sql.1.kit-tmp"), "new\n");
    Path to = Files.writeString(root.resolve("1_init.sql"), "the user's\n");

    assertThatThrownBy(() -> Disk.REAL.move(from, to, false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(to).hasContent("the user's");
    assertThat(from).hasContent("new");
  }

  @Test
  void move_saysWhy_whenAFolderIsInTheWay() throws IOException {
    Path from = Files.writeString(root.resolve(".x.yaml.1.kit-tmp"), "new\n");
    Path to = Files.createDirectories(root.resolve("x.yaml"));
    Files.writeString(to.resolve("inside.txt"), "kept\n");

    assertThatThrownBy(() -> Disk.REAL.move(from, to, true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("x.yaml");
    assertThat(to.resolve("inside.txt")).hasContent("kept");
    assertThat(from).hasContent("new");
  }

  @Test
  void inMemory_isFalse_whereTheFileSystemCannotBeTold(@TempDir Path dir) {
    assertThat(Disk.REAL.inMemory(dir.resolve("missing"))).isFalse();
  }

  @Test
  void inMemory_followsTheMountTable() throws IOException {
    // Linux's own account of /dev/shm, read without NIO's FileStore; no such line elsewhere
    Path mounts = Path.of("/proc/self/mounts");
    boolean tmpfs =
        Files.isReadable(mounts)
            && Files.readAllLines(mounts).stream()
                .map(line -> line.split(" "))
                .anyMatch(f -> f.length > 2 && f[1].equals("/dev/shm") && f[2].equals("tmpfs"));

    assertThat(Disk.REAL.inMemory(Path.of("/dev/shm"))).isEqualTo(tmpfs);
  }
}
