package dev.kit.migration;

import dev.kit.plan.RepositoryLinkException;
import dev.kit.plan.RepositoryRoot;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The migration files of one directory, as Atlas reads them: the top-level {@code *.sql} files
 * only, in byte-wise name order. {@code atlas.sum}, other files and subfolders are not migrations;
 * the names among them that look like SQL are kept as {@link #ignored()}, so kit can say that Atlas
 * never runs them. Immutable; its {@link #sum()} is computed once, shared by the generation cache's
 * fingerprint and the rendered {@code atlas.sum}, so each file is hashed once per run.
 */
public final class MigrationDirectory {

  /** The integrity file Atlas keeps beside the migrations. */
  public static final String SUM_FILE = "atlas.sum";

  /**
   * Keys plus values per migrations ConfigMap. The API server rejects a ConfigMap whose keys and
   * values exceed 1 MiB ({@code MaxConfigMapSize}); 900 KiB leaves room for metadata within etcd's
   * request limit.
   */
  public static final int CONFIGMAP_BUDGET_BYTES = 900 * 1024;

  /**
   * What the files and {@code atlas.sum} count against a ConfigMap's size limit: names plus raw
   * bytes.
   */
  public long configMapBytes() {
    long total = (long) SUM_FILE.length() + sum().toBytes().length;
    for (MigrationFile file : files) {
      total += file.name().length() + file.size();
    }
    return total;
  }

  private final List<MigrationFile> files;
  private final List<String> ignored;

  /** Written once by the first {@link #sum()}; racing threads compute equal sums. */
  private volatile @Nullable AtlasSum sum;

  /**
   * @param files the migration files, in any order: they are sorted as Atlas sorts them
   */
  public MigrationDirectory(List<MigrationFile> files) {
    this(files, List.of());
  }

  /**
   * @param files the migration files, in any order: they are sorted as Atlas sorts them
   * @param ignored what Atlas does not read but looks like SQL, as {@link #ignored()} names it, in
   *     any order
   */
  public MigrationDirectory(List<MigrationFile> files, List<String> ignored) {
    List<MigrationFile> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> MigrationFile.compareNames(a.name(), b.name()));
    this.files = List.copyOf(sorted);
    List<String> names = new ArrayList<>(ignored);
    names.sort(MigrationFile::compareNames);
    this.ignored = List.copyOf(names);
  }

  /** The migration files, sorted as Atlas sorts them. */
  public List<MigrationFile> files() {
    return files;
  }

  /**
   * What Atlas never reads, though its name looks like SQL, sorted by name: a file whose name ends
   * in {@code .sql} in another case ({@code 1_a.SQL}) or goes on after it ({@code 1_a.sql.txt}),
   * and such a file in a subfolder, named with it ({@code old/1_a.sql}). Atlas globs {@code *.sql}
   * in the folder itself, case-sensitively.
   */
  public List<String> ignored() {
    return ignored;
  }

  /**
   * Reads the {@code *.sql} files directly in {@code dir}, which is its own repository: links may
   * not lead out of it. A missing directory has none.
   */
  public static MigrationDirectory read(Path dir) {
    RepositoryRoot root = RepositoryRoot.of(dir);
    return read(root, root.path());
  }

  /**
   * Reads the {@code *.sql} files directly in {@code dir}, a folder of the repository at {@code
   * root}; a missing directory has none. The folder and its files may be symbolic links that stay
   * inside the repository.
   *
   * @throws RepositoryLinkException naming every link on the way that leads outside the repository
   *     or to nothing: a migration is never read from elsewhere, nor silently dropped
   */
  public static MigrationDirectory read(RepositoryRoot root, Path dir) {
    root.checkRead(dir);
    // java.io lists and reads, not NIO, where it can be trusted with the names: in a cold JVM its
    // native calls cost a fraction of NIO's paths, channels and their compilations (PROFILE.md
    // section 14). Each file's link check stays with NIO: java.io cannot tell a link from its
    // target.
    String[] names = RepositoryRoot.namesThroughJavaIo(dir);
    if (names == null) {
      return readThroughNio(root, dir);
    }
    File folder = dir.toFile();
    List<MigrationFile> files = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<RepositoryLinkException.Link> links = new ArrayList<>();
    try {
      for (String name : names) {
        if (!name.endsWith(".sql")) {
          ignore(dir.resolve(name), name, ignored);
          continue;
        }
        long size = migrationSize(root, dir.resolve(name), links);
        if (size != NOT_A_MIGRATION) {
          files.add(MigrationFile.read(name, new File(folder, name), size));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migrations in " + dir, e);
    }
    return of(files, ignored, links);
  }

  /** {@link #read(RepositoryRoot, Path)} through NIO's paths, which keep the names' bytes. */
  private static MigrationDirectory readThroughNio(RepositoryRoot root, Path dir) {
    if (!Files.isDirectory(dir)) {
      return new MigrationDirectory(List.of());
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<MigrationFile> files = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      List<RepositoryLinkException.Link> links = new ArrayList<>();
      for (Path path : (Iterable<Path>) entries::iterator) {
        String name = path.getFileName().toString();
        if (!name.endsWith(".sql")) {
          ignore(path, name, ignored);
        } else if (isMigration(root, path, links)) {
          files.add(MigrationFile.read(name, path));
        }
      }
      return of(files, ignored, links);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migrations in " + dir, e);
    }
  }

  /**
   * Whether {@code path} is a migration to read: a regular file, or a link to one inside the
   * repository. A link that leads outside or to nothing joins {@code links}; anything else (a
   * folder, a pipe) is no migration.
   */
  private static boolean isMigration(
      RepositoryRoot root, Path path, List<RepositoryLinkException.Link> links) throws IOException {
    return migrationSize(root, path, links) != NOT_A_MIGRATION;
  }

  /** What {@link #migrationSize} returns for a path {@link #isMigration} refuses. */
  private static final long NOT_A_MIGRATION = Long.MIN_VALUE;

  /**
   * {@link #isMigration}, and the size its {@code lstat} saw: the file's size for a regular file,
   * -1 for a link to one (the link's own size is not its target's), {@link #NOT_A_MIGRATION} for
   * anything {@code isMigration} refuses.
   */
  private static long migrationSize(
      RepositoryRoot root, Path path, List<RepositoryLinkException.Link> links) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isSymbolicLink()) {
      return attributes.isRegularFile() ? attributes.size() : NOT_A_MIGRATION;
    }
    try {
      root.checkRead(path);
    } catch (RepositoryLinkException e) {
      links.addAll(e.links());
      return NOT_A_MIGRATION;
    }
    return Files.isRegularFile(path) ? -1 : NOT_A_MIGRATION;
  }

  /**
   * Adds {@code name}, an entry that does not end in {@code .sql}, to {@code ignored} when it looks
   * like SQL, or the SQL-like names in it when it is a subfolder (not a link). Only a name that
   * looks like neither {@code atlas.sum} nor SQL costs a {@code stat}: a folder of migrations and
   * its sum costs none.
   */
  private static void ignore(Path path, String name, List<String> ignored) throws IOException {
    if (looksLikeSql(name)) {
      ignored.add(name);
    } else if (!name.equals(SUM_FILE) && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> entries = Files.list(path)) {
        for (Path entry : (Iterable<Path>) entries::iterator) {
          String inner = entry.getFileName().toString();
          if (inner.endsWith(".sql") || looksLikeSql(inner)) {
            ignored.add(name + "/" + inner);
          }
        }
      }
    }
  }

  /**
   * Whether a name means SQL to a reader though Atlas does not glob it: {@code .sql} in any case,
   * at the end or before another extension or a backup's {@code ~} ({@code 1_a.SQL}, {@code
   * 1_a.sql.txt}, {@code 1_a.sql~}), not inside a word ({@code data.sqlite}).
   */
  static boolean looksLikeSql(String name) {
    int at = name.toLowerCase(Locale.ROOT).indexOf(".sql");
    while (at >= 0) {
      int after = at + ".sql".length();
      if (after == name.length() || !Character.isLetterOrDigit(name.charAt(after))) {
        return true;
      }
      at = name.toLowerCase(Locale.ROOT).indexOf(".sql", after);
    }
    return false;
  }

  private static MigrationDirectory of(
      List<MigrationFile> files, List<String> ignored, List<RepositoryLinkException.Link> links) {
    if (!links.isEmpty()) {
      throw new RepositoryLinkException(links);
    }
    return new MigrationDirectory(files, ignored);
  }

  /** These files and {@code file}, whose name none of them has. */
  public MigrationDirectory with(MigrationFile file) {
    List<MigrationFile> more = new ArrayList<>(files);
    more.add(file);
    return new MigrationDirectory(more, ignored);
  }

  /** The {@code atlas.sum} Atlas would write for these files, computed on first use. */
  public AtlasSum sum() {
    AtlasSum computed = sum;
    if (computed == null) {
      computed = AtlasSum.of(files);
      sum = computed;
    }
    return computed;
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /**
   * Feeds what tells these files apart to {@code digest}, as the generation cache's fingerprint
   * wants, reading each file's content once per run: each name, then the file's hash in {@link
   * #sum()} (which chains every name and content up to it), or the whole content of a file {@code
   * atlas.sum} leaves out ({@code -- atlas:sum ignore}).
   */
  public void digest(MessageDigest digest) {
    List<AtlasSum.Entry> entries = sum().entries();
    int entry = 0;
    byte[] prefix = new byte[1 + Integer.BYTES]; // one for every part, not a buffer per part
    for (MigrationFile file : files) {
      digestPart(digest, prefix, 'n', file.name().getBytes(StandardCharsets.UTF_8));
      // The sum lists its files in this order; a file it does not list is one it leaves out.
      if (entry < entries.size() && entries.get(entry).name().equals(file.name())) {
        digestPart(
            digest, prefix, 'h', entries.get(entry++).hash().getBytes(StandardCharsets.US_ASCII));
      } else {
        digestPart(digest, prefix, 'c', file.rawContent());
      }
    }
    // What Atlas ignores changes kit's warnings, which the cache keeps with the files.
    for (String name : ignored) {
      digestPart(digest, prefix, 'i', name.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Bytes prefixed by what they are and their length (big-endian), so no two sequences of parts
   * agree; {@code prefix} is scratch space for the prefix.
   */
  private static void digestPart(MessageDigest digest, byte[] prefix, char kind, byte[] bytes) {
    int length = bytes.length;
    prefix[0] = (byte) kind;
    prefix[1] = (byte) (length >>> 24);
    prefix[2] = (byte) (length >>> 16);
    prefix[3] = (byte) (length >>> 8);
    prefix[4] = (byte) length;
    digest.update(prefix);
    digest.update(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MigrationDirectory other
        && files.equals(other.files)
        && ignored.equals(other.ignored);
  }

  @Override
  public int hashCode() {
    return 31 * files.hashCode() + ignored.hashCode();
  }

  @Override
  public String toString() {
    return "MigrationDirectory[files=" + files + ", ignored=" + ignored + "]";
  }
}
