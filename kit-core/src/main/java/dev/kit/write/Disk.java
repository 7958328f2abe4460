package dev.kit.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The file system calls through which a {@link PlanWriter} looks at and changes a repository, so a
 * test can make one fail (a full disk, an I/O error) or wait at one, and check what kit leaves
 * behind or how often it looked.
 */
interface Disk {

  /** The real file system: every write reaches the disk before the journal that relies on it. */
  Disk REAL = new Disk() {};

  /**
   * Creates {@code temp}, which must not exist, with {@code content}, and forces it to the disk.
   */
  default void write(Path temp, ByteBuffer content) throws IOException {
    try (FileChannel out = FileChannel.open(temp, Options.CREATE_NEW, Options.NO_ATTRIBUTES)) {
      while (content.hasRemaining()) {
        out.write(content);
      }
      out.force(true);
    }
  }

  /**
   * Renames {@code from} to {@code to} in one step, as POSIX {@code rename} does: a reader sees the
   * old file or the new one, never neither. Without {@code replace} an existing {@code to} is never
   * replaced.
   */
  default void move(Path from, Path to, boolean replace) throws IOException {
    if (!replace) {
      Files.move(from, to);
      return;
    }
    // java.io's rename first: on Linux and macOS the same rename(2) as an atomic move, with less
    // for a cold JVM to compile (PROFILE.md, section 14.3). It does not replace a file on Windows,
    // and says nothing of why it failed: NIO's atomic move then, which replaces, or says why; NIO
    // alone on another file system, whose paths java.io cannot name.
    if (from.getFileSystem() == FileSystems.getDefault() && from.toFile().renameTo(to.toFile())) {
      return;
    }
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The attributes of {@code file} itself, a link not followed; null when nothing is there (or it
   * cannot be reached, as {@code Files.exists} says).
   */
  default @Nullable BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null; // missing, or a parent is not a folder
    }
  }

  /**
   * The {@link FileStamp} of {@code file} now; null when it is not a regular file (or cannot be
   * reached).
   */
  default @Nullable FileStamp stamp(Path file) {
    return FileStamp.of(file);
  }

  /**
   * Creates the folder {@code dir}, whose parent exists; fails with {@code
   * FileAlreadyExistsException} when something is at its path.
   */
  default void createFolder(Path dir) throws IOException {
    // java.io's mkdir: the same mkdir(2), less for a cold JVM to compile (PROFILE.md, section
    // 14.3); NIO's only when it fails, to say why
    if (dir.getFileSystem() != FileSystems.getDefault() || !dir.toFile().mkdir()) {
      Files.createDirectory(dir);
    }
  }

  /**
   * Whether {@code dir} is on a memory file system (tmpfs, ramfs), where forcing returns at once:
   * there is nothing to wait for. False when the file system cannot be told.
   */
  default boolean inMemory(Path dir) {
    try {
      String type = Files.getFileStore(dir).type();
      return type.equals("tmpfs") || type.equals("ramfs");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  default void delete(Path file) throws IOException {
    Files.delete(file);
  }

  /** Whether entries of the folder {@code dir} may be created, renamed and removed. */
  default boolean writable(Path dir) {
    return Files.isWritable(dir);
  }

  /**
   * Forces {@code dir}'s entries (files created, renamed or removed in it) to the disk, where the
   * platform can open a folder for that (Linux and macOS can, Windows cannot; then its file system
   * orders them itself).
   */
  default void sync(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, Options.READ, Options.NO_ATTRIBUTES)) {
      channel.force(true);
    } catch (IOException e) {
      // a folder that cannot be opened or forced: the rename is still atomic, only its durability
      // is the OS's
    }
  }

  /**
   * The options of the writer's opens, made once: {@code FileChannel.open(path, option...)} copies
   * its options into a new {@code HashSet} and passes a new empty attribute array per call: ~220 of
   * the ~560 bytes an open and force of a folder allocated, for ~28,000 opens in a cold
   * 1,000-service run (PROFILE.md section 17.3).
   */
  final class Options {
    static final Set<StandardOpenOption> CREATE_NEW =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);
    static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

    private Options() {}
  }
}
