package dev.kit.cache;

import dev.kit.layout.RepositoryLayout;
import dev.kit.plan.RepositoryRoot;
import dev.kit.write.FileStamp;
import dev.kit.write.PlanWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * What the last generation into a repository rendered, per service: its {@link Fingerprint} and
 * each file it planned with the size, modification time, change time and inode that file had once
 * written. When a service's fingerprint is unchanged and every one of its files still has that
 * size, those times and that inode, rendering it again would give the same bytes as the disk holds,
 * so {@code kit:generate} skips it.
 *
 * <p>The cache is a hint, never a source of truth: a missing, unreadable or foreign cache is an
 * empty one (everything renders), and it is replaced atomically only after a generation committed.
 * It compares what Git's index compares beyond size and modification time: an edit changes the
 * change time even when the modification time is set back ({@code touch -r}, a tool that keeps
 * times), and an editor that saves by renaming a new file changes the inode. Where the file system
 * has neither (no {@code unix} attribute view), size and modification time remain, with their blind
 * spot: an edit of the same size within the timestamp resolution of kit's write.
 */
public final class GenerationCache {

  /**
   * The file in the cache folder; a new layout gets a new name, so an old kit's cache is simply not
   * read.
   */
  static final String FILE = RepositoryLayout.CACHE_FILE;

  /**
   * One file as written.
   *
   * @param path repository-relative, with {@code /}
   * @param size its size in bytes
   * @param modified its modification time, in nanoseconds since the epoch
   * @param changed its status change time (ctime), in nanoseconds since the epoch; 0 where the file
   *     system has none
   * @param inode its inode number; 0 where the file system has none
   */
  public record Stamp(String path, long size, long modified, long changed, long inode) {

    /** The stamp of the file at {@code path} as {@code stamp} saw it. */
    public static Stamp of(String path, FileStamp stamp) {
      return new Stamp(path, stamp.size(), stamp.modified(), stamp.changed(), stamp.inode());
    }
  }

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

