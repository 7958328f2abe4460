package dev.kit.write;

import dev.kit.plan.FilePlan;
import dev.kit.plan.GeneratedHeader;
import dev.kit.plan.RepositoryRoot;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Compares one planned file with what the disk holds at its path, and answers what every write asks
 * first: whether a link or a file is in the way. Safe to use from several threads; it remembers
 * each folder's link answer.
 */
final class Inspector {

  /**
   * How many bytes decide whether a file carries the header; {@link GeneratedHeader} looks no
   * further.
   */
  private static final int HEAD_BYTES = 1024;

  enum State {
    MISSING,
    STALE,
    UNCHANGED,
    CONFLICT
  }

  /**
   * What the disk holds at one planned path.
   *
   * @param current the file's bytes when {@code STALE} and asked for, else null
   * @param conflict why kit will not write the path, when {@code CONFLICT}
   * @param stamp the file as stamped right before its bytes were read, when {@code UNCHANGED} and
   *     asked for, else null
   */
  @SuppressWarnings("ArrayRecordComponent") // read once by the writer, never compared
  record Inspection(
      State state,
      byte @Nullable [] current,
      @Nullable String conflict,
      @Nullable FileStamp stamp) {}

  private final RepositoryRoot repository;
  private final Path root;
  private final Disk disk;

  /**
   * What each folder under the root is, by its repository-relative path ("" the root), looked at
   * once per folder: one session's view, since it trusts what it saw for the rest of the session.
   * Keyed by the path as text, not a {@code Path}: every planned file looks up its folder, and a
   * {@code String}'s hash and equality are compiled already (PROFILE.md, section 16.3).
   */
  private final Map<String, Folder> folders = new ConcurrentHashMap<>();

  /**
   * What a folder under the root is.
   *
   * @param link the first symbolic link on the way to it, itself included, repository-relative; ""
   *     when none
   * @param blocking the first file (not a folder) on the way to it, itself included,
   *     repository-relative; null when none
   * @param exists whether it is a real folder, so files in it need looking at
   */
  private record Folder(String link, @Nullable String blocking, boolean exists) {}

  private static final Folder REAL = new Folder("", null, true);
  private static final Folder MISSING = new Folder("", null, false);

  Inspector(RepositoryRoot repository, Disk disk) {
    this.repository = repository;
    this.root = repository.path();
    this.disk = disk;
  }

  /**
   * At most one look at a planned file, none when its folder does not exist; the bytes are read
   * only when the size says they may be equal, and otherwise just the head that decides whether kit
   * may overwrite the file (unless {@code wantBytes}, for a diff). With {@code wantStamp}, a file
   * that may be equal is stamped right before its bytes are read, so the stamp of an unchanged file
   * describes at most the bytes compared: an edit after it changes the stamp.
   */
  Inspection inspect(FilePlan plan, String path, boolean wantBytes, boolean wantStamp) {
    String relative = relative(path);
    Folder folder = folder(parent(relative));
    if (!folder.link().isEmpty()) {
      return conflict(throughLink(path, folder.link()));
    }
    if (folder.blocking() != null) {
      return conflict(blockedBy(path, folder.blocking()));
    }
    if (!folder.exists()) {
      return new Inspection(State.MISSING, null, null, null);
    }
    Path file = root.resolve(relative);
    BasicFileAttributes attributes = disk.attributes(file);
    if (attributes == null) {
      return new Inspection(State.MISSING, null, null, null);
    }
    if (attributes.isDirectory()) {
      return conflict(path + " is a directory; move it away so kit can write the file");
    }
    if (attributes.isSymbolicLink()) {
      return conflict(
          path + " is a symbolic link; kit writes regular files only, so remove the link");
    }
    ByteBuffer planned = Objects.requireNonNull(plan.view(path)); // a path of the plan
    byte[] current;
    if (attributes.size() == planned.remaining()) {
      FileStamp stamp = wantStamp ? disk.stamp(file) : null;
      current = read(file);
      if (ByteBuffer.wrap(current).equals(planned)) {
        return new Inspection(State.UNCHANGED, null, null, stamp);
      }
    } else {
      current = wantBytes ? read(file) : head(file);
    }
    if (mayOverwrite(plan.isHeaderless(path), current)) {
      return new Inspection(State.STALE, wantBytes ? current : null, null, null);
    }
    String whose =
        GeneratedHeader.foreign(current)
            .map(header -> " was generated by another tool ('" + header + "'), so kit")
            .orElse(
                " exists without the '# Code generated by kit' header, so kit did not write it and");
    return conflict(
        path
            + whose
            + " will not overwrite it; move it away (or delete it) and run kit:generate again");
  }

  private static Inspection conflict(String why) {
    return new Inspection(State.CONFLICT, null, why, null);
  }

  /** Whether kit may replace a file that starts with {@code head}. */
  static boolean mayOverwrite(boolean headerless, byte[] head) {
    if (headerless) {
      // atlas.sum is Atlas's format and always derived from the SQL beside it; an empty one is fine
      // too.
      return head.length == 0
          || new String(head, 0, Math.min(head.length, 3), StandardCharsets.US_ASCII).equals("h1:");
    }
    return GeneratedHeader.isPresent(head);
  }

