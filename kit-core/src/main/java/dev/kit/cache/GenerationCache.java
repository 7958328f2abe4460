package dev.kit.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the last generation into a repository rendered, per service: its {@link Fingerprint} and each file it
 * planned with the size and modification time that file had once written. When a service's fingerprint is
 * unchanged and every one of its files still has that size and time, rendering it again would give the same
 * bytes as the disk holds, so {@code kit:generate} skips it.
 *
 * <p>The cache is a hint, never a source of truth: a missing, unreadable or foreign cache is an empty one
 * (everything renders), and it is replaced atomically only after a generation committed. A file edited by
 * hand changes its modification time (and usually its size), so its service renders again; the one blind
 * spot, shared with Git's index, is an edit of the same size within the file system's timestamp resolution
 * of kit's write.
 */
public final class GenerationCache {

  /** The file in the cache folder; a new layout gets a new name, so an old kit's cache is simply not read. */
  static final String FILE = "fingerprints-v1.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One file as written.
   *
   * @param path repository-relative, with {@code /}
   * @param size its size in bytes
   * @param modified its modification time, in nanoseconds since the epoch
   */
  public record Stamp(String path, long size, long modified) {}

  /**
   * One service as last rendered.
   *
   * @param fingerprint its {@link Fingerprint}
   * @param files every file it planned, as written
   * @param warnings what rendering it warned about, repeated when it is skipped
   */
  public record Entry(String fingerprint, List<Stamp> files, List<String> warnings) {
    public Entry {
      Objects.requireNonNull(fingerprint, "fingerprint");
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The file's content.
   *
   * @param root the repository the entries describe; a cache copied from elsewhere is not used
   * @param services entries by service name
   */
  record Content(String root, Map<String, Entry> services) {}

  private final Path dir;
  private final Path root;
  private final Map<String, Entry> entries;

  private GenerationCache(Path dir, Path root, Map<String, Entry> entries) {
    this.dir = dir;
    this.root = root;
    this.entries = entries;
  }

  /** Reads the cache in {@code dir} for the repository at {@code root}; anything unusable reads as empty. */
  public static GenerationCache load(Path dir, Path root) {
    Path file = dir.resolve(FILE);
    Map<String, Entry> entries = new TreeMap<>();
    try {
      if (Files.isRegularFile(file)) {
        Content content = JSON.readValue(Files.readAllBytes(file), Content.class);
        if (content != null && root.toString().equals(content.root()) && content.services() != null) {
          content.services().forEach((service, entry) -> {
            if (service != null && usable(service, entry)) {
              entries.put(service, entry);
            }
          });
        }
      }
    } catch (IOException | RuntimeException e) {
      entries.clear(); // unreadable, corrupt or from an incompatible kit: render everything, as without a cache
    }
    return new GenerationCache(dir, root, entries);
  }

  /**
   * Whether an entry read from disk can be trusted to name only the service's own files: each exactly once,
   * in canonical form under {@code services/<service>/}. Anything else (a hand-edited or damaged cache) is
   * dropped, so that service renders, rather than kept files being counted under another name.
   */
  private static boolean usable(String service, Entry entry) {
    if (entry == null || entry.files() == null || entry.files().isEmpty() || entry.fingerprint() == null
        || entry.warnings() == null || service.isEmpty() || service.contains("/") || service.contains("\\")
        || service.equals(".") || service.equals("..")) {
      return false;
    }
    String prefix = "services/" + service + "/";
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Stamp stamp : entry.files()) {
      String path = stamp == null ? null : stamp.path();
      if (path == null || !path.startsWith(prefix) || path.endsWith("/") || path.contains("\\") || path.contains("//")
          || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")
          || !seen.add(path)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The files of {@code service} when it need not be rendered: its entry has {@code fingerprint}, and every
   * file it lists is still a regular file of the recorded size and modification time.
   */
  public Optional<Entry> fresh(String service, String fingerprint) {
    Entry entry = entries.get(service);
    if (entry == null || !entry.fingerprint().equals(fingerprint)) {
      return Optional.empty();
    }
    for (Stamp stamp : entry.files()) {
      if (stamp == null || stamp.path() == null) {
        return Optional.empty();
      }
      Optional<Stamp> now = stamp(root, stamp.path());
      if (now.isEmpty() || !now.get().equals(stamp)) {
        return Optional.empty();
      }
    }
    return Optional.of(entry);
  }

  /**
   * Replaces every entry with {@code next} and writes the cache atomically: a temporary file in the cache
   * folder, then a move over the old one. Nothing is written when {@code next} is what was read.
   *
   * @throws UncheckedIOException when the cache cannot be written
   */
  public void save(Map<String, Entry> next) {
    if (entries.equals(next) && Files.isRegularFile(dir.resolve(FILE))) {
      return; // a generation that changed nothing leaves the cache as it was: no write, not even there
    }
    entries.clear();
    entries.putAll(next);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, FILE, ".tmp");
      try {
        Files.write(temp, JSON.writeValueAsBytes(new Content(root.toString(), new TreeMap<>(next))));
        try {
          Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kit cache in " + dir, e);
    }
  }

  /**
   * The stamps of {@code paths} as they are on disk now, or empty when one is not a regular file (then the
   * service is not cached, and renders next time).
   */
  public static Optional<List<Stamp>> stamps(Path root, Collection<String> paths) {
    List<Stamp> stamps = new ArrayList<>(paths.size());
    for (String path : paths) {
      Optional<Stamp> stamp = stamp(root, path);
      if (stamp.isEmpty()) {
        return Optional.empty();
      }
      stamps.add(stamp.get());
    }
    return Optional.of(stamps);
  }

  private static Optional<Stamp> stamp(Path root, String path) {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(new Stamp(path, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "GenerationCache[" + dir + "]";
  }
}
