package dev.kit.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The repository kit reads and writes, by its real path, and kit's policy for symbolic links in it:
 * nothing outside the repository, ever.
 *
 * <ul>
 *   <li>Reading follows a link only when the link leads to a file or folder inside the repository
 *       (a migration shared by two services, say); a link that leads outside, or nowhere, is an
 *       error naming the link.
 *   <li>Writing never goes through a link, not even one that stays inside: every folder between the
 *       repository and a file kit writes or deletes is a real folder, so two planned paths can
 *       never be one file.
 * </ul>
 *
 * Links above the repository (a home folder on another disk) are fine: kit works from the root's
 * real path.
 */
public final class RepositoryRoot {

  private final Path path;

  private RepositoryRoot(Path path) {
    this.path = path;
  }

  /** The repository at {@code root}, which need not exist yet. */
  public static RepositoryRoot of(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return new RepositoryRoot(absolute);
    }
    try {
      return new RepositoryRoot(existing.toRealPath().resolve(existing.relativize(absolute)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the repository " + root, e);
    }
  }

  /** The repository's real path. */
  public Path path() {
    return path;
  }

  /** {@code relative} (with {@code /}) under the root, which it must not leave lexically. */
  public Path resolve(String relative) {
    Path file = under(path, relative);
    if (file == null) {
      throw new IllegalArgumentException("a path outside the repository: " + relative);
    }
    return file;
  }

  /**
   * {@code relative} (with {@code /}) resolved under {@code root}, or null when it leaves {@code
   * root} lexically or names {@code root} itself. A {@linkplain #isPlain plain} path, as every path
   * kit plans is, resolves as it is; any other is normalised first. The one escape check of the
   * writer, the journal and the cache, each of which says in its own words what it refuses.
   */
  public static @Nullable Path under(Path root, String relative) {
    if (isPlain(relative)) {
      return root.resolve(relative);
    }
    Path file = root.resolve(relative).normalize();
    return file.startsWith(root) && !file.equals(root) ? file : null;
  }

  /**
   * Whether {@code relative} is in the form {@link #relative} gives a path under the root: names
   * joined by single {@code /}, none empty, {@code .} or {@code ..}, and no {@code \} or {@code :}
   * (a separator or a drive on Windows). Such a path resolves under the root as it is, with no
   * {@code normalize} and no check: the writer and the cache resolve every planned file, and a cold
   * JVM compiles what NIO's paths do per call (PROFILE.md, section 16.3). The writer then keys
   * folders by this text, case and all: kit's names are lower-case labels, so on a file system that
   * ignores case no two of its paths differ only in case.
   */
  public static boolean isPlain(String relative) {
    return relative.indexOf('\\') < 0 && relative.indexOf(':') < 0 && hasPlainNames(relative);
  }

  /**
   * Whether {@code relative} is names joined by single {@code /}, none empty, {@code .} or {@code
   * ..}: a path no normalising would change.
   */
  private static boolean hasPlainNames(String relative) {
    int start = 0;
    for (int at = 0; at <= relative.length(); at++) {
      if (at == relative.length() || relative.charAt(at) == '/') {
        int length = at - start;
        if (length == 0
            || (relative.charAt(start) == '.'
                && (length == 1 || (length == 2 && relative.charAt(start + 1) == '.')))) {
          return false;
        }
        start = at + 1;
      }
    }
    return true;
  }

  /** {@code file}, a path under the root, relative to it with {@code /}: how messages name it. */
  public String relative(Path file) {
    return path.relativize(file).toString().replace('\\', '/');
  }

  /**
   * Checks that reading {@code file} (a path under the root) stays inside the repository: the file
   * or folder and every folder above it either is no link, or is a link to something that exists
   * inside. Nothing there at all is fine (the caller decides what a missing file means).
   *
   * @throws RepositoryLinkException naming the first link that leads outside or nowhere
   */
  public void checkRead(Path file) {
    if (!file.startsWith(path)) {
      throw new IllegalArgumentException(file + " is not in the repository " + path);
    }
    Path current = path;
    for (Path name : path.relativize(file)) {
      current = current.resolve(name);
      BasicFileAttributes attributes = attributes(current);
      if (attributes == null) {
        return; // nothing there: missing, which is the caller's to report
      }
      if (!attributes.isSymbolicLink()) {
        continue;
      }
      Path real;
      try {
        real = current.toRealPath();
      } catch (NoSuchFileException e) {
        throw new RepositoryLinkException(
            new RepositoryLinkException.Link(relative(current), target(current), false));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + current, e);
      }
      if (!real.startsWith(path)) {
        throw new RepositoryLinkException(
            new RepositoryLinkException.Link(relative(current), target(current), true));
      }
    }
  }

  /** Where the link at {@code link} points, as written in it. */
  public static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "?";
    }
  }

  /** The attributes of {@code file} itself, a link not followed; null when nothing is there. */
  private static @Nullable BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /**
   * The names in {@code dir} as java.io lists them, or null where only NIO can be trusted with
   * them. java.io lists a folder in one native call, without a {@code Path} a name, and a cold JVM
   * pays a fraction of NIO's cost for it (PROFILE.md, section 14). Null: another file system (a zip
   * archive), which java.io cannot reach; a folder java.io cannot list, where NIO says why; and a
   * name that is not ASCII, which java.io may spell otherwise than the folder holds it (a non-UTF-8
   * locale replaces its bytes, macOS composes it). java.io cannot tell a link from its target:
   * links are still NIO's to check.
   */
  public static String @Nullable [] namesThroughJavaIo(Path dir) {
    if (dir.getFileSystem() != FileSystems.getDefault()) {
      return null;
    }
    String[] names = dir.toFile().list();
    if (names == null) {
      return null;
    }
    for (String name : names) {
      for (int i = 0; i < name.length(); i++) {
        if (name.charAt(i) > 0x7F) {
          return null;
        }
      }
    }
    return names;
  }
}