  /** Whether the file at {@code path} starts with kit's header: a generated file kit may delete. */
  boolean isGenerated(String path) {
    return GeneratedHeader.isPresent(head(resolve(path)));
  }

  /**
   * The first symbolic link among the folders between the root and {@code file} (not {@code file}
   * itself), repository-relative; empty when kit may write there.
   *
   * @param file as {@link #relative} gives it
   */
  Optional<String> linkOnTheWay(String file) {
    String link = folder(parent(file)).link();
    return link.isEmpty() ? Optional.empty() : Optional.of(link);
  }

  /**
   * Whether {@code dir}, a folder under the root as {@link #relative} gives it ("" the root), was a
   * real folder when first looked at.
   */
  boolean isFolder(String dir) {
    return folder(dir).exists();
  }

  /**
   * What {@code dir} is, from what its parent is (nothing is looked at below a folder that is
   * missing, a file or a link) and one look at {@code dir} itself.
   *
   * @param dir as {@link #relative} gives it; "" is the root
   */
  private Folder folder(String dir) {
    if (dir.isEmpty()) {
      return REAL;
    }
    Folder known = folders.get(dir);
    if (known != null) {
      return known;
    }
    Folder above = folder(parent(dir));
    Folder folder;
    if (!above.exists()) {
      folder = above.link().isEmpty() && above.blocking() == null ? MISSING : above;
    } else {
      BasicFileAttributes attributes = disk.attributes(root.resolve(dir));
      if (attributes == null) {
        folder = MISSING;
      } else if (attributes.isSymbolicLink()) {
        folder = new Folder(dir, null, false);
      } else if (attributes.isDirectory()) {
        folder = REAL;
      } else {
        folder = new Folder("", dir, false);
      }
    }
    folders.put(dir, folder);
    return folder;
  }

  /** The folder of {@code relative}, as {@link #relative} gives both; "" for the root. */
  static String parent(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** Why {@code path} cannot be written: {@code link} is on the way to it. */
  String throughLink(String path, String link) {
    return path
        + " cannot be written: "
        + link
        + " is a symbolic link (to "
        + RepositoryRoot.target(root.resolve(link))
        + "), and kit never writes through a link; replace it with a real folder";
  }

  /**
   * Why kit may not create {@code path}, a file it did not generate (such as a new migration), or
   * null when it may: a link or a file on the way, as {@link #inspect} says it, or anything at the
   * path itself, which kit never overwrites. One look at the path, none when its folder is missing.
   */
  @Nullable String conflictForNew(String path) {
    String onTheWay = onTheWay(path);
    if (onTheWay != null) {
      return onTheWay;
    }
    String relative = relative(path);
    if (folder(parent(relative)).exists() && disk.attributes(root.resolve(relative)) != null) {
      return path + " already exists; kit never overwrites it: choose another name or move it away";
    }
    return null;
  }

  /**
   * Why kit may not write or delete anything at {@code path}: a symbolic link or a file on the way
   * to it, as {@link #inspect} says it; null when its folders are real (or missing).
   */
  @Nullable String onTheWay(String path) {
    Folder folder = folder(parent(relative(path)));
    if (!folder.link().isEmpty()) {
      return throughLink(path, folder.link());
    }
    if (folder.blocking() != null) {
      return blockedBy(path, folder.blocking());
    }
    return null;
  }

  private static String blockedBy(String path, String blocking) {
    return path + " cannot be created: " + blocking + " is not a directory; move it away";
  }

  /** The file at the repository-relative {@code path}, which must not leave the repository. */
  Path resolve(String path) {
    return root.resolve(relative(path));
  }

  /**
   * The repository-relative {@code path}, which must not leave the repository, in the form {@link
   * RepositoryRoot#relative} gives: {@code path} itself when it is {@linkplain
   * RepositoryRoot#isPlain plain}, as every path kit plans is.
   */
  String relative(String path) {
    if (RepositoryRoot.isPlain(path)) {
      return path;
    }
    Path file = RepositoryRoot.under(root, path);
    if (file == null) {
      throw new IllegalArgumentException("planned path escapes the repository: " + path);
    }
    return repository.relative(file);
  }

  /**
   * The bytes of {@code file}, read through java.io: a cold JVM compiles less of it than of NIO's
   * {@code Files.readAllBytes}, and reads thousands of files for less CPU (PROFILE.md, section
   * 14.3). Through NIO on another file system (a zip archive), and where java.io cannot find the
   * file by the name it spells (a path that is not ASCII, in a non-UTF-8 locale): NIO keeps the
   * path's bytes, and reads the file or says why not.
   */
  static byte[] read(Path file) {
    try {
      if (file.getFileSystem() == FileSystems.getDefault()) {
        try (InputStream in = new FileInputStream(file.toFile())) {
          return in.readAllBytes();
        } catch (FileNotFoundException e) {
          // NIO's turn, below
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The first bytes of {@code file}, as {@link #read} reads. */
  static byte[] head(Path file) {
    try {
      if (file.getFileSystem() == FileSystems.getDefault()) {
        try (InputStream in = new FileInputStream(file.toFile())) {
          return in.readNBytes(HEAD_BYTES);
        } catch (FileNotFoundException e) {
          // NIO's turn, below
        }
      }
      try (InputStream in = Files.newInputStream(file)) {
        return in.readNBytes(HEAD_BYTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