    /** The paths of {@link #files}, in their order. */
    public List<String> paths() {
      List<String> paths = new ArrayList<>(files.size());
      for (Stamp stamp : files) {
        paths.add(stamp.path());
      }
      return paths;
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

  /**
   * Reads the cache in {@code dir} for the repository at {@code root}; anything unusable reads as
   * empty. Removes the temporary files a run that stopped while saving left there.
   */
  public static GenerationCache load(Path dir, Path root) {
    Path file = dir.resolve(FILE);
    removeLeftovers(dir);
    Map<String, Entry> entries = new TreeMap<>();
    try {
      if (Files.isRegularFile(file)) {
        Content content = read(Files.readAllBytes(file));
        if (root.toString().equals(content.root())) {
          content
              .services()
              .forEach(
                  (service, entry) -> {
                    if (usable(service, entry)) {
                      entries.put(service, entry);
                    }
                  });
        }
      }
    } catch (IOException | RuntimeException e) {
      entries.clear(); // unreadable, corrupt or from an incompatible kit: render everything, as
      // without a cache
    }
    return new GenerationCache(dir, root, entries);
  }

  /**
   * Whether an entry read from disk can be trusted to name only the service's own files: each
   * exactly once, in canonical form under {@code services/<service>/}. Anything else (a hand-edited
   * or damaged cache) is dropped, so that service renders, rather than kept files being counted
   * under another name.
   */
  private static boolean usable(String service, Entry entry) {
    if (entry.files().isEmpty()
        || service.isEmpty()
        || service.contains("/")
        || service.contains("\\")
        || service.equals(".")
        || service.equals("..")) {
      return false;
    }
    String prefix = RepositoryLayout.SERVICES + "/" + service + "/";
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Stamp stamp : entry.files()) {
      String path = stamp.path();
      if (!path.startsWith(prefix) || !RepositoryRoot.isPlain(path) || !seen.add(path)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The files of {@code service} when it need not be rendered: its entry has {@code fingerprint},
   * and every file it lists is still a regular file of the recorded size and modification time.
   */
  public Optional<Entry> fresh(String service, String fingerprint) {
    Entry entry = entries.get(service);
    if (entry == null || !entry.fingerprint().equals(fingerprint)) {
      return Optional.empty();
    }
    for (Stamp stamp : entry.files()) {
      Optional<Stamp> now = stamp(root, stamp.path());
      if (now.isEmpty() || !now.get().equals(stamp)) {
        return Optional.empty();
      }
    }
    return Optional.of(entry);
  }

  /**
   * Replaces every entry with {@code next} and writes the cache atomically: a temporary file in the
   * cache folder, then a move over the old one. Nothing is written when {@code next} is what was
   * read.
   *
   * @throws UncheckedIOException when the cache cannot be written
   */
  public void save(Map<String, Entry> next) {
    if (entries.equals(next) && Files.isRegularFile(dir.resolve(FILE))) {
      return; // a generation that changed nothing leaves the cache as it was: no write, not even
      // there
    }
    entries.clear();
    entries.putAll(next);
    try {
      Files.createDirectories(dir);
      Path temp =
          dir.resolve(
              "."
                  + FILE
                  + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + PlanWriter.TEMPORARY_SUFFIX);
      try {
        Files.write(
            temp,
            write(new Content(root.toString(), new TreeMap<>(next))),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        try {
          Files.move(
              temp,
              dir.resolve(FILE),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
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
   * The file's bytes, through {@link DataOutputStream}: a header, the root, then per service its
   * name, fingerprint, stamps and warnings, each list after its size and each string as its UTF-8
   * length and bytes. Not JSON: the JDK's data streams are loaded already, where Jackson's parser
   * and generator cost a cold run some hundred classes and ~100 ms of CPU each way (PROFILE section
   * 14, generation cache).
   */
  static byte[] write(Content content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 1024 * content.services().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      string(out, HEADER);
      string(out, content.root());
      out.writeInt(content.services().size());
      for (Map.Entry<String, Entry> service : content.services().entrySet()) {
        Entry entry = service.getValue();
        string(out, service.getKey());
        string(out, entry.fingerprint());
        out.writeInt(entry.files().size());
        for (Stamp stamp : entry.files()) {
          string(out, stamp.path());
          out.writeLong(stamp.size());
          out.writeLong(stamp.modified());
          out.writeLong(stamp.changed());
          out.writeLong(stamp.inode());
        }
        out.writeInt(entry.warnings().size());
        for (String warning : entry.warnings()) {
          string(out, warning);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail to write", e);
    }
    return bytes.toByteArray();
  }

  /** What the file starts with: another kit's or another program's file is not read. */
  private static final String HEADER = "kit generation cache 3";

  /**
   * The file's content as {@link #write} wrote it.
   *
   * @throws IllegalStateException when it is not that, a byte more or less
   */
  static Content read(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      if (!HEADER.equals(string(in))) {
        throw new IllegalStateException("not a kit generation cache");
      }
      String root = string(in);
      Map<String, Entry> services = new TreeMap<>();
      for (int s = size(in); s > 0; s--) {
        String service = string(in);
        String fingerprint = string(in);
        List<Stamp> files = new ArrayList<>();
        for (int f = size(in); f > 0; f--) {
          files.add(
              new Stamp(string(in), in.readLong(), in.readLong(), in.readLong(), in.readLong()));
        }
        List<String> warnings = new ArrayList<>();
        for (int w = size(in); w > 0; w--) {
          warnings.add(string(in));
        }
        services.put(service, new Entry(fingerprint, files, warnings));
      }
      if (in.available() != 0) {
        throw new IllegalStateException("bytes after the last service");
      }
      return new Content(root, services);
    } catch (IOException e) {
      throw new IllegalStateException("a truncated kit generation cache", e);
    }
  }

  private static void string(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String string(DataInputStream in) throws IOException {
    return new String(in.readNBytes(size(in)), StandardCharsets.UTF_8);
  }

  /**
   * A length or a count, which no more bytes than are left can hold: a damaged file fails here
   * instead of allocating what it claims.
   */
  private static int size(DataInputStream in) throws IOException {
    int size = in.readInt();
    if (size < 0 || size > in.available()) {
      throw new IllegalStateException("a size of " + size + " with " + in.available() + " left");
    }
    return size;
  }

  /**
   * Deletes the temporary files of saves that never finished, this kit's ({@code *.kit-tmp}) and
   * older kits' ({@code fingerprints-*.tmp}), and older kits' cache files ({@code
   * fingerprints-v2.json} and before), which this kit does not read. The folder is kit's alone; a
   * file it cannot delete stays for the next run.
   */
  private static void removeLeftovers(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return name.endsWith(PlanWriter.TEMPORARY_SUFFIX)
                    || (name.startsWith("fingerprints-") && !name.equals(FILE));
              })
          .forEach(
              file -> {
                try {
                  Files.deleteIfExists(file);
                } catch (IOException e) {
                  // left for the next run
                }
              });
    } catch (IOException e) {
      // an unreadable cache folder reads as an empty cache anyway
    }
  }

  /** The stamp of the file at {@code path} now, or empty when it is not a regular file. */
  private static Optional<Stamp> stamp(Path root, String path) {
    Path file = RepositoryRoot.under(root, path);
    FileStamp stamp = file == null ? null : FileStamp.of(file);
    return stamp == null ? Optional.empty() : Optional.of(Stamp.of(path, stamp));
  }

  @Override
  public String toString() {
    return "GenerationCache[" + dir + "]";
  }
}
